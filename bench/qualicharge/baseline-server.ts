// The baseline of the single-status comparison (bench/qualicharge/status-single.ts): a minimal
// Node HTTP server that authenticates nothing, validates nothing, journals nothing, and does ONE
// INSERT per request of the posted status into the same table (status_event) of the same
// database, through the same driver (pg pool of 10, prepared statement). Points are resolved
// once at start. Run as a process of its own: `node --import tsx bench/qualicharge/baseline-server.ts`
// with DATABASE_URL and PORT; prints "listening" when ready. Rows go to the sandbox environment.
import http from "node:http";
import { randomUUID } from "node:crypto";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const INSERT_SQL = `
INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, env, etat_pdc, occupation_pdc)
VALUES ($1::uuid, $2::uuid, $3::timestamptz, $4::uuid, 'QUALICHARGE', 'sandbox', $5, $6)`;

async function main() {
  const { rows } = await pool.query<{ id: string; station_id: string; id_pdc_itinerance: string }>(
    "SELECT id, station_id, id_pdc_itinerance FROM charge_point WHERE id_pdc_itinerance IS NOT NULL",
  );
  const points = new Map(rows.map((r) => [r.id_pdc_itinerance, r]));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          id_pdc_itinerance: string;
          horodatage: string;
          etat_pdc: string;
          occupation_pdc: string;
        };
        const point = points.get(body.id_pdc_itinerance)!;
        const id = randomUUID();
        await pool.query({
          text: INSERT_SQL,
          values: [point.station_id, point.id, body.horodatage, id, body.etat_pdc, body.occupation_pdc],
          name: "baseline_insert",
        });
        const answer = JSON.stringify({ id });
        res.writeHead(201, { "content-type": "application/json" }).end(answer);
      } catch (e) {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(e));
      }
    });
  });
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
  process.once("SIGTERM", () => process.exit(0)); // a clean exit, so that a --cpu-prof profile is written
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
