import type { DataEnv } from "@/generated/prisma/enums";
import { rawSql } from "@/lib/platform/db/database";
import { naturalBatches } from "@/lib/platform/batching/natural-batches";
import { relayPointSql } from "@/lib/gireve-relay/relay-point";
import { PURGE_RECORDED_SQL } from "@/lib/programme/programme-status";

// The first statement of a GIREVE charge detail record (lib/charges/record-charge-detail.ts): the
// point the record names, whether the programme's data were purged, and its session's stored state
// (JSON text, gireve_session_state without the lock: the write checks it again under the lock).
// Records arriving together are read by one statement (natural batching, ADR 0021): the relay
// sends one record per call, and each statement costs the portal's process and the database more
// than the rows it reads.

export interface SessionRead {
  id: string;
  station_id: string;
  operator_id: string;
  power_kw: number;
  purged: boolean;
  /** The session's charge and curve as gireve_session_state gives them. */
  state: string;
}

interface Item {
  idPdcItinerance: string;
  operatorCode: string;
  env: DataEnv;
  serviceSessionId: string;
}

/** One statement for the batch: a row per item whose point the relay may report on (ord: the item's place). */
const READ_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(pdc, unit, env, session, ord)
), purge AS (
  SELECT ${PURGE_RECORDED_SQL} AS purged
)
SELECT i.ord::int AS ord, p.id::text, p.station_id::text, p.operator_id::text, p.power_kw, (SELECT purged FROM purge) AS purged,
       gireve_session_state(i.env::"DataEnv", p.operator_id, p.station_id, i.session, false) AS state
  FROM input i CROSS JOIN LATERAL (${relayPointSql("i.pdc", "i.unit")} OFFSET 0) AS p`;

/** One record's read under its session's lock, held until the transaction it runs in ends: $1 IRVE id, $2 unit, $3 env, $4 session. */
export const LOCKED_READ_SQL = `
SELECT p.id::text, p.station_id::text, p.operator_id::text, p.power_kw, ${PURGE_RECORDED_SQL} AS purged,
       gireve_session_state($3::"DataEnv", p.operator_id, p.station_id, $4, true) AS state
  FROM (${relayPointSql("$1::text", "$2::text")}) AS p`;

async function readBatch(batch: Item[]): Promise<(SessionRead | null)[]> {
  const sql = await rawSql();
  const rows = await sql.query<SessionRead & { ord: number }>(
    READ_SQL,
    [batch.map((b) => b.idPdcItinerance), batch.map((b) => b.operatorCode), batch.map((b) => b.env), batch.map((b) => b.serviceSessionId)],
    { name: "gireve_cdr_read" },
  );
  const byOrd = new Map(rows.map(({ ord, ...row }) => [ord, row]));
  return batch.map((_, i) => byOrd.get(i + 1) ?? null);
}

// One batcher per process (kept on globalThis: a module loaded twice must not split it). One
// statement in flight: the others wait and go together (measured: fuller batches, fewer statements).
const g = globalThis as unknown as { __relaySessionReads?: (lane: string, item: Item) => Promise<SessionRead | null> };

/** The record's point and session state, or null when the relay may not report on the point. */
export function readRelaySession(item: Item): Promise<SessionRead | null> {
  g.__relaySessionReads ??= naturalBatches<Item, SessionRead | null>({
    maxInFlight: 1,
    maxBatch: 64,
    write: readBatch,
    alone: async (one) => (await readBatch([one]))[0],
  });
  return g.__relaySessionReads("reads", item);
}
