import type { DataEnv } from "@/generated/prisma/enums";
import type { SqlExecutor } from "@/lib/db/migrate";
import { SUBMISSION_INPUT_COLUMNS, submissionInputs, submissionPlaceholders, type SubmissionInput } from "@/lib/ingest/record-submission";

// The set-based writer: ONE statement stores a whole body, whatever the number of transactions
// or points, with its submission row. A single statement is atomic on its own (all or nothing)
// and costs one round trip, which is what small puts need. Rows travel as parallel arrays (one
// bind parameter per column), are expanded with unnest() and upserted on the natural key
// (env, operator_id, station_id, transaction_id):
//   - a new key is inserted;
//   - an existing key is updated only when something changed (WHERE … IS DISTINCT FROM …), so an
//     identical re-send writes nothing and is counted as unchanged;
//   - only the count of written rows comes back (no row per transaction).
// Rows are sorted by the conflict key first: concurrent requests with overlapping transactions
// then take their row locks in the same order and cannot deadlock each other.

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

// $1 env, $2 operator, $3–$9 operation columns, $10–$18 curve columns, $19 received, $20–$30
// the submission's own fields (lib/ingest/record-submission.ts).
const WRITE_SQL = `
WITH sub AS MATERIALIZED (SELECT nextval(pg_get_serial_sequence('submission', 'id')) AS id),
ops AS (
  INSERT INTO charge_operation AS o
    (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, quality_flags, submission_id)
  SELECT $1::"DataEnv", $2::uuid, t.station_id, t.transaction_id, to_timestamp(t.start_s), to_timestamp(t.stop_s),
         t.start_wh, t.stop_wh, string_to_array(t.flags, ','), (SELECT id FROM sub)
    FROM unnest($3::uuid[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::text[])
      AS t(station_id, transaction_id, start_s, stop_s, start_wh, stop_wh, flags)
  ON CONFLICT (env, operator_id, station_id, transaction_id) DO UPDATE SET
    start_at = EXCLUDED.start_at, stop_at = EXCLUDED.stop_at, start_wh = EXCLUDED.start_wh, stop_wh = EXCLUDED.stop_wh,
    quality_flags = EXCLUDED.quality_flags, submission_id = EXCLUDED.submission_id, received_at = now()
  WHERE (o.start_at, o.stop_at, o.start_wh, o.stop_wh, o.quality_flags)
        IS DISTINCT FROM (EXCLUDED.start_at, EXCLUDED.stop_at, EXCLUDED.start_wh, EXCLUDED.stop_wh, EXCLUDED.quality_flags)
  RETURNING 1
),
curves AS (
  INSERT INTO load_curve AS c
    (env, operator_id, station_id, transaction_id, start_at, stop_at, point_count, energy_wh, offsets_s, values_wh, quality_flags, submission_id)
  SELECT $1::"DataEnv", $2::uuid, t.station_id, t.transaction_id, to_timestamp(t.start_s), to_timestamp(t.stop_s),
         t.point_count, t.energy_wh, t.offsets::int[], t.vals::bigint[], string_to_array(t.flags, ','), (SELECT id FROM sub)
    FROM unnest($10::uuid[], $11::text[], $12::bigint[], $13::bigint[], $14::int[], $15::bigint[], $16::text[], $17::text[], $18::text[])
      AS t(station_id, transaction_id, start_s, stop_s, point_count, energy_wh, offsets, vals, flags)
  ON CONFLICT (env, operator_id, station_id, transaction_id) DO UPDATE SET
    start_at = EXCLUDED.start_at, stop_at = EXCLUDED.stop_at, point_count = EXCLUDED.point_count, energy_wh = EXCLUDED.energy_wh,
    offsets_s = EXCLUDED.offsets_s, values_wh = EXCLUDED.values_wh, quality_flags = EXCLUDED.quality_flags,
    submission_id = EXCLUDED.submission_id, received_at = now()
  WHERE (c.start_at, c.offsets_s, c.values_wh, c.quality_flags)
        IS DISTINCT FROM (EXCLUDED.start_at, EXCLUDED.offsets_s, EXCLUDED.values_wh, EXCLUDED.quality_flags)
  RETURNING 1
),
written AS (SELECT ((SELECT count(*) FROM ops) + (SELECT count(*) FROM curves))::int AS n)
INSERT INTO submission
  (id, ${SUBMISSION_INPUT_COLUMNS}, http_status, outcome, received, stored, unchanged, errors)
SELECT sub.id, ${submissionPlaceholders(20)}, 200, 'OK', $19::int, written.n, $19::int - written.n, '[]'::jsonb
  FROM sub, written
RETURNING id::text AS id, stored`;

export interface WriteInput {
  env: DataEnv;
  operatorId: string;
  operations: OperationRow[];
  curves: CurveRow[];
  /** The submission row written with the data (status OK; counts come from the write). */
  submission: SubmissionInput;
}

/** Stores the body's rows and its submission in one statement; returns the submission id and rows written. */
export async function writeRecords(sql: SqlExecutor, input: WriteInput): Promise<{ submissionId: bigint; stored: number }> {
  const ops = [...input.operations].sort(byKey);
  const curves = [...input.curves].sort(byKey);
  const received = ops.length + curves.length;
  const params = [
    input.env,
    input.operatorId,
    uuidArray(ops),
    textArray(ops.map((r) => r.transactionId)),
    numberArray(ops.map((r) => r.startS)),
    numberArray(ops.map((r) => r.stopS)),
    numberArray(ops.map((r) => r.startWh)),
    numberArray(ops.map((r) => r.stopWh)),
    textArray(ops.map((r) => r.flags.join(","))),
    uuidArray(curves),
    textArray(curves.map((r) => r.transactionId)),
    numberArray(curves.map((r) => r.timestamps[0])),
    numberArray(curves.map((r) => r.timestamps[r.timestamps.length - 1])),
    numberArray(curves.map((r) => r.timestamps.length)),
    numberArray(curves.map((r) => r.values[r.values.length - 1] - r.values[0])),
    textArray(curves.map((r) => `{${r.timestamps.map((t) => t - r.timestamps[0]).join(",")}}`)),
    textArray(curves.map((r) => `{${r.values.join(",")}}`)),
    textArray(curves.map((r) => r.flags.join(","))),
    received,
    ...submissionInputs(input.submission),
  ];
  const [row] = await sql.query<{ id: string; stored: number }>(WRITE_SQL, params, { name: "advenir_write_records" });
  return { submissionId: BigInt(row.id), stored: Number(row.stored) };
}
