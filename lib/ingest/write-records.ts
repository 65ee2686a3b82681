import type { Prisma } from "@/generated/prisma/client";
import type { DataEnv } from "@/generated/prisma/enums";

// The set-based writer: one multi-row statement per table, whatever the number of transactions
// or points. Rows travel as parallel arrays (one bind parameter per column), are expanded with
// unnest() and upserted on the natural key (env, operator_id, station_id, transaction_id):
//   - a new key is inserted;
//   - an existing key is updated only when something changed (WHERE … IS DISTINCT FROM …), so an
//     identical re-send writes nothing and is counted as unchanged;
//   - the statement returns only the count of written rows (no row per transaction).
// Rows are sorted by the conflict key first: concurrent requests with overlapping transactions
// then take their row locks in the same order and cannot deadlock each other. Operations are
// always written before curves, for the same reason.

export interface OperationRow {
  stationId: string;
  transactionId: string;
  startS: number;
  stopS: number;
  startWh: number;
  stopWh: number;
  flags: string[];
}

export interface CurveRow {
  stationId: string;
  transactionId: string;
  timestamps: number[];
  values: number[];
  flags: string[];
}

type Tx = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

// Each column travels as ONE text parameter holding a PostgreSQL array literal ("{…}"), not as a
// JS array: a 15 MB body has hundreds of thousands of elements per column, and one flat string
// per column costs far less memory and time through the driver than an array of that many values.
const quoted = (v: string) => `"${v.replace(/[\\"]/g, "\\$&")}"`;
const textArray = (values: string[]) => `{${values.map(quoted).join(",")}}`;
const numberArray = (values: number[]) => `{${values.join(",")}}`;
/** Station ids are UUIDs (hex and dashes): no quoting needed. */
const uuidArray = (rows: { stationId: string }[]) => `{${rows.map((r) => r.stationId).join(",")}}`;

function byKey(a: { stationId: string; transactionId: string }, b: { stationId: string; transactionId: string }): number {
  if (a.stationId !== b.stationId) return a.stationId < b.stationId ? -1 : 1;
  return a.transactionId < b.transactionId ? -1 : a.transactionId > b.transactionId ? 1 : 0;
}

const OPERATIONS_SQL = `
WITH written AS (
  INSERT INTO charge_operation AS o
    (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, quality_flags, submission_id)
  SELECT $1::"DataEnv", $2::uuid, t.station_id, t.transaction_id, to_timestamp(t.start_s), to_timestamp(t.stop_s),
         t.start_wh, t.stop_wh, string_to_array(t.flags, ','), $3::bigint
    FROM unnest($4::uuid[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::text[])
      AS t(station_id, transaction_id, start_s, stop_s, start_wh, stop_wh, flags)
  ON CONFLICT (env, operator_id, station_id, transaction_id) DO UPDATE SET
    start_at = EXCLUDED.start_at, stop_at = EXCLUDED.stop_at, start_wh = EXCLUDED.start_wh, stop_wh = EXCLUDED.stop_wh,
    quality_flags = EXCLUDED.quality_flags, submission_id = EXCLUDED.submission_id, received_at = now()
  WHERE (o.start_at, o.stop_at, o.start_wh, o.stop_wh, o.quality_flags)
        IS DISTINCT FROM (EXCLUDED.start_at, EXCLUDED.stop_at, EXCLUDED.start_wh, EXCLUDED.stop_wh, EXCLUDED.quality_flags)
  RETURNING 1
)
SELECT count(*)::int AS n FROM written`;

const CURVES_SQL = `
WITH written AS (
  INSERT INTO load_curve AS c
    (env, operator_id, station_id, transaction_id, start_at, stop_at, point_count, energy_wh, offsets_s, values_wh, quality_flags, submission_id)
  SELECT $1::"DataEnv", $2::uuid, t.station_id, t.transaction_id, to_timestamp(t.start_s), to_timestamp(t.stop_s),
         t.point_count, t.energy_wh, t.offsets::int[], t.vals::bigint[], string_to_array(t.flags, ','), $3::bigint
    FROM unnest($4::uuid[], $5::text[], $6::bigint[], $7::bigint[], $8::int[], $9::bigint[], $10::text[], $11::text[], $12::text[])
      AS t(station_id, transaction_id, start_s, stop_s, point_count, energy_wh, offsets, vals, flags)
  ON CONFLICT (env, operator_id, station_id, transaction_id) DO UPDATE SET
    start_at = EXCLUDED.start_at, stop_at = EXCLUDED.stop_at, point_count = EXCLUDED.point_count, energy_wh = EXCLUDED.energy_wh,
    offsets_s = EXCLUDED.offsets_s, values_wh = EXCLUDED.values_wh, quality_flags = EXCLUDED.quality_flags,
    submission_id = EXCLUDED.submission_id, received_at = now()
  WHERE (c.start_at, c.offsets_s, c.values_wh, c.quality_flags)
        IS DISTINCT FROM (EXCLUDED.start_at, EXCLUDED.offsets_s, EXCLUDED.values_wh, EXCLUDED.quality_flags)
  RETURNING 1
)
SELECT count(*)::int AS n FROM written`;

/** Upserts the operations; returns how many rows were inserted or changed. */
export async function writeOperations(
  tx: Tx,
  input: { env: DataEnv; operatorId: string; submissionId: bigint; rows: OperationRow[] },
): Promise<number> {
  if (input.rows.length === 0) return 0;
  const rows = [...input.rows].sort(byKey);
  const [{ n }] = await tx.$queryRawUnsafe<{ n: number }[]>(
    OPERATIONS_SQL,
    input.env,
    input.operatorId,
    input.submissionId.toString(),
    uuidArray(rows),
    textArray(rows.map((r) => r.transactionId)),
    numberArray(rows.map((r) => r.startS)),
    numberArray(rows.map((r) => r.stopS)),
    numberArray(rows.map((r) => r.startWh)),
    numberArray(rows.map((r) => r.stopWh)),
    textArray(rows.map((r) => r.flags.join(","))),
  );
  return n;
}

/** Upserts the curves (offsets from the first point, cumulative values); returns rows written. */
export async function writeCurves(
  tx: Tx,
  input: { env: DataEnv; operatorId: string; submissionId: bigint; rows: CurveRow[] },
): Promise<number> {
  if (input.rows.length === 0) return 0;
  const rows = [...input.rows].sort(byKey);
  const [{ n }] = await tx.$queryRawUnsafe<{ n: number }[]>(
    CURVES_SQL,
    input.env,
    input.operatorId,
    input.submissionId.toString(),
    uuidArray(rows),
    textArray(rows.map((r) => r.transactionId)),
    numberArray(rows.map((r) => r.timestamps[0])),
    numberArray(rows.map((r) => r.timestamps[r.timestamps.length - 1])),
    numberArray(rows.map((r) => r.timestamps.length)),
    numberArray(rows.map((r) => r.values[r.values.length - 1] - r.values[0])),
    textArray(rows.map((r) => `{${r.timestamps.map((t) => t - r.timestamps[0]).join(",")}}`)),
    textArray(rows.map((r) => `{${r.values.join(",")}}`)),
    textArray(rows.map((r) => r.flags.join(","))),
  );
  return n;
}
