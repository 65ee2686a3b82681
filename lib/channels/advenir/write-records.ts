import type { DataEnv } from "@/generated/prisma/enums";
import type { SqlExecutor } from "@/lib/platform/db/migrate";
import type { SqlTransaction } from "@/lib/platform/db/sql-transaction";
import { BinaryCopyWriter, encodedFields, uuidBytes } from "@/lib/platform/db/binary-copy";
import { writeCoalesced } from "@/lib/channels/advenir/write-batch";
import { SUBMISSION_INPUT_COLUMNS, submissionInputs, submissionPlaceholders } from "@/lib/channels/advenir/record-submission";
import {
  byKey,
  curvesCte,
  gateParams,
  gateSelect,
  GATE_OPEN,
  LOCK_NS,
  lockKey,
  operationParams,
  curveParams,
  opsCte,
  refusal,
  rowParams,
  stationIndex,
  textArray,
  type CurveRow,
  type GateRow,
  type OperationRow,
  type WriteInput,
  type WriteResult,
} from "@/lib/channels/advenir/write-statements";

export type { CurveRow, OperationRow, WriteChecks, WriteInput, WriteResult } from "@/lib/channels/advenir/write-statements";

// Stores a body's rows with its submission row, all or nothing, deciding by the keys present
// rather than by catching a unique violation (docs/decisions/0012-data-api-write-path.md):
//   - small bodies (and every body on PGlite): ONE statement, INSERT … ON CONFLICT DO UPDATE …
//     WHERE IS DISTINCT FROM, so a new key is inserted, a changed one updated, an identical
//     re-send writes nothing and is counted as unchanged; one round trip, what small puts need;
//     the small bodies of concurrent calls of one operator that queue go together, each with its
//     own gate, submission row and counts (write-batch.ts, docs/decisions/0034);
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

/** From this many rows on, PostgreSQL takes the bulk path (probe + COPY): below, one statement costs less. */
export const BULK_MIN_ROWS = 2000;

/** Bodies up to this size (as received) may be written with those of concurrent calls. */
const COALESCE_MAX_BYTES = 64 * 1024;

/** The two upserts and `written` (rows written), for the shapes a body has: its operations, its curves, or both. */
function upsertCtes(shape: { ops: number | null; curves: number | null }, sub: string, from: string): string {
  const ctes: string[] = [];
  const counts: string[] = [];
  if (shape.ops !== null) {
    ctes.push(opsCte(shape.ops, sub, from));
    counts.push("(SELECT count(*) FROM ops)");
  }
  if (shape.curves !== null) {
    ctes.push(curvesCte(shape.curves, sub, from));
    counts.push("(SELECT count(*) FROM curves)");
  }
  if (counts.length === 0) counts.push("0");
  return `${ctes.map((c) => `${c},`).join("")}
written AS (SELECT (${counts.join(" + ")})::int AS n)`;
}

// The one-statement write: $1 env, $2 operator, $3 stations, $4–$8 the gate's checks (secret
// hash, login and address throttle keys, station codes and powers), $9 received, $10–$20 the
// submission's own fields (credential: $12), then the operation columns and the curve columns of
// the shapes the body has (one statement per shape: a body of operations plans, locks and fires
// the triggers of charge_operation only). `sub` yields its one row only through the gate, and
// takes the shared advisory lock before any row is inserted (every row is joined with it); a
// closed gate: nothing written, no submission row, and the statement returns the gate's reasons.
const GATE_PARAMS = { credential: "$12", secretHash: "$4", userKey: "$5", ipKey: "$6", codes: "$7", powers: "$8" };
const ONE_STATEMENT_FIRST_ROW_PARAM = 21;
const oneStatementSql = (shape: { ops: number | null; curves: number | null }) => `
WITH gate AS MATERIALIZED (${gateSelect(GATE_PARAMS)}
),
sub AS MATERIALIZED (
  SELECT nextval(pg_get_serial_sequence('submission', 'id')) AS id, pg_advisory_xact_lock_shared(${LOCK_NS}, ${lockKey}) AS locked
    FROM gate WHERE ${GATE_OPEN}
),${upsertCtes(shape, "sub.id", ", sub")},
logged AS (
  INSERT INTO submission
    (id, ${SUBMISSION_INPUT_COLUMNS}, http_status, outcome, received, stored, unchanged, errors)
  SELECT sub.id, ${submissionPlaceholders(10)}, 200, 'OK', $9::int, written.n, $9::int - written.n, '[]'::jsonb
    FROM sub, written
  RETURNING id, stored
)
SELECT gate.closed, gate.stale_auth, gate.stations_ok, gate.user_failures, logged.id::text AS id, logged.stored
  FROM gate LEFT JOIN logged ON true`;
const ONE_STATEMENT = {
  ops: oneStatementSql({ ops: ONE_STATEMENT_FIRST_ROW_PARAM, curves: null }),
  curves: oneStatementSql({ ops: null, curves: ONE_STATEMENT_FIRST_ROW_PARAM }),
  both: oneStatementSql({ ops: ONE_STATEMENT_FIRST_ROW_PARAM, curves: ONE_STATEMENT_FIRST_ROW_PARAM + 7 }),
  none: oneStatementSql({ ops: null, curves: null }),
};

// The bulk write's statements, in their order.
// No JIT in this transaction: the probe's estimated cost (one lookup per key) passes jit_above_cost,
// and compiling it took 17–25 ms of a 40–50 ms execution, for a plan that runs once.
const NO_JIT_SQL = "SET LOCAL jit = off";
const LOCK_TABLES_SQL = "LOCK TABLE charge_operation, load_curve, submission IN ROW EXCLUSIVE MODE";
// $1 env, $2 operator, $3 stations, $4 credential, $5–$9 as GATE_PARAMS.
const BULK_GATE_SQL = `
WITH gate AS MATERIALIZED (${gateSelect({ credential: "$4", secretHash: "$5", userKey: "$6", ipKey: "$7", codes: "$8", powers: "$9" })}
)
SELECT gate.closed, gate.stale_auth, gate.stations_ok, gate.user_failures,
       CASE WHEN ${GATE_OPEN} THEN nextval(pg_get_serial_sequence('submission', 'id'))::text END AS id,
       CASE WHEN ${GATE_OPEN} THEN pg_advisory_xact_lock(${LOCK_NS}, ${lockKey})::text END AS locked
  FROM gate`;
/**
 * The probe of one table: the 1-based positions, in the body's rows, of the keys already stored.
 * First one range lookup of the unique index per station (its body's smallest and largest
 * TransactionID, in the column's own collation): a station whose range holds no stored row has
 * none of the body's keys, which is the usual case of new data (fixed-width or prefixed ids that
 * grow). Only the keys of the other stations are looked up one by one. LATERAL … LIMIT 1 keeps
 * each lookup an index lookup: a plain join let the planner hash the operator's whole history
 * (250,000 rows read and spilled to disk to probe 50,000 keys, more with every month of data).
 * When no station is touched, the keys are not unnested a second time (one-time filter).
 */
const probeOf = (table: string, kind: number, stationsParam: string, idsParam: string) => `
(WITH ranges AS (
  SELECT station, min(transaction_id) AS lo, max(transaction_id) AS hi
    FROM unnest(${stationsParam}::int[], ${idsParam}::text[]) AS u(station, transaction_id)
   GROUP BY station
), touched AS (
  SELECT r.station FROM ranges r
   CROSS JOIN LATERAL (SELECT 1 FROM ${table} x WHERE x.env = $1::"DataEnv" AND x.operator_id = $2::uuid
     AND x.station_id = ($3::uuid[])[r.station] AND x.transaction_id BETWEEN r.lo AND r.hi LIMIT 1) AS found
)
SELECT ${kind} AS kind, t.i::int AS i
  FROM unnest(${stationsParam}::int[], ${idsParam}::text[]) WITH ORDINALITY AS t(station, transaction_id, i)
  JOIN touched USING (station)
 CROSS JOIN LATERAL (SELECT 1 FROM ${table} x WHERE x.env = $1::"DataEnv" AND x.operator_id = $2::uuid
   AND x.station_id = ($3::uuid[])[t.station] AND x.transaction_id = t.transaction_id LIMIT 1) AS found
 WHERE EXISTS (SELECT 1 FROM touched))`;
/** Both tables' probes (0 operations, 1 curves). */
const PROBE_SQL = `${probeOf("charge_operation", 0, "$4", "$5")}
UNION ALL
${probeOf("load_curve", 1, "$6", "$7")}`;
const BULK_UPSERT_SQL = `WITH${upsertCtes({ ops: 4, curves: 11 }, "$20::bigint", "")}
SELECT n FROM written`;
const COPY_OPERATIONS_SQL =
  "COPY charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, quality_flags, submission_id) FROM STDIN WITH (FORMAT binary)";
const COPY_CURVES_SQL =
  "COPY load_curve (env, operator_id, station_id, transaction_id, start_at, stop_at, point_count, energy_wh, offsets_s, values_wh, quality_flags, submission_id) FROM STDIN WITH (FORMAT binary)";
const BULK_SUBMISSION_SQL = `
INSERT INTO submission (id, ${SUBMISSION_INPUT_COLUMNS}, http_status, outcome, received, stored, unchanged, errors)
VALUES ($1::bigint, ${submissionPlaceholders(2)}, 200, 'OK', $13::int, $14::int, $15::int, '[]'::jsonb)`;

/** Stores the body's rows and its submission, all or nothing; see the comment at the top. */
export async function writeRecords(sql: SqlExecutor, input: WriteInput): Promise<WriteResult> {
  const small = input.operations.length + input.curves.length < BULK_MIN_ROWS;
  if (sql.transaction && !small) return sql.transaction((tx) => writeBulk(tx, input));
  const shape = input.operations.length > 0 ? (input.curves.length > 0 ? "both" : "ops") : input.curves.length > 0 ? "curves" : null;
  // Small bodies of concurrent calls go together (write-batch.ts); an empty one, or one of many
  // rows or bytes (a few thousand points of curves), alone: a batch of those would gain nothing
  // and hold many bodies' parameters at once.
  const coalesce = shape !== null && small && input.submission.sizeBytes <= COALESCE_MAX_BYTES;
  return coalesce ? writeCoalesced(sql, input, shape, writeOneStatement) : writeOneStatement(sql, input);
}

/** A small body by itself: ONE statement (gate, rows, submission row). */
async function writeOneStatement(sql: SqlExecutor, input: WriteInput): Promise<WriteResult> {
  const ops = [...input.operations].sort(byKey);
  const curves = [...input.curves].sort(byKey);
  const received = ops.length + curves.length;
  const { ids, stations, opIndexes, curveIndexes } = stationIndex(ops, curves);
  const shape = ops.length > 0 ? (curves.length > 0 ? "both" : "ops") : curves.length > 0 ? "curves" : "none";
  const params = [
    input.env,
    input.operatorId,
    stations,
    ...gateParams(input.checks, ids),
    received,
    ...submissionInputs({ ...input.submission, rawBody: await input.submission.rawBody }),
    ...(ops.length > 0 ? operationParams(ops, opIndexes) : []),
    ...(curves.length > 0 ? curveParams(curves, curveIndexes) : []),
  ];
  const [row] = await sql.query<GateRow & { stored: number | null }>(ONE_STATEMENT[shape], params, { name: `advenir_write_${shape}` });
  if (row.id === null) return { refused: refusal(row) };
  return { refused: false, submissionId: BigInt(row.id), stored: Number(row.stored), userFailures: row.user_failures };
}

/**
 * The bulk write. Its rows are COPY'd in the body's order (grouped by station already): no other
 * writer of this operator and environment runs meanwhile (exclusive advisory lock), so only the
 * upsert of rows that exist needs the key order. The submission row is written last, with its
 * counts, so that the raw body's compression never holds up the rows.
 */
async function writeBulk(tx: SqlTransaction, input: WriteInput): Promise<WriteResult> {
  const { env, operatorId, operations: ops, curves } = input;
  // The table locks first (the purge's ACCESS EXCLUSIVE conflicts with them: wait for it to
  // commit), then the gate in a statement of its own, so with a snapshot taken after the wait.
  await tx.query(NO_JIT_SQL);
  await tx.query(LOCK_TABLES_SQL);
  const keys = stationIndex(ops, curves);
  const [gate] = await tx.query<GateRow>(
    BULK_GATE_SQL,
    [env, operatorId, keys.stations, input.submission.credentialId, ...gateParams(input.checks, keys.ids)],
    {
      name: "advenir_bulk_gate",
    },
  );
  if (gate.id === null) return { refused: refusal(gate) };
  const submissionId = gate.id;

  // The probe runs in the database while chunks of rows are encoded here (as many as it takes it
  // to answer), as if every row were new (the usual case); rows found to exist are left out by
  // encoding again, from the start, the rare body that has some. The other chunks are encoded
  // while the database reads the previous ones (copyFrom asks for each once the last is on its
  // way). docs/decisions/0036-chunked-bulk-copy.md
  const probing = tx.query<{ kind: number; i: number }>(
    PROBE_SQL,
    [
      env,
      operatorId,
      keys.stations,
      keys.opIndexes,
      textArray(ops.map((r) => r.transactionId)),
      keys.curveIndexes,
      textArray(curves.map((r) => r.transactionId)),
    ],
    { name: "advenir_bulk_probe" },
  );
  let probed = false;
  probing.then(
    () => (probed = true),
    () => (probed = true),
  ); // awaited below; never an unhandled rejection meanwhile
  const received = ops.length + curves.length;
  let opsData = ops.length > 0 ? await encodeAhead(operationsCopy(env, operatorId, submissionId, ops), () => !probed) : null;
  let curvesData = curves.length > 0 ? await encodeAhead(curvesCopy(env, operatorId, submissionId, curves), () => !probed) : null;
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
    const oldOps = ops.filter((_, i) => existingOps.has(i)).sort(byKey);
    const oldCurves = curves.filter((_, i) => existingCurves.has(i)).sort(byKey);
    const [row] = await tx.query<{ n: number }>(BULK_UPSERT_SQL, [...rowParams(env, operatorId, oldOps, oldCurves), submissionId], {
      name: "advenir_bulk_upsert",
    });
    stored += Number(row.n);
  }
  // The submission row last, with its counts: the raw body's compression, in the thread pool, had
  // the whole COPY to finish (rows name their submission id; no foreign key waits for the row).
  const rawBody = await input.submission.rawBody;
  await tx.query(BULK_SUBMISSION_SQL, [submissionId, ...submissionInputs({ ...input.submission, rawBody }), received, stored, received - stored], {
    name: "advenir_bulk_submission",
  });
  return { refused: false, submissionId: BigInt(submissionId), stored, userFailures: gate.user_failures };
}

/** Bytes of binary COPY data sent at a time by the bulk write: a few milliseconds of encoding. */
const COPY_CHUNK_BYTES = 256 * 1024;

/**
 * The chunks of `chunks`: the first encoded now, and the next ones for as long as `waiting()`
 * holds (an event-loop turn between two, so that the answer awaited is read as soon as it
 * comes), the others as they are asked for.
 */
async function encodeAhead(chunks: Iterator<Buffer>, waiting: () => boolean): Promise<Iterable<Buffer>> {
  const ahead: Buffer[] = [];
  let finished = false;
  for (;;) {
    const next = chunks.next();
    if (next.done) {
      finished = true;
      break;
    }
    ahead.push(next.value);
    if (!waiting()) break;
    await new Promise((resolve) => setImmediate(resolve));
    if (!waiting()) break;
  }
  return {
    *[Symbol.iterator]() {
      yield* ahead;
      if (finished) return;
      for (let rest = chunks.next(); !rest.done; rest = chunks.next()) yield rest.value;
    },
  };
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

/** The rows in binary COPY format, in chunks of about COPY_CHUNK_BYTES. */
function* operationsCopy(env: DataEnv, operatorId: string, submissionId: string, rows: OperationRow[]): Generator<Buffer, void, undefined> {
  const w = new BinaryCopyWriter(Math.min(rows.length * 140, COPY_CHUNK_BYTES) + 1024);
  // What every row starts with (field count, env, operator) and ends with (no flags, submission).
  const head = encodedFields((f) => f.row(10).text(env).uuid(uuidBytes(operatorId)));
  const tail = encodedFields((f) => f.textArray([]).int8(Number(submissionId)));
  const tailOf = (flags: readonly string[]) => (flags.length === 0 ? tail : encodedFields((f) => f.textArray(flags).int8(Number(submissionId))));
  const station = stationFields();
  for (const r of rows) {
    w.raw(head).raw(station(r.stationId)).text(r.transactionId);
    w.timestamptz(r.startS).timestamptz(r.stopS).int8(r.startWh).int8(r.stopWh).raw(tailOf(r.flags));
    if (w.length >= COPY_CHUNK_BYTES) yield w.take();
  }
  yield w.finish();
}

/** The rows in binary COPY format, in chunks of about COPY_CHUNK_BYTES (one curve may make a larger one). */
function* curvesCopy(env: DataEnv, operatorId: string, submissionId: string, rows: CurveRow[]): Generator<Buffer, void, undefined> {
  const w = new BinaryCopyWriter(COPY_CHUNK_BYTES + 16 * 1024);
  const head = encodedFields((f) => f.row(12).text(env).uuid(uuidBytes(operatorId)));
  const station = stationFields();
  const sub = Number(submissionId);
  for (const r of rows) {
    const t0 = r.timestamps[0];
    w.raw(head).raw(station(r.stationId)).text(r.transactionId);
    w.timestamptz(t0)
      .timestamptz(r.timestamps[r.timestamps.length - 1])
      .int4(r.timestamps.length);
    if (r.energyWh === null) w.null();
    else w.int8(r.energyWh);
    w.int4Array(r.timestamps.map((t) => t - t0))
      .int8Array(r.values)
      .textArray(r.flags)
      .int8(sub);
    if (w.length >= COPY_CHUNK_BYTES) yield w.take();
  }
  yield w.finish();
}
