import { randomUUID } from "node:crypto";
import type { DataEnv } from "@/generated/prisma/enums";
import { rawSql } from "@/lib/platform/db/database";
import { ALONE, naturalBatches } from "@/lib/platform/batching/natural-batches";
import { relayPointSql } from "@/lib/gireve-relay/relay-point";
import { UPSERT_LATEST_SET } from "@/lib/statuses/write-statuses";
import { writeRelayStatus, type RelayCallJournal, type RelayStatus, type WriteRelayStatusResult } from "@/lib/statuses/write-relay-status";

// GIREVE's statuses arriving together written by one statement (lib/platform/batching/natural-batches.ts, as the
// QualiCharge door's single statuses, ADR 0021): a message finding fewer than MAX_IN_FLIGHT
// statements running goes at once, alone; the others wait for the next free slot and go together,
// up to MAX_BATCH, one commit for all. Nothing waits on a timer. The relay sends one status per
// call, thousands of points each a few times an hour: batching is what keeps the database's work
// per message close to one INSERT's (issue 18's benchmark).
//
// Each message keeps its own outcome and journal row, as if written alone
// (lib/statuses/write-relay-status.ts has the rules): a batch holds each point once (a second
// message of a point waits for the next batch, so their order stands); a message the batch cannot
// settle (a late event lacking a field, which needs the history) or a batch whose statement fails
// is written again alone.

// One, not four as for QualiCharge: the relay's messages come one per call, so fewer statements in
// flight make fuller batches (issue 18's bench, envelopes/s of the minimal server's: 48 % with 1,
// 42 % with 2 and with 3, once each batch found its points by index; before, 35 % with 2).
const MAX_IN_FLIGHT = 1;
const MAX_BATCH = 64;

interface Item {
  status: RelayStatus;
  env: DataEnv;
  journal: RelayCallJournal;
}

// Each message's point is found by its own index lookups (OFFSET 0 keeps the lateral subquery from
// being flattened: flattened, the planner started from the dossier and scanned all its points for
// every batch, 5 ms for 16 messages over 1,000 points), and each latest state is locked by its key,
// in point order (concurrent batches lock shared points in the same order).
const WRITE_BATCH_SQL = `
WITH input AS (
  SELECT t.* FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::uuid[], $8::uuid[], $9::text[], $10::text[],
                         $11::text[], $12::timestamptz[], $13::int[], $14::int[], $15::jsonb[])
    WITH ORDINALITY AS t(pdc, unit, horodatage, etat, occupation, id, j_relay, j_endpoint, j_method, j_ip, j_received, j_duration, j_size,
                         j_warnings, ord)
), point AS (
  SELECT i.*, p.id AS cp_id, p.station_id, p.operator_id
    FROM input i CROSS JOIN LATERAL (${relayPointSql("i.pdc", "i.unit")} OFFSET 0) AS p
), latest AS MATERIALIZED (
  SELECT l.* FROM (SELECT * FROM point ORDER BY station_id, cp_id) AS p
   CROSS JOIN LATERAL (
     SELECT st.charge_point_id, st.horodatage, st.etat_pdc, st.occupation_pdc, st.door
       FROM charge_point_status st
      WHERE st.station_id = p.station_id AND st.charge_point_id = p.cp_id AND st.env = $7::"DataEnv"
        FOR UPDATE OF st) AS l
), merged AS (
  SELECT p.*, coalesce(p.etat, l.etat_pdc, 'inconnu') AS m_etat, coalesce(p.occupation, l.occupation_pdc, 'inconnu') AS m_occupation,
         coalesce(l.horodatage > p.horodatage AND (p.etat IS NULL OR p.occupation IS NULL), false) AS needs_history,
         coalesce(l.horodatage = p.horodatage AND l.door = 'GIREVE', false) AS same_time, l.etat_pdc AS l_etat, l.occupation_pdc AS l_occupation
    FROM point p LEFT JOIN latest l ON l.charge_point_id = p.cp_id
), settled AS (
  SELECT * FROM merged WHERE NOT needs_history
), fresh AS (
  SELECT * FROM settled WHERE NOT (same_time AND l_etat = m_etat AND l_occupation = m_occupation)
), events AS (
  INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, env, etat_pdc, occupation_pdc)
  SELECT station_id, cp_id, horodatage, id, 'GIREVE', $7::"DataEnv", m_etat, m_occupation FROM fresh
), upserted AS (
  INSERT INTO charge_point_status AS s (station_id, charge_point_id, env, status_id, horodatage, door, etat_pdc, occupation_pdc, received_at)
  SELECT station_id, cp_id, $7::"DataEnv", id, horodatage, 'GIREVE', m_etat, m_occupation, now() FROM fresh ORDER BY station_id, cp_id
  ${UPSERT_LATEST_SET}
), journal AS (
  INSERT INTO submission (door, env, operator_id, relay_account_id, endpoint, method, ip_address, received_at, duration_ms, size_bytes,
                          http_status, outcome, received, stored, unchanged, warnings, errors)
  SELECT 'GIREVE', $7::"DataEnv", s.operator_id, s.j_relay, s.j_endpoint, s.j_method, s.j_ip, s.j_received, s.j_duration, s.j_size, 200, 'OK',
         1, f.n, 1 - f.n, s.j_warnings, '[]'::jsonb
    FROM settled s CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM fresh WHERE fresh.ord = s.ord) AS f
)
SELECT m.ord::int AS ord, m.operator_id::text AS operator_id, m.needs_history, EXISTS (SELECT 1 FROM fresh f WHERE f.ord = m.ord) AS stored
  FROM merged m`;

// One batcher per process (kept on globalThis: a module loaded twice must not split the lanes).
const g = globalThis as unknown as { __relayStatusBatches?: (lane: string, item: Item) => Promise<WriteRelayStatusResult> };
function batches() {
  g.__relayStatusBatches ??= naturalBatches<Item, WriteRelayStatusResult>({
    maxInFlight: MAX_IN_FLIGHT,
    maxBatch: MAX_BATCH,
    // One message per point in a batch: a point's messages keep their order.
    distinctBy: (p) => p.status.idPdcItinerance,
    write: writeBatch,
    alone: (p) => writeRelayStatus(p),
  });
  return g.__relayStatusBatches;
}

/** Writes one relayed status (and its journal row), with the messages arriving at the same time. */
export function writeRelayStatusCoalesced(input: { status: RelayStatus; env: DataEnv; journal: RelayCallJournal }): Promise<WriteRelayStatusResult> {
  return batches()(input.env, input);
}

/** The batch in one statement (its items share a lane: one environment); a late partial event is left to `alone`. */
async function writeBatch(batch: Item[]): Promise<(WriteRelayStatusResult | typeof ALONE)[]> {
  const { env } = batch[0];
  const column = <T>(f: (p: Item) => T) => batch.map(f);
  const sql = await rawSql();
  const rows = await sql.query<{ ord: number; operator_id: string; needs_history: boolean; stored: boolean }>(
    WRITE_BATCH_SQL,
    [
      column((p) => p.status.idPdcItinerance),
      column((p) => p.status.operatorCode),
      column((p) => p.status.horodatage.toISOString()),
      column((p) => p.status.etatPdc),
      column((p) => p.status.occupationPdc),
      column(() => randomUUID()),
      env,
      column((p) => p.journal.relayAccountId),
      column((p) => p.journal.endpoint),
      column((p) => p.journal.method),
      column((p) => p.journal.ipAddress),
      column((p) => p.journal.receivedAt.toISOString()),
      column((p) => p.journal.durationMs),
      column((p) => p.journal.sizeBytes),
      column((p) => JSON.stringify(p.journal.warnings)),
    ],
    { name: "gireve_status_write_batch" },
  );
  const byOrd = new Map(rows.map((r) => [r.ord, r]));
  return batch.map((_, i) => {
    const row = byOrd.get(i + 1);
    if (!row) return { written: false };
    return row.needs_history ? ALONE : { written: true, stored: row.stored, operatorId: row.operator_id };
  });
}
