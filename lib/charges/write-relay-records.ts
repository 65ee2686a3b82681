import type { DataEnv } from "@/generated/prisma/enums";
import { db, rawSql } from "@/lib/platform/db/database";
import { naturalBatches } from "@/lib/platform/batching/natural-batches";
import { PURGE_RECORDED_SQL } from "@/lib/programme/programme-status";
import type { RelayCallJournal } from "@/lib/statuses/write-relay-status";

// The second statement of GIREVE charge detail records (lib/charges/record-charge-detail.ts): what
// each record's decision writes (its charge, its curve inserted or updated) and its journal row,
// only if the session's state, read again under the session's advisory lock
// (gireve_session_state), is the one the decision was taken on. Records arriving together are
// written by one statement (natural batching, ADR 0021), each of a different session, each with
// its own guard and outcome: one statement and one firing of the energy triggers (lib/indicators)
// for all. The locks are taken in the order of their keys, so that two such statements never wait
// on each other in a cycle.

export interface RecordWrite {
  env: DataEnv;
  operatorId: string;
  stationId: string;
  session: string;
  /** The session's state the decision was taken on (gireve_session_state's text). */
  state: string;
  operation: { startS: number; stopS: number; energyWh: number; flags: string[]; pointId: string } | null;
  curve: { form: "insert" | "update"; startS: number; stopS: number; energyWh: number | null; offsets: number[]; values: number[]; flags: string[] } | null;
  journal: RelayCallJournal;
  outcome: "OK" | "ECHEC";
  stored: number;
  unchanged: number;
  warnings: { chemin: string; message: string }[];
  errors: { chemin: string; message: string }[];
}

/** How the statement is run: on the pool, or on a transaction's connection. */
export type Query = <T>(text: string, params: unknown[], name: string) => Promise<T[]>;

// Arrays of arrays cannot be unnested row by row: a record's flags, offsets and values travel as JSON.
const textArray = (json: string) => `ARRAY(SELECT jsonb_array_elements_text(${json}::jsonb))`;
const numberArray = (json: string, type: string) => `ARRAY(SELECT x::${type} FROM jsonb_array_elements_text(${json}::jsonb) AS x)`;

const WRITE_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[],
                       $6::boolean[], $7::float8[], $8::float8[], $9::bigint[], $10::text[], $11::uuid[],
                       $12::text[], $13::float8[], $14::float8[], $15::int[], $16::bigint[], $17::text[], $18::text[], $19::text[],
                       $20::uuid[], $21::text[], $22::text[], $23::text[], $24::timestamptz[], $25::int[], $26::int[],
                       $27::text[], $28::int[], $29::int[], $30::text[], $31::text[])
    WITH ORDINALITY AS t(env, operator_id, station_id, session, state,
                         op, op_start, op_stop, op_energy, op_flags, point_id,
                         curve, c_start, c_stop, c_count, c_energy, c_offsets, c_values, c_flags,
                         j_relay, j_endpoint, j_method, j_ip, j_received, j_duration, j_size,
                         j_outcome, j_stored, j_unchanged, j_warnings, j_errors, ord)
), guard AS MATERIALIZED (
  SELECT i.*, NOT (SELECT ${PURGE_RECORDED_SQL}) AND gireve_session_state(i.env::"DataEnv", i.operator_id, i.station_id, i.session, true) = i.state AS ok
    FROM (SELECT * FROM input ORDER BY hashtextextended(env || '|' || station_id::text || '|' || session, 18) OFFSET 0) AS i
), operation AS (
  INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, quality_flags, door, charge_point_id)
  SELECT env::"DataEnv", operator_id, station_id, session, to_timestamp(op_start), to_timestamp(op_stop), 0, op_energy, ${textArray("op_flags")},
         'GIREVE', point_id
    FROM guard WHERE ok AND op
), curve_new AS (
  INSERT INTO load_curve (env, operator_id, station_id, transaction_id, start_at, stop_at, point_count, energy_wh, offsets_s, values_wh, quality_flags, door)
  SELECT env::"DataEnv", operator_id, station_id, session, to_timestamp(c_start), to_timestamp(c_stop), c_count, c_energy,
         ${numberArray("c_offsets", "int")}, ${numberArray("c_values", "bigint")}, ${textArray("c_flags")}, 'GIREVE'
    FROM guard WHERE ok AND curve = 'insert'
  ON CONFLICT (env, operator_id, station_id, transaction_id) DO NOTHING
), curve_updated AS (
  UPDATE load_curve c
     SET start_at = to_timestamp(g.c_start), stop_at = to_timestamp(g.c_stop), point_count = g.c_count, energy_wh = g.c_energy,
         offsets_s = ${numberArray("g.c_offsets", "int")}, values_wh = ${numberArray("g.c_values", "bigint")}, quality_flags = ${textArray("g.c_flags")},
         received_at = now()
    FROM guard g
   WHERE g.ok AND g.curve = 'update' AND c.env = g.env::"DataEnv" AND c.operator_id = g.operator_id AND c.station_id = g.station_id
     AND c.transaction_id = g.session AND c.door = 'GIREVE'
), journal AS (
  INSERT INTO submission (door, env, operator_id, relay_account_id, endpoint, method, ip_address, received_at, duration_ms, size_bytes,
                          http_status, outcome, received, stored, unchanged, warnings, errors)
  SELECT 'GIREVE', env::"DataEnv", operator_id, j_relay, j_endpoint, j_method, j_ip, j_received, j_duration, j_size,
         200, j_outcome, 1, j_stored, j_unchanged, j_warnings::jsonb, j_errors::jsonb
    FROM guard WHERE ok
)
SELECT ord::int AS ord, ok FROM guard`;

/** Writes each record whose session is still as read; true for those written, false for the others (nothing written). */
export async function writeRelayRecordsWith(query: Query, batch: RecordWrite[]): Promise<boolean[]> {
  const column = <T>(f: (w: RecordWrite) => T) => batch.map(f);
  const json = (v: unknown[] | undefined) => (v ? JSON.stringify(v) : null);
  const rows = await query<{ ord: number; ok: boolean }>(
    WRITE_SQL,
    [
      column((w) => w.env),
      column((w) => w.operatorId),
      column((w) => w.stationId),
      column((w) => w.session),
      column((w) => w.state),
      column((w) => w.operation !== null),
      column((w) => w.operation?.startS ?? null),
      column((w) => w.operation?.stopS ?? null),
      column((w) => w.operation?.energyWh ?? null),
      column((w) => json(w.operation?.flags)),
      column((w) => w.operation?.pointId ?? null),
      column((w) => w.curve?.form ?? null),
      column((w) => w.curve?.startS ?? null),
      column((w) => w.curve?.stopS ?? null),
      column((w) => w.curve?.offsets.length ?? null),
      column((w) => w.curve?.energyWh ?? null),
      column((w) => json(w.curve?.offsets)),
      column((w) => json(w.curve?.values)),
      column((w) => json(w.curve?.flags)),
      column((w) => w.journal.relayAccountId),
      column((w) => w.journal.endpoint),
      column((w) => w.journal.method),
      column((w) => w.journal.ipAddress),
      column((w) => w.journal.receivedAt.toISOString()),
      column((w) => w.journal.durationMs),
      column((w) => w.journal.sizeBytes),
      column((w) => w.outcome),
      column((w) => w.stored),
      column((w) => w.unchanged),
      column((w) => JSON.stringify(w.warnings)),
      column((w) => JSON.stringify(w.errors)),
    ],
    "gireve_cdr_write",
  );
  const written = new Map(rows.map((r) => [Number(r.ord), r.ok]));
  return batch.map((_, i) => written.get(i + 1) === true);
}

/** `fn` in one transaction: on PostgreSQL on a pooled connection of its own; on PGlite (one in-process connection) through Prisma, which serialises transactions. */
export async function inRecordTransaction<T>(fn: (query: Query) => Promise<T>): Promise<T> {
  const sql = await rawSql();
  if (sql.transaction) return sql.transaction((tx) => fn((text, params, name) => tx.query(text, params, { name })));
  return (await db()).$transaction((tx) => fn((text, params) => tx.$queryRawUnsafe(text, ...params)));
}

/** The pool's connections (the database opened when the statement runs, as tests reopen it). */
const pooled: Query = async (text, params, name) => (await rawSql()).query(text, params, { name });

// One batcher per process (kept on globalThis: a module loaded twice must not split it). A batch
// holds one record per session (a second waits for the next batch: it is decided on the first's
// result); one statement in flight, the others wait and go together.
const g = globalThis as unknown as { __relayRecordWrites?: (lane: string, item: RecordWrite) => Promise<boolean> };

/** Writes one record (with the records arriving at the same time); false when its session changed since it was read. */
export function writeRelayRecord(item: RecordWrite): Promise<boolean> {
  g.__relayRecordWrites ??= naturalBatches<RecordWrite, boolean>({
    maxInFlight: 1,
    maxBatch: 64,
    distinctBy: (w) => `${w.env}|${w.stationId}|${w.session}`,
    write: (batch) => writeRelayRecordsWith(pooled, batch),
    alone: async (one) => (await writeRelayRecordsWith(pooled, [one]))[0],
  });
  return g.__relayRecordWrites("records", item);
}
