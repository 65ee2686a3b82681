// The baseline of the small-put comparison (bench/ingest/small-puts.ts): a minimal Node HTTP
// server that authenticates nothing, validates nothing, journals nothing, and does ONE INSERT
// per request of the body's operations into the same table of the same database, through the
// same driver (pg pool of 10, prepared statement). Run as a process of its own, like the
// portal's server: `node --import tsx bench/ingest/minimal-server.ts` with DATABASE_URL,
// OPERATOR_ID and PORT; prints "listening" when ready. Rows go to the sandbox environment so
// that they never collide with what the portal's server writes.
import http from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const operatorId = process.env.OPERATOR_ID!;

const INSERT_SQL = `
INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh)
SELECT 'sandbox', $1::uuid, t.station_id, t.transaction_id, to_timestamp(t.start_s), to_timestamp(t.stop_s), t.start_wh, t.stop_wh
  FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])
    AS t(station_id, transaction_id, start_s, stop_s, start_wh, stop_wh)`;

interface Operation {
  StartTransaction: number;
  StopTransaction: number;
  StartValue: number;
  StopValue: number;
}

async function main() {
  // Station codes resolved once at start: the baseline makes no query but its INSERT.
  const { rows } = await pool.query<{ id: string; station_code: string }>("SELECT id, station_code FROM station WHERE operator_id = $1", [operatorId]);
  const stationId = new Map(rows.map((r) => [r.station_code, r.id]));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, Record<string, Record<string, Operation>>>;
        const cols: unknown[][] = [[], [], [], [], [], []];
        for (const stations of Object.values(body))
          for (const [code, txs] of Object.entries(stations))
            for (const [tx, op] of Object.entries(txs)) {
              cols[0].push(stationId.get(code));
              cols[1].push(tx);
              cols[2].push(op.StartTransaction);
              cols[3].push(op.StopTransaction);
              cols[4].push(op.StartValue);
              cols[5].push(op.StopValue);
            }
        await pool.query({ text: INSERT_SQL, values: [operatorId, ...cols], name: "minimal_insert" });
        const answer = JSON.stringify({ statut: "OK", recus: cols[0].length, enregistres: cols[0].length, inchanges: 0 });
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(answer);
      } catch (e) {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(e));
      }
    });
  });
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
