import { randomUUID } from "node:crypto";
import type { DataEnv } from "@/generated/prisma/enums";
import { rawSql } from "@/lib/platform/db/database";
import { naturalBatches } from "@/lib/platform/batching/natural-batches";
import type { CallJournalRow } from "@/lib/statuses/call-journal-row";
import { UPSERT_LATEST_SET, writeStatuses, type Door, type StatusToWrite, type WriteStatusesResult } from "@/lib/statuses/write-statuses";

// Single-status calls arriving together are written by one statement (lib/platform/batching/natural-batches.ts): a call
// finding fewer than MAX_IN_FLIGHT statements running goes at once, alone; the others wait for
// the next free slot and go together, up to MAX_BATCH. Nothing waits on a timer, so a lone call
// is never delayed; under load, one statement and one commit serve many calls, which keeps the
// database's work per status (and so the calls' latency) low when thousands of charge points
// report one status each (issue 17's single-POST benchmark).
//
// Each call keeps its own outcome: a call whose point is undeclared or decommissioned writes
// nothing and is told so, the others are stored with their journal rows. The latest status of a
// point written by several calls of one batch is the greatest horodatage, ties to the call
// received last, as if they had come one after the other. If the batch's statement fails, each
// call is written again alone (write-statuses.ts): one call's failure never costs the others.

const MAX_IN_FLIGHT = 4;
const MAX_BATCH = 64;

interface Item {
  status: StatusToWrite;
  door: Door;
  env: DataEnv;
  journal: CallJournalRow | undefined;
}

// Each status's point by its own index lookup (OFFSET 0: never flattened into a hash join over
// every charge point, as lib/statuses/write-statuses.ts says).
const WRITE_BATCH_SQL = `
WITH input AS (
  SELECT t.* FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[],
                         $12::boolean[], $13::"DataEnv"[], $14::uuid[], $15::uuid[], $16::text[], $17::text[], $18::text[], $19::timestamptz[],
                         $20::int[], $21::int[], $22::int[])
    WITH ORDINALITY AS t(pdc, horodatage, etat_pdc, occupation_pdc, p2, ccs, chademo, ef, id, journaled, j_env, j_operator, j_user,
                         j_endpoint, j_method, j_ip, j_received, j_duration, j_size, j_status, ord)
), resolved AS (
  SELECT i.*, cp.id AS charge_point_id, cp.station_id
    FROM input i CROSS JOIN LATERAL (
      SELECT id, station_id FROM charge_point WHERE id_pdc_itinerance = i.pdc AND decommissioned_at IS NULL OFFSET 0
    ) AS cp
), events AS (
  INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, env, etat_pdc, occupation_pdc,
                            etat_prise_type_2, etat_prise_type_combo_ccs, etat_prise_type_chademo, etat_prise_type_ef)
  SELECT station_id, charge_point_id, horodatage, id, $10::"Door", $11::"DataEnv", etat_pdc, occupation_pdc, p2, ccs, chademo, ef FROM resolved
), latest AS (
  INSERT INTO charge_point_status AS s (station_id, charge_point_id, env, status_id, horodatage, door, etat_pdc, occupation_pdc,
                                        etat_prise_type_2, etat_prise_type_combo_ccs, etat_prise_type_chademo, etat_prise_type_ef, received_at)
  SELECT DISTINCT ON (charge_point_id) station_id, charge_point_id, $11::"DataEnv", id, horodatage, $10::"Door", etat_pdc, occupation_pdc, p2, ccs, chademo, ef, now()
    FROM resolved
   ORDER BY charge_point_id, horodatage DESC, ord DESC
  ${UPSERT_LATEST_SET}
), journal AS (
  INSERT INTO submission (door, env, operator_id, api_user_id, endpoint, method, ip_address, received_at, duration_ms, size_bytes,
                          http_status, outcome, received, stored, unchanged, warnings, errors)
  SELECT $10::"Door", j_env, j_operator, j_user, j_endpoint, j_method, j_ip, j_received, j_duration, j_size, j_status, 'OK', 1, 1, 0, '[]'::jsonb, '[]'::jsonb
    FROM resolved WHERE journaled
)
SELECT ord::int AS ord FROM resolved`;

// One batcher per process (kept on globalThis: a module loaded twice must not split the lanes).
const g = globalThis as unknown as { __statusBatches?: (lane: string, item: Item) => Promise<WriteStatusesResult> };
function batches() {
  g.__statusBatches ??= naturalBatches<Item, WriteStatusesResult>({
    maxInFlight: MAX_IN_FLIGHT,
    maxBatch: MAX_BATCH,
    write: writeBatch,
    // Nothing of a failed batch was written (one statement): each call alone, with its own outcome.
    alone: (p) => writeStatuses({ statuses: [p.status], door: p.door, env: p.env, journal: p.journal }),
  });
  return g.__statusBatches;
}

/** Writes one call's status (and its journal row), with the calls arriving at the same time. */
export function writeOneStatus(input: { status: StatusToWrite; door: Door; env: DataEnv; journal?: CallJournalRow }): Promise<WriteStatusesResult> {
  return batches()(`${input.door}|${input.env}`, { status: input.status, door: input.door, env: input.env, journal: input.journal });
}

/** The batch in one statement (its items share a lane: one door, one environment). */
async function writeBatch(batch: Item[]): Promise<WriteStatusesResult[]> {
  const { door, env } = batch[0];
  const ids = batch.map(() => randomUUID());
  const column = <T>(f: (p: Item) => T) => batch.map(f);
  const sql = await rawSql();
  const rows = await sql.query<{ ord: number }>(
    WRITE_BATCH_SQL,
    [
      column((p) => p.status.idPdcItinerance),
      column((p) => p.status.horodatage.toISOString()),
      column((p) => p.status.etatPdc),
      column((p) => p.status.occupationPdc),
      column((p) => p.status.etatPriseType2 ?? null),
      column((p) => p.status.etatPriseTypeComboCcs ?? null),
      column((p) => p.status.etatPriseTypeChademo ?? null),
      column((p) => p.status.etatPriseTypeEf ?? null),
      ids,
      door,
      env,
      column((p) => Boolean(p.journal)),
      column((p) => p.journal?.env ?? null),
      column((p) => p.journal?.operatorId ?? null),
      column((p) => p.journal?.apiUserId ?? null),
      column((p) => p.journal?.endpoint ?? null),
      column((p) => p.journal?.method ?? null),
      column((p) => p.journal?.ipAddress ?? null),
      column((p) => p.journal?.receivedAt.toISOString() ?? null),
      column((p) => p.journal?.durationMs ?? null),
      column((p) => p.journal?.sizeBytes ?? null),
      column((p) => p.journal?.httpStatus ?? null),
    ],
    { name: "statuses_write_batch" },
  );
  const stored = new Set(rows.map((r) => r.ord));
  return batch.map((_, i) => (stored.has(i + 1) ? { written: true, ids: [ids[i]] } : { written: false }));
}
