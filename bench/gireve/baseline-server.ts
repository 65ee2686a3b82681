// The baseline of `npm run bench:gireve`: a minimal Node HTTP server that authenticates nothing,
// validates nothing and journals nothing; it parses each envelope with the portal's XML reader
// (lib/platform/xml/read-xml.ts, saxes), finds the message's EVSE and does ONE INSERT per envelope
// into one table (bench_emip_message, made here) of the same database, through the same driver
// (pg pool of 10, prepared statement), and answers requestStatus 1. Points are resolved once at
// start. Run as a process of its own: `node --import tsx bench/gireve/baseline-server.ts` with
// DATABASE_URL and PORT; prints "listening" when ready. With BASELINE_NO_DB=1 it writes nothing: the
// stand-in target used while the portal has no GIREVE door (BENCH_GIREVE_TARGET=stub).
import http from "node:http";
import pg from "pg";
import { child, readXml, type XmlElement } from "@/lib/platform/xml/read-xml";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const INSERT_SQL = `INSERT INTO bench_emip_message (charge_point_id, kind, at, value) VALUES ($1::uuid, $2, $3::timestamptz, $4)`;

const noDb = process.env.BASELINE_NO_DB === "1";

const leaf = (e: XmlElement | undefined, local: string) => (e ? child(e, local)?.text : undefined);

async function main() {
  await pool.query(
    "CREATE TABLE IF NOT EXISTS bench_emip_message (id bigserial PRIMARY KEY, charge_point_id uuid NOT NULL, kind text NOT NULL, at timestamptz NOT NULL, value text)",
  );
  const { rows } = await pool.query<{ id: string; id_pdc_itinerance: string }>(
    "SELECT id, id_pdc_itinerance FROM charge_point WHERE id_pdc_itinerance IS NOT NULL",
  );
  const points = new Map(rows.map((r) => [r.id_pdc_itinerance, r.id]));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const envelope = readXml(Buffer.concat(chunks).toString("utf8"));
        const message = child(envelope, "Body")!.children[0];
        const record = child(message, "chargeDetailRecord");
        const holder = record ?? message;
        const evse = leaf(holder, "EVSEId")!.replace(/\*/g, "").toUpperCase();
        const at = record ? leaf(record, "endTime") : (leaf(message, "statusEventDate") ?? leaf(message, "busyStatusEventDate"));
        const value = record
          ? child(child(child(record, "meterReportList")!, "meterReport")!, "meterValue")!.text
          : (leaf(message, "busyStatus") ?? leaf(message, "availabilityStatus"));
        if (!noDb)
          await pool.query({
            name: "baseline_insert",
            text: INSERT_SQL,
            values: [points.get(evse), message.local, `${at}${at?.endsWith("Z") ? "" : "Z"}`, value],
          });
        res
          .writeHead(200, { "content-type": "application/soap+xml; charset=utf-8" })
          .end(
            `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Header/><soap:Body><ns:Response xmlns:ns="${message.ns}"><requestStatus>1</requestStatus></ns:Response></soap:Body></soap:Envelope>`,
          );
      } catch (e) {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(e));
      }
    });
  });
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
  process.once("SIGTERM", () => process.exit(0));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
