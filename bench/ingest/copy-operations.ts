import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Operation } from "./generate";

// The raw floor of the 50,000-operation post: the same rows COPY'd (text format) into the same
// table, in one transaction, on the same database and in the same run. Rows are formatted
// before the clock starts: the COPY time is the database's part only. They are production rows,
// as the post writes them (a production row costs the database more: a partial index and the
// energy trigger's aggregation apply to production only), with their TransactionIDs prefixed so
// that they never collide with the post's. Runs before 2026-12-07 COPY'd them into the sandbox
// environment instead, which spared the database that work: `env: "sandbox"` measures that floor
// again, for comparison.

const iso = (s: number) => new Date(s * 1000).toISOString();

export async function copyOperations(input: {
  databaseUrl: string;
  operatorId: string;
  rows: { code: string; tx: string; op: Operation }[];
  env?: "sandbox" | "production";
}): Promise<{ ms: number; rows: number }> {
  const env = input.env ?? "production";
  const prefix = env === "production" ? "RAW-" : "";
  const client = new pg.Client({ connectionString: input.databaseUrl });
  await client.connect();
  try {
    const { rows: stations } = await client.query<{ id: string; station_code: string }>("SELECT id, station_code FROM station WHERE operator_id = $1", [
      input.operatorId,
    ]);
    const idOf = new Map(stations.map((s) => [s.station_code, s.id]));
    const text = input.rows
      .map(
        (r) =>
          `${env}\t${input.operatorId}\t${idOf.get(r.code)}\t${prefix}${r.tx}\t${iso(r.op.StartTransaction)}\t${iso(r.op.StopTransaction)}\t${r.op.StartValue}\t${r.op.StopValue}\t{}\t\\N\n`,
      )
      .join("");
    const count = async () =>
      Number(
        (await client.query<{ n: string }>("SELECT count(*) AS n FROM charge_operation WHERE env = $2 AND operator_id = $1", [input.operatorId, env])).rows[0]
          .n,
      );
    const before = await count();
    const t0 = performance.now();
    await client.query("BEGIN");
    await pipeline(
      Readable.from(chunksOf(Buffer.from(text))),
      client.query(
        copyFrom(
          "COPY charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, quality_flags, submission_id) FROM STDIN",
        ),
      ),
    );
    await client.query("COMMIT");
    const ms = performance.now() - t0;
    return { ms, rows: (await count()) - before };
  } finally {
    await client.end();
  }
}

/**
 * The data in 256 KiB pieces, as the bulk write sends its own (one CopyData message each): the
 * database starts on the first while the next come. One 7 MB message, as runs before 2026-12-07
 * 13:00 UTC sent, made the COPY ≈ 4 % slower (ADR 0036).
 */
function chunksOf(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += 256 * 1024) out.push(b.subarray(i, i + 256 * 1024));
  return out;
}
