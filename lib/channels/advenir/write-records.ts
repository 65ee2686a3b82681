import type { DataEnv } from "@/generated/prisma/enums";
import type { SqlExecutor } from "@/lib/platform/db/migrate";
import type { SqlTransaction } from "@/lib/platform/db/sql-transaction";
import { BinaryCopyWriter, encodedFields, uuidBytes } from "@/lib/platform/db/binary-copy";
import { PROGRAMME_TARGET, PURGE_ACTION } from "@/lib/programme/programme-status";
import { SUBMISSION_INPUT_COLUMNS, submissionInputs, submissionPlaceholders, type SubmissionInput } from "@/lib/channels/advenir/record-submission";

// Stores a body's rows with its submission row, all or nothing, deciding by the keys present
// rather than by catching a unique violation (docs/decisions/0012-data-api-write-path.md):
//   - small bodies (and every body on PGlite): ONE statement, INSERT … ON CONFLICT DO UPDATE …
//     WHERE IS DISTINCT FROM, so a new key is inserted, a changed one updated, an identical
//     re-send writes nothing and is counted as unchanged; one round trip, what small puts need;
//   - large bodies on PostgreSQL: one transaction on one connection: one indexed probe of the
//     body's keys, a binary COPY of the new rows, the same upsert for the existing ones only,
//     then the submission row.
// Either way the write first passes a gate, evaluated after its table locks are held: the
// credential is still valid and the end-of-programme purge has not run. The purge holds its
// tables in ACCESS EXCLUSIVE mode until it commits, so a post authenticated before it waits,
// then finds its credential revoked and writes nothing (the caller answers 401).
// Concurrency: writers of one operator and environment hold an advisory lock, shared by the
// one-statement upserts (safe among themselves: ON CONFLICT), exclusive for the bulk write (its
// probe must stay true until it commits). Rows are sorted by the conflict key, so concurrent
// upserts of overlapping transactions take their row locks in the same order: no deadlock.

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
  /** Energy delivered (Wh), null when a decreasing index leaves it undetermined (lib/channels/advenir/normalize-body.ts). */
  energyWh: number | null;
  flags: string[];
}

/** From this many rows on, PostgreSQL takes the bulk path (probe + COPY): below, one statement costs less. */
export const BULK_MIN_ROWS = 2000;

// Each column travels as ONE text parameter holding a PostgreSQL array literal ("{…}"), not as a
// JS array: a 15 MB body has hundreds of thousands of elements per column, and one flat string
// per column costs far less memory and time through the driver than an array of that many values.
const quoted = (v: string) => (v.includes('"') || v.includes("\\") ? `"${v.replace(/[\\"]/g, "\\$&")}"` : `"${v}"`);
const textArray = (values: string[]) => `{${values.map(quoted).join(",")}}`;
const numberArray = (values: number[]) => `{${values.join(",")}}`;

type Keyed = { stationId: string; transactionId: string };

/**
 * The body's stations once (UUIDs: hex and dashes, no quoting needed), and each row's station
 * as a 1-based index into them: a few bytes per row to send and parse instead of a UUID.
 */
function stationIndex(ops: Keyed[], curves: Keyed[]) {
  const index = new Map<string, number>();
  const of = (r: Keyed) => {
    let i = index.get(r.stationId);
    if (i === undefined) index.set(r.stationId, (i = index.size + 1));
    return i;
  };
  const opIndexes = numberArray(ops.map(of));
  const curveIndexes = numberArray(curves.map(of));
  return { stations: `{${[...index.keys()].join(",")}}`, opIndexes, curveIndexes };
}

function byKey(a: Keyed, b: Keyed): number {
  if (a.stationId !== b.stationId) return a.stationId < b.stationId ? -1 : 1;
  return a.transactionId < b.transactionId ? -1 : a.transactionId > b.transactionId ? 1 : 0;
}

/** Advisory lock namespace of the data API's writers (the two-key form: its own key space). */
const LOCK_NS = 0x41445652; // "ADVR"
const lockKey = "hashtext($2::text || $1::text)";

/** The gate: no purge recorded, and the credential (when the write has one) not revoked. */
const gate = (credential: string) => `NOT EXISTS (SELECT 1 FROM audit_log
       WHERE target_type = '${PROGRAMME_TARGET.targetType}' AND target_id = '${PROGRAMME_TARGET.targetId}' AND action = '${PURGE_ACTION}')
   AND (${credential}::uuid IS NULL OR EXISTS (SELECT 1 FROM api_credential WHERE id = ${credential}::uuid AND revoked_at IS NULL))`;

/**
 * The upsert of operations and curves: $1 env, $2 operator, $3 stations, $4–$10 operation
 * columns, $11–$19 curve columns. `sub` is the submission id's expression, `from` what the rows
 * are joined with (the gate's one-row CTE, or nothing).
 */
const upsertCtes = (sub: string, from: string) => `
ops AS (
  INSERT INTO charge_operation AS o
    (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, quality_flags, submission_id)
  SELECT $1::"DataEnv", $2::uuid, ($3::uuid[])[t.station], t.transaction_id, to_timestamp(t.start_s), to_timestamp(t.stop_s),
         t.start_wh, t.stop_wh, string_to_array(t.flags, ','), ${sub}
    FROM unnest($4::int[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::text[])
      AS t(station, transaction_id, start_s, stop_s, start_wh, stop_wh, flags)${from}
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
  SELECT $1::"DataEnv", $2::uuid, ($3::uuid[])[t.station], t.transaction_id, to_timestamp(t.start_s), to_timestamp(t.stop_s),
         t.point_count, t.energy_wh, t.offsets::int[], t.vals::bigint[], string_to_array(t.flags, ','), ${sub}
    FROM unnest($11::int[], $12::text[], $13::bigint[], $14::bigint[], $15::int[], $16::bigint[], $17::text[], $18::text[], $19::text[])
      AS t(station, transaction_id, start_s, stop_s, point_count, energy_wh, offsets, vals, flags)${from}
  ON CONFLICT (env, operator_id, station_id, transaction_id) DO UPDATE SET
    start_at = EXCLUDED.start_at, stop_at = EXCLUDED.stop_at, point_count = EXCLUDED.point_count, energy_wh = EXCLUDED.energy_wh,
    offsets_s = EXCLUDED.offsets_s, values_wh = EXCLUDED.values_wh, quality_flags = EXCLUDED.quality_flags,
    submission_id = EXCLUDED.submission_id, received_at = now()
  WHERE (c.start_at, c.offsets_s, c.values_wh, c.quality_flags)
        IS DISTINCT FROM (EXCLUDED.start_at, EXCLUDED.offsets_s, EXCLUDED.values_wh, EXCLUDED.quality_flags)
  RETURNING 1
),
written AS (SELECT ((SELECT count(*) FROM ops) + (SELECT count(*) FROM curves))::int AS n)`;

// The one-statement write: $20 received, $21–$31 the submission's own fields (credential: $23).
// `sub` yields its one row only through the gate, and takes the shared advisory lock before any
// row is inserted (every row is joined with it); no row out of the gate: nothing written, no
// submission row, and the statement returns no row.
const ONE_STATEMENT_SQL = `
WITH sub AS MATERIALIZED (
  SELECT nextval(pg_get_serial_sequence('submission', 'id')) AS id, pg_advisory_xact_lock_shared(${LOCK_NS}, ${lockKey}) AS locked
   WHERE ${gate("$23")}
),${upsertCtes("sub.id", ", sub")}
INSERT INTO submission
  (id, ${SUBMISSION_INPUT_COLUMNS}, http_status, outcome, received, stored, unchanged, errors)
SELECT sub.id, ${submissionPlaceholders(21)}, 200, 'OK', $20::int, written.n, $20::int - written.n, '[]'::jsonb
  FROM sub, written
RETURNING id::text AS id, stored`;

// The bulk write's statements, in their order.
const LOCK_TABLES_SQL = "LOCK TABLE charge_operation, load_curve, submission IN ROW EXCLUSIVE MODE";
const BULK_GATE_SQL = `
SELECT nextval(pg_get_serial_sequence('submission', 'id'))::text AS id, pg_advisory_xact_lock(${LOCK_NS}, ${lockKey}) AS locked
 WHERE ${gate("$3")}`;
/** The 1-based positions, in the body's sorted rows, of the keys already stored (0 operations, 1 curves). */
const PROBE_SQL = `
SELECT 0 AS kind, t.i::int AS i
  FROM unnest($4::int[], $5::text[]) WITH ORDINALITY AS t(station, transaction_id, i)
  JOIN charge_operation o ON o.env = $1::"DataEnv" AND o.operator_id = $2::uuid
   AND o.station_id = ($3::uuid[])[t.station] AND o.transaction_id = t.transaction_id
UNION ALL
SELECT 1, t.i::int
  FROM unnest($6::int[], $7::text[]) WITH ORDINALITY AS t(station, transaction_id, i)
  JOIN load_curve c ON c.env = $1::"DataEnv" AND c.operator_id = $2::uuid
   AND c.station_id = ($3::uuid[])[t.station] AND c.transaction_id = t.transaction_id`;
const BULK_UPSERT_SQL = `WITH${upsertCtes("$20::bigint", "")}
SELECT n FROM written`;
const COPY_OPERATIONS_SQL =
  "COPY charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, quality_flags, submission_id) FROM STDIN WITH (FORMAT binary)";
const COPY_CURVES_SQL =
  "COPY load_curve (env, operator_id, station_id, transaction_id, start_at, stop_at, point_count, energy_wh, offsets_s, values_wh, quality_flags, submission_id) FROM STDIN WITH (FORMAT binary)";
const BULK_SUBMISSION_SQL = `
INSERT INTO submission (id, ${SUBMISSION_INPUT_COLUMNS}, http_status, outcome, received, stored, unchanged, errors)
VALUES ($1::bigint, ${submissionPlaceholders(2)}, 200, 'OK', $13::int, $14::int, $15::int, '[]'::jsonb)`;

export interface WriteInput {
  env: DataEnv;
  operatorId: string;
  operations: OperationRow[];
  curves: CurveRow[];
  /** The submission row written with the data (status OK; counts come from the write). */
  submission: SubmissionInput;
}

/**
 * `refused`: the gate was closed (credential revoked, or the programme's individual data
 * purged, meanwhile): nothing was written, not even the submission row.
 */
export type WriteResult = { refused: false; submissionId: bigint; stored: number } | { refused: true };

/** The parameters shared by both paths ($1–$19), for the given rows. */
function rowParams(env: DataEnv, operatorId: string, ops: OperationRow[], curves: CurveRow[]): unknown[] {
  const { stations, opIndexes, curveIndexes } = stationIndex(ops, curves);
  return [
    env,
    operatorId,
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
  ];
}

/** Stores the body's rows and its submission, all or nothing; see the comment at the top. */
export async function writeRecords(sql: SqlExecutor, input: WriteInput): Promise<WriteResult> {
  const ops = [...input.operations].sort(byKey);
  const curves = [...input.curves].sort(byKey);
  if (sql.transaction && ops.length + curves.length >= BULK_MIN_ROWS) return sql.transaction((tx) => writeBulk(tx, input, ops, curves));
  const received = ops.length + curves.length;
  const params = [...rowParams(input.env, input.operatorId, ops, curves), received, ...submissionInputs(input.submission)];
  const [row] = await sql.query<{ id: string; stored: number }>(ONE_STATEMENT_SQL, params, { name: "advenir_write_records" });
  return row ? { refused: false, submissionId: BigInt(row.id), stored: Number(row.stored) } : { refused: true };
}

async function writeBulk(tx: SqlTransaction, input: WriteInput, ops: OperationRow[], curves: CurveRow[]): Promise<WriteResult> {
  const { env, operatorId } = input;
  // The table locks first (the purge's ACCESS EXCLUSIVE conflicts with them: wait for it to
  // commit), then the gate in a statement of its own, so with a snapshot taken after the wait.
  await tx.query(LOCK_TABLES_SQL);
  const [open] = await tx.query<{ id: string }>(BULK_GATE_SQL, [env, operatorId, input.submission.credentialId], { name: "advenir_bulk_gate" });
  if (!open) return { refused: true };
  const submissionId = open.id;

  // The probe runs in the database while the rows are encoded here, all of them as if new (the
  // usual case); rows found to exist are left out by encoding again the rare body that has some.
  const keys = stationIndex(ops, curves);
  const probing = tx.query<{ kind: number; i: number }>(
    PROBE_SQL,
    [env, operatorId, keys.stations, keys.opIndexes, textArray(ops.map((r) => r.transactionId)), keys.curveIndexes, textArray(curves.map((r) => r.transactionId))],
    { name: "advenir_bulk_probe" },
  );
  probing.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  let opsData = ops.length > 0 ? operationsCopy(env, operatorId, submissionId, ops) : null;
  let curvesData = curves.length > 0 ? curvesCopy(env, operatorId, submissionId, curves) : null;
  const probe = await probing;
  const existingOps = new Set<number>();
  const existingCurves = new Set<number>();
  for (const p of probe) (p.kind === 0 ? existingOps : existingCurves).add(p.i - 1);

  const newOps = ops.filter((_, i) => !existingOps.has(i));
  const newCurves = curves.filter((_, i) => !existingCurves.has(i));
  if (existingOps.size > 0) opsData = newOps.length > 0 ? operationsCopy(env, operatorId, submissionId, newOps) : null;
  if (existingCurves.size > 0) curvesData = newCurves.length > 0 ? curvesCopy(env, operatorId, submissionId, newCurves) : null;
  let stored = 0;
  if (opsData) stored += await tx.copyFrom(COPY_OPERATIONS_SQL, opsData);
  if (curvesData) stored += await tx.copyFrom(COPY_CURVES_SQL, curvesData);
  if (existingOps.size + existingCurves.size > 0) {
    const oldOps = ops.filter((_, i) => existingOps.has(i));
    const oldCurves = curves.filter((_, i) => existingCurves.has(i));
    const [row] = await tx.query<{ n: number }>(BULK_UPSERT_SQL, [...rowParams(env, operatorId, oldOps, oldCurves), submissionId], { name: "advenir_bulk_upsert" });
    stored += Number(row.n);
  }
  const received = ops.length + curves.length;
  await tx.query(BULK_SUBMISSION_SQL, [submissionId, ...submissionInputs(input.submission), received, stored, received - stored], { name: "advenir_bulk_submission" });
  return { refused: false, submissionId: BigInt(submissionId), stored };
}

/** Each station's field (length + 16 bytes), encoded once per body. */
function stationFields() {
  const cache = new Map<string, Buffer>();
  return (id: string) => {
    let b = cache.get(id);
    if (!b) cache.set(id, (b = encodedFields((w) => w.uuid(uuidBytes(id)))));
    return b;
  };
}

function operationsCopy(env: DataEnv, operatorId: string, submissionId: string, rows: OperationRow[]): Buffer {
  const w = new BinaryCopyWriter(rows.length * 140);
  // What every row starts with (field count, env, operator) and ends with (no flags, submission).
  const head = encodedFields((f) => f.row(10).text(env).uuid(uuidBytes(operatorId)));
  const tail = encodedFields((f) => f.textArray([]).int8(Number(submissionId)));
  const tailOf = (flags: string[]) => (flags.length === 0 ? tail : encodedFields((f) => f.textArray(flags).int8(Number(submissionId))));
  const station = stationFields();
  for (const r of rows) {
    w.raw(head).raw(station(r.stationId)).text(r.transactionId);
    w.timestamptz(r.startS).timestamptz(r.stopS).int8(r.startWh).int8(r.stopWh).raw(tailOf(r.flags));
  }
  return w.finish();
}

function curvesCopy(env: DataEnv, operatorId: string, submissionId: string, rows: CurveRow[]): Buffer {
  const w = new BinaryCopyWriter(rows.reduce((n, r) => n + 160 + r.timestamps.length * 20, 0));
  const head = encodedFields((f) => f.row(12).text(env).uuid(uuidBytes(operatorId)));
  const station = stationFields();
  const sub = Number(submissionId);
  for (const r of rows) {
    const t0 = r.timestamps[0];
    w.raw(head).raw(station(r.stationId)).text(r.transactionId);
    w.timestamptz(t0).timestamptz(r.timestamps[r.timestamps.length - 1]).int4(r.timestamps.length);
    if (r.energyWh === null) w.null();
    else w.int8(r.energyWh);
    w.int4Array(r.timestamps.map((t) => t - t0)).int8Array(r.values).textArray(r.flags).int8(sub);
  }
  return w.finish();
}
