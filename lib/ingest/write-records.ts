import type { DataEnv } from "@/generated/prisma/enums";
import type { SqlExecutor } from "@/lib/db/migrate";
import { SUBMISSION_INPUT_COLUMNS, submissionInputs, submissionPlaceholders, type SubmissionInput } from "@/lib/ingest/record-submission";

// The set-based writer: ONE statement stores a whole body, whatever the number of transactions
// or points, with its submission row. A single statement is atomic on its own (all or nothing)
// and costs one round trip, which is what small puts need. Rows travel as parallel arrays (one
// bind parameter per column), are expanded with unnest() and inserted, or, when some already
// exist, upserted on the natural key (env, operator_id, station_id, transaction_id):
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
  /** Energy delivered (Wh), null when a decreasing index leaves it undetermined (lib/ingest/normalize-body.ts). */
  energyWh: number | null;
  flags: string[];
}

// Each column travels as ONE text parameter holding a PostgreSQL array literal ("{…}"), not as a
// JS array: a 15 MB body has hundreds of thousands of elements per column, and one flat string
// per column costs far less memory and time through the driver than an array of that many values.
const quoted = (v: string) => (v.includes('"') || v.includes("\\") ? `"${v.replace(/[\\"]/g, "\\$&")}"` : `"${v}"`);
const textArray = (values: string[]) => `{${values.map(quoted).join(",")}}`;
const numberArray = (values: number[]) => `{${values.join(",")}}`;

/**
 * The body's stations once ($3, UUIDs: hex and dashes, no quoting needed), and each row's station
 * as a 1-based index into them: a few bytes per row to send and parse instead of a UUID.
 */
function stationIndex(ops: { stationId: string }[], curves: { stationId: string }[]) {
  const index = new Map<string, number>();
  const of = (r: { stationId: string }) => {
    let i = index.get(r.stationId);
    if (i === undefined) index.set(r.stationId, (i = index.size + 1));
    return i;
  };
  const opIndexes = numberArray(ops.map(of));
  const curveIndexes = numberArray(curves.map(of));
  return { stations: `{${[...index.keys()].join(",")}}`, opIndexes, curveIndexes };
}

function byKey(a: { stationId: string; transactionId: string }, b: { stationId: string; transactionId: string }): number {
  if (a.stationId !== b.stationId) return a.stationId < b.stationId ? -1 : 1;
  return a.transactionId < b.transactionId ? -1 : a.transactionId > b.transactionId ? 1 : 0;
}

// $1 env, $2 operator, $3 the stations, $4–$10 operation columns, $11–$19 curve columns,
// $20 received, $21–$31 the submission's own fields (lib/ingest/record-submission.ts).
// `upsert` false: the optimistic variant, a plain INSERT for bodies whose transactions are all
// new (the usual monthly post), about a third cheaper than ON CONFLICT's speculative insertion
// on PostgreSQL 15; any existing key makes it fail with a unique violation, and the whole
// statement (atomic) is then run again as the upsert.
const writeSql = (upsert: boolean) => `
WITH sub AS MATERIALIZED (SELECT nextval(pg_get_serial_sequence('submission', 'id')) AS id),
ops AS (
  INSERT INTO charge_operation AS o
    (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, quality_flags, submission_id)
  SELECT $1::"DataEnv", $2::uuid, ($3::uuid[])[t.station], t.transaction_id, to_timestamp(t.start_s), to_timestamp(t.stop_s),
         t.start_wh, t.stop_wh, string_to_array(t.flags, ','), (SELECT id FROM sub)
    FROM unnest($4::int[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::text[])
      AS t(station, transaction_id, start_s, stop_s, start_wh, stop_wh, flags)${
  upsert
    ? `
  ON CONFLICT (env, operator_id, station_id, transaction_id) DO UPDATE SET
    start_at = EXCLUDED.start_at, stop_at = EXCLUDED.stop_at, start_wh = EXCLUDED.start_wh, stop_wh = EXCLUDED.stop_wh,
    quality_flags = EXCLUDED.quality_flags, submission_id = EXCLUDED.submission_id, received_at = now()
  WHERE (o.start_at, o.stop_at, o.start_wh, o.stop_wh, o.quality_flags)
        IS DISTINCT FROM (EXCLUDED.start_at, EXCLUDED.stop_at, EXCLUDED.start_wh, EXCLUDED.stop_wh, EXCLUDED.quality_flags)`
    : ""
}
  RETURNING 1
),
curves AS (
  INSERT INTO load_curve AS c
    (env, operator_id, station_id, transaction_id, start_at, stop_at, point_count, energy_wh, offsets_s, values_wh, quality_flags, submission_id)
  SELECT $1::"DataEnv", $2::uuid, ($3::uuid[])[t.station], t.transaction_id, to_timestamp(t.start_s), to_timestamp(t.stop_s),
         t.point_count, t.energy_wh, t.offsets::int[], t.vals::bigint[], string_to_array(t.flags, ','), (SELECT id FROM sub)
    FROM unnest($11::int[], $12::text[], $13::bigint[], $14::bigint[], $15::int[], $16::bigint[], $17::text[], $18::text[], $19::text[])
      AS t(station, transaction_id, start_s, stop_s, point_count, energy_wh, offsets, vals, flags)${
  upsert
    ? `
  ON CONFLICT (env, operator_id, station_id, transaction_id) DO UPDATE SET
    start_at = EXCLUDED.start_at, stop_at = EXCLUDED.stop_at, point_count = EXCLUDED.point_count, energy_wh = EXCLUDED.energy_wh,
    offsets_s = EXCLUDED.offsets_s, values_wh = EXCLUDED.values_wh, quality_flags = EXCLUDED.quality_flags,
    submission_id = EXCLUDED.submission_id, received_at = now()
  WHERE (c.start_at, c.offsets_s, c.values_wh, c.quality_flags)
        IS DISTINCT FROM (EXCLUDED.start_at, EXCLUDED.offsets_s, EXCLUDED.values_wh, EXCLUDED.quality_flags)`
    : ""
}
  RETURNING 1
),
written AS (SELECT ((SELECT count(*) FROM ops) + (SELECT count(*) FROM curves))::int AS n)
INSERT INTO submission
  (id, ${SUBMISSION_INPUT_COLUMNS}, http_status, outcome, received, stored, unchanged, errors)
SELECT sub.id, ${submissionPlaceholders(21)}, 200, 'OK', $20::int, written.n, $20::int - written.n, '[]'::jsonb
  FROM sub, written
RETURNING id::text AS id, stored`;

const INSERT_SQL = writeSql(false);
const UPSERT_SQL = writeSql(true);

/** A unique violation (23505): with the plain INSERT, some transaction of the body already exists. */
function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "23505";
}

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
  const { stations, opIndexes, curveIndexes } = stationIndex(ops, curves);
  const params = [
    input.env,
    input.operatorId,
    stations,
    opIndexes,
    textArray(ops.map((r) => r.transactionId)),
    numberArray(ops.map((r) => r.startS)),
    numberArray(ops.map((r) => r.stopS)),
    numberArray(ops.map((r) => r.startWh)),
    numberArray(ops.map((r) => r.stopWh)),
    textArray(ops.map((r) => r.flags.join(","))),
    curveIndexes,
    textArray(curves.map((r) => r.transactionId)),
    numberArray(curves.map((r) => r.timestamps[0])),
    numberArray(curves.map((r) => r.timestamps[r.timestamps.length - 1])),
    numberArray(curves.map((r) => r.timestamps.length)),
    `{${curves.map((r) => r.energyWh ?? "NULL").join(",")}}`,
    textArray(curves.map((r) => `{${r.timestamps.map((t) => t - r.timestamps[0]).join(",")}}`)),
    textArray(curves.map((r) => `{${r.values.join(",")}}`)),
    textArray(curves.map((r) => r.flags.join(","))),
    received,
    ...submissionInputs(input.submission),
  ];
  let row: { id: string; stored: number } | undefined;
  try {
    [row] = await sql.query<{ id: string; stored: number }>(INSERT_SQL, params, { name: "advenir_insert_records" });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    [row] = await sql.query<{ id: string; stored: number }>(UPSERT_SQL, params, { name: "advenir_upsert_records" });
  }
  return { submissionId: BigInt(row.id), stored: Number(row.stored) };
}
