import type { SqlExecutor } from "@/lib/platform/db/migrate";
import { naturalBatches } from "@/lib/platform/batching/natural-batches";
import { storableMessages } from "@/lib/channels/advenir/record-submission";
import { PURGE_RECORDED_SQL } from "@/lib/programme/programme-status";
import {
  byKey,
  curveParams,
  curvesCte,
  LOCK_NS,
  lockKey,
  numberArray,
  operationParams,
  opsCte,
  refusal,
  stationIndex,
  textArray,
  type CurveRow,
  type GateRow,
  type OperationRow,
  type WriteInput,
  type WriteResult,
} from "@/lib/channels/advenir/write-statements";

// The small bodies of concurrent calls of one operator, written by one statement (natural
// batches, as single statuses are: ADR 0021; here ADR 0034). A call finding fewer than
// MAX_IN_FLIGHT writes of its lane running is written at once, alone, by write-records.ts's one
// statement; calls arriving meanwhile wait for the next free slot and are written together: one
// round trip, one commit, one run of the tables' statement triggers for many calls.
//
// Each call keeps its own gate (credential, remembered secret and throttle, stations), its own
// submission row and its own counts: a call the gate refuses writes nothing and gets its refusal,
// as alone. Two calls writing the same row never share a batch (an ON CONFLICT statement cannot
// touch a row twice): the second waits for a later batch, which may run beside the first's, as
// two calls alone would. If the batch's statement fails, nothing of it is stored and each call is
// written again alone.

/** Writes of one lane running at once before calls start to wait and go together. */
const MAX_IN_FLIGHT = 4;
const MAX_BATCH = 32;

export type Shape = "ops" | "curves" | "both";

interface Item {
  sql: SqlExecutor;
  input: WriteInput;
  shape: Shape;
}

// $1 env, $2 operator, $3 the batch's stations; $4–$16 one element per call (credential, the
// remembered secret hash and throttle keys, rows received, then the submission's own fields);
// $17–$20 one element per station a call's rows use (call, station, code, power: the gate's
// station checks); then the rows' columns as in write-statements.ts, each row with its call.
const CHECK_PARAMS = 17;
const FIRST_ROW_PARAM = 21;
const batchSql = (shape: Shape) => {
  const ops = shape !== "curves";
  const curves = shape !== "ops";
  const curvesFirst = ops ? FIRST_ROW_PARAM + 8 : FIRST_ROW_PARAM;
  const written = [ops ? "SELECT submission_id FROM ops" : "", curves ? "SELECT submission_id FROM curves" : ""].filter(Boolean).join(" UNION ALL ");
  return `
WITH calls AS MATERIALIZED (
  SELECT * FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[],
                       $12::timestamptz[], $13::int[], $14::int[], $15::text[], $16::text[])
    WITH ORDINALITY AS c(credential_id, secret_hash, user_key, ip_key, received, endpoint, method, ip_address,
                         received_at, duration_ms, size_bytes, warnings, raw_body, call)
),
checks AS MATERIALIZED (
  SELECT * FROM unnest($${CHECK_PARAMS}::int[], $${CHECK_PARAMS + 1}::uuid[], $${CHECK_PARAMS + 2}::text[], $${CHECK_PARAMS + 3}::float8[]) AS e(call, id, code, power_kw)
),
gate AS MATERIALIZED (
  SELECT c.call::int AS call, c.received,
         ${PURGE_RECORDED_SQL}
         OR (c.credential_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM api_credential WHERE id = c.credential_id AND revoked_at IS NULL)) AS closed,
         c.secret_hash IS NOT NULL
         AND (NOT EXISTS (SELECT 1 FROM api_credential WHERE id = c.credential_id AND secret_hash = c.secret_hash)
              OR EXISTS (SELECT 1 FROM auth_throttle WHERE key IN (c.user_key, c.ip_key) AND blocked_until > now())) AS stale_auth,
         c.secret_hash IS NOT NULL AND EXISTS (SELECT 1 FROM auth_throttle WHERE key = c.user_key) AS user_failures,
         NOT EXISTS (SELECT 1 FROM checks e
                      WHERE e.call = c.call
                        AND NOT EXISTS (SELECT 1 FROM station s JOIN attestation a ON a.dossier_id = s.dossier_id
                                         WHERE s.id = e.id AND s.operator_id = $2::uuid AND s.station_code = e.code AND a.signed_at IS NOT NULL
                                           AND (s.nominal_power_kw * s.point_count)::float8 = e.power_kw)) AS stations_ok
    FROM calls c
),
sub AS MATERIALIZED (
  SELECT gate.call, nextval(pg_get_serial_sequence('submission', 'id')) AS id, pg_advisory_xact_lock_shared(${LOCK_NS}, ${lockKey}) AS locked
    FROM gate WHERE NOT gate.closed AND NOT gate.stale_auth AND gate.stations_ok
),${ops ? `${opsCte(FIRST_ROW_PARAM, "sub.id", " JOIN sub ON sub.call = t.call", `$${FIRST_ROW_PARAM + 7}`)},` : ""}${
    curves ? `${curvesCte(curvesFirst, "sub.id", " JOIN sub ON sub.call = t.call", `$${curvesFirst + 9}`)},` : ""
  }
written AS (SELECT submission_id AS id, count(*)::int AS n FROM (${written}) w GROUP BY submission_id),
logged AS (
  INSERT INTO submission
    (id, env, operator_id, credential_id, endpoint, method, ip_address, received_at, duration_ms, size_bytes, warnings, raw_body,
     http_status, outcome, received, stored, unchanged, errors)
  SELECT sub.id, $1::"DataEnv", $2::uuid, c.credential_id, c.endpoint, c.method, c.ip_address, c.received_at, c.duration_ms, c.size_bytes,
         c.warnings::jsonb, decode(c.raw_body, 'hex'), 200, 'OK', c.received, coalesce(w.n, 0), c.received - coalesce(w.n, 0), '[]'::jsonb
    FROM sub JOIN calls c ON c.call = sub.call LEFT JOIN written w ON w.id = sub.id
)
SELECT gate.call, gate.closed, gate.stale_auth, gate.stations_ok, gate.user_failures, sub.id::text AS id, coalesce(w.n, 0) AS stored
  FROM gate LEFT JOIN sub ON sub.call = gate.call LEFT JOIN written w ON w.id = sub.id
 ORDER BY gate.call`;
};
const BATCH_SQL: Record<Shape, string> = { ops: batchSql("ops"), curves: batchSql("curves"), both: batchSql("both") };

/** The keys a call writes: two calls sharing one never go in one batch. */
function keysOf(item: Item): string[] {
  return [...item.input.operations.map((r) => `o ${r.stationId} ${r.transactionId}`), ...item.input.curves.map((r) => `c ${r.stationId} ${r.transactionId}`)];
}

async function writeBatch(batch: Item[]): Promise<WriteResult[]> {
  const { sql, input: first, shape } = batch[0];
  const rawBodies = await Promise.all(batch.map((b) => b.input.submission.rawBody));
  const ops: (OperationRow & { call: number })[] = [];
  const curves: (CurveRow & { call: number })[] = [];
  const checks: { call: number; id: string; code: string; powerKw: number }[] = [];
  batch.forEach(({ input }, i) => {
    const call = i + 1;
    for (const r of input.operations) ops.push({ ...r, call });
    for (const r of input.curves) curves.push({ ...r, call });
    const used = new Set([...input.operations, ...input.curves].map((r) => r.stationId));
    for (const id of used) {
      const station = input.checks.stations.get(id);
      if (!station) throw new Error(`station ${id} écrite sans avoir été autorisée`);
      checks.push({ call, id, code: station.code, powerKw: station.powerKw });
    }
  });
  // One key order for the whole batch: concurrent writers lock rows in the same order.
  ops.sort(byKey);
  curves.sort(byKey);
  const keys = stationIndex(ops, curves);
  const calls = batch.map((b) => b.input);
  const column = (f: (input: WriteInput) => string) => textArray(calls.map(f));
  const params: unknown[] = [
    first.env,
    first.operatorId,
    keys.stations,
    nullableArray(calls.map((c) => c.submission.credentialId)),
    nullableArray(calls.map((c) => c.checks.remembered?.secretHash ?? null)),
    nullableArray(calls.map((c) => c.checks.remembered?.userKey ?? null)),
    nullableArray(calls.map((c) => c.checks.remembered?.ipKey ?? null)),
    numberArray(calls.map((c) => c.operations.length + c.curves.length)),
    column((c) => c.submission.endpoint),
    column((c) => c.submission.method),
    nullableArray(calls.map((c) => c.submission.ipAddress)),
    column((c) => c.submission.receivedAt.toISOString()),
    numberArray(calls.map((c) => Math.max(0, Math.round(c.submission.durationMs)))),
    numberArray(calls.map((c) => Math.min(c.submission.sizeBytes, 2_147_483_647))),
    column((c) => storableMessages(c.submission.warnings)),
    nullableArray(rawBodies.map((b) => (b ? Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex") : null))),
    numberArray(checks.map((c) => c.call)),
    `{${checks.map((c) => c.id).join(",")}}`,
    textArray(checks.map((c) => c.code)),
    numberArray(checks.map((c) => c.powerKw)),
    ...(shape !== "curves" ? [...operationParams(ops, keys.opIndexes), numberArray(ops.map((r) => r.call))] : []),
    ...(shape !== "ops" ? [...curveParams(curves, keys.curveIndexes), numberArray(curves.map((r) => r.call))] : []),
  ];
  const rows = await sql.query<GateRow & { call: number; stored: number }>(BATCH_SQL[shape], params, { name: `advenir_write_batch_${shape}` });
  return rows.map((row) =>
    row.id === null ? { refused: refusal(row) } : { refused: false, submissionId: BigInt(row.id), stored: Number(row.stored), userFailures: row.user_failures },
  );
}

/** A text[] literal whose null elements are NULL (the others quoted, so never read as NULL). */
function nullableArray(values: (string | null)[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : textArray([v]).slice(1, -1))).join(",")}}`;
}

type Batcher = (lane: string, item: Item) => Promise<WriteResult>;
const batchers = new WeakMap<SqlExecutor, Batcher>();

/**
 * Writes one call's small body with the calls of the same operator, environment and shape
 * arriving at the same time; `alone` writes a call by itself (the one-statement write).
 */
export function writeCoalesced(
  sql: SqlExecutor,
  input: WriteInput,
  shape: Shape,
  alone: (sql: SqlExecutor, input: WriteInput) => Promise<WriteResult>,
): Promise<WriteResult> {
  let batcher = batchers.get(sql);
  if (!batcher) {
    batcher = naturalBatches<Item, WriteResult>({
      maxInFlight: MAX_IN_FLIGHT,
      maxBatch: MAX_BATCH,
      write: writeBatch,
      alone: (item) => alone(item.sql, item.input),
      distinctBy: keysOf,
    });
    batchers.set(sql, batcher);
  }
  return batcher(`${input.env} ${input.operatorId} ${shape}`, { sql, input, shape });
}
