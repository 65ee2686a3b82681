import { randomUUID } from "node:crypto";
import type { DataEnv } from "@/generated/prisma/enums";
import { rawSql } from "@/lib/platform/db/database";
import { relayPointSql } from "@/lib/gireve-relay/relay-point";
import { UPSERT_LATEST_SET } from "@/lib/statuses/write-statuses";

// One status relayed by GIREVE (eMIP) written into the core (ADR 0023): the history
// (status_event) and the latest status of the point (charge_point_status), door GIREVE, with the
// call's journal row, in ONE statement (ADR 0005). eMIP sends availability and occupancy apart:
// the field a message does not carry is the point's as it stood at the event's time (its latest
// state when the event is newer, which is locked for the statement; otherwise the history's last
// event before it, read apart), `inconnu` when the point never reported it. An event older than
// the latest state goes to the history only (UPSERT_LATEST_SET keeps the greatest horodatage). The
// latest event sent again (same time and states: GIREVE retries its latest status) is stored once.

export interface RelayStatus {
  /** IRVE form of the EVSE id (charge_point.id_pdc_itinerance). */
  idPdcItinerance: string;
  /** The message's operatorId in IRVE form (an operational unit's code). */
  operatorCode: string;
  horodatage: Date;
  /** QualiCharge's etat_pdc / occupation_pdc; null when the message does not carry it. */
  etatPdc: string | null;
  occupationPdc: string | null;
}

export interface RelayCallJournal {
  relayAccountId: string;
  endpoint: string;
  method: string;
  ipAddress: string | null;
  receivedAt: Date;
  durationMs: number;
  sizeBytes: number;
  /** {chemin, message} items, as the ADVENIR journal's. */
  warnings: { chemin: string; message: string }[];
}

/** The journal row's call fields, in the order the GIREVE statements take them (relay account, endpoint, method, address, reception, duration, size). */
export function relayJournalParams(j: RelayCallJournal): unknown[] {
  return [j.relayAccountId, j.endpoint, j.method, j.ipAddress, j.receivedAt.toISOString(), j.durationMs, j.sizeBytes];
}

export type WriteRelayStatusResult =
  | { written: true; stored: boolean; operatorId: string }
  /** Not a point the relay may report on for this operator: nothing written (lib/gireve-relay/relay-point.ts says why). */
  | { written: false };

// The statement reads no partition of the history (locking and probing every monthly partition
// would cost more than the whole write): the field a message lacks comes from the latest state; an
// event older than it that lacks a field writes nothing and says so (`needs_history`), and the
// caller reads the history's state at that time (HISTORY_AT_SQL) and writes again with both fields.
// A retry is recognised against the latest state (the relay re-sends its latest status).
export const WRITE_RELAY_STATUS_SQL = `
WITH point AS (${relayPointSql("$1::text", "$2::text")}
), latest AS MATERIALIZED (
  SELECT st.horodatage, st.etat_pdc, st.occupation_pdc, st.door
    FROM charge_point_status st JOIN point p ON st.station_id = p.station_id AND st.charge_point_id = p.id
   WHERE st.env = $7::"DataEnv"
     FOR UPDATE OF st
), merged AS (
  SELECT p.id, p.station_id, p.operator_id,
         coalesce($4::text, l.etat_pdc, 'inconnu') AS etat, coalesce($5::text, l.occupation_pdc, 'inconnu') AS occupation,
         coalesce(l.horodatage > $3::timestamptz AND ($4::text IS NULL OR $5::text IS NULL), false) AS needs_history,
         coalesce(l.horodatage = $3::timestamptz AND l.door = 'GIREVE', false) AS same_time, l.etat_pdc AS l_etat, l.occupation_pdc AS l_occupation
    FROM point p LEFT JOIN latest l ON true
), fresh AS (
  SELECT m.* FROM merged m
   WHERE NOT m.needs_history AND NOT (m.same_time AND m.l_etat = m.etat AND m.l_occupation = m.occupation)
), events AS (
  INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, env, etat_pdc, occupation_pdc)
  SELECT station_id, id, $3::timestamptz, $6::uuid, 'GIREVE', $7::"DataEnv", etat, occupation FROM fresh
), upserted AS (
  INSERT INTO charge_point_status AS s (station_id, charge_point_id, env, status_id, horodatage, door, etat_pdc, occupation_pdc, received_at)
  SELECT station_id, id, $7::"DataEnv", $6::uuid, $3::timestamptz, 'GIREVE', etat, occupation, now() FROM fresh
  ${UPSERT_LATEST_SET}
), journal AS (
  INSERT INTO submission (door, env, operator_id, relay_account_id, endpoint, method, ip_address, received_at, duration_ms, size_bytes,
                          http_status, outcome, received, stored, unchanged, warnings, errors)
  SELECT 'GIREVE', $7::"DataEnv", m.operator_id, $8::uuid, $9, $10, $11, $12::timestamptz, $13::int, $14::int, 200, 'OK',
         1, (SELECT count(*) FROM fresh)::int, 1 - (SELECT count(*) FROM fresh)::int, $15::jsonb, '[]'::jsonb
    FROM merged m WHERE NOT m.needs_history
)
SELECT m.operator_id::text AS operator_id, m.needs_history, (SELECT count(*) FROM fresh)::int AS stored FROM merged m`;

/** The point's states at an instant: its last event at or before it (rows for a late, partial status only). */
const HISTORY_AT_SQL = `
SELECT e.etat_pdc, e.occupation_pdc
  FROM status_event e JOIN charge_point cp ON cp.station_id = e.station_id AND cp.id = e.charge_point_id
 WHERE cp.id_pdc_itinerance = $1 AND e.env = $2::"DataEnv" AND e.horodatage <= $3::timestamptz
 ORDER BY e.horodatage DESC LIMIT 1`;

/** Writes the status and its journal row, or nothing when the point is not the relay's to report on. */
export async function writeRelayStatus(input: { status: RelayStatus; env: DataEnv; journal: RelayCallJournal }): Promise<WriteRelayStatusResult> {
  const { status: s, journal: j } = input;
  const sql = await rawSql();
  const write = (etat: string | null, occupation: string | null) =>
    sql.query<{ operator_id: string; needs_history: boolean; stored: number }>(
      WRITE_RELAY_STATUS_SQL,
      [
        s.idPdcItinerance,
        s.operatorCode,
        s.horodatage.toISOString(),
        etat,
        occupation,
        randomUUID(),
        input.env,
        ...relayJournalParams(j),
        JSON.stringify(j.warnings),
      ],
      { name: "gireve_status_write" },
    );
  let [row] = await write(s.etatPdc, s.occupationPdc);
  if (row?.needs_history) {
    // A late event lacking a field: the field as the history had it then ('inconnu' before any).
    const [before] = await sql.query<{ etat_pdc: string; occupation_pdc: string }>(HISTORY_AT_SQL, [s.idPdcItinerance, input.env, s.horodatage.toISOString()], {
      name: "gireve_status_history_at",
    });
    [row] = await write(s.etatPdc ?? before?.etat_pdc ?? "inconnu", s.occupationPdc ?? before?.occupation_pdc ?? "inconnu");
  }
  return row ? { written: true, stored: row.stored === 1, operatorId: row.operator_id } : { written: false };
}
