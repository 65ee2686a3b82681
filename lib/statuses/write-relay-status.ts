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
// event before it), `inconnu` when the point never reported it. An event older than the latest
// state goes to the history only (UPSERT_LATEST_SET keeps the greatest horodatage). The same event
// sent again (same point, time and states: GIREVE retries) is stored once.

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

export type WriteRelayStatusResult =
  | { written: true; stored: boolean; operatorId: string }
  /** Not a point the relay may report on for this operator: nothing written (lib/gireve-relay/relay-point.ts says why). */
  | { written: false };

const WRITE_RELAY_STATUS_SQL = `
WITH point AS (${relayPointSql("$1::text", "$2::text")}
), latest AS MATERIALIZED (
  SELECT st.horodatage, st.etat_pdc, st.occupation_pdc
    FROM charge_point_status st JOIN point p ON st.station_id = p.station_id AND st.charge_point_id = p.id
   WHERE st.env = $7::"DataEnv"
     FOR UPDATE OF st
), merged AS (
  SELECT p.id, p.station_id, p.operator_id,
         coalesce($4::text, before.etat_pdc, 'inconnu') AS etat, coalesce($5::text, before.occupation_pdc, 'inconnu') AS occupation
    FROM point p
    LEFT JOIN LATERAL (
      (SELECT l.etat_pdc, l.occupation_pdc FROM latest l WHERE l.horodatage <= $3::timestamptz)
      UNION ALL
      (SELECT e.etat_pdc, e.occupation_pdc FROM status_event e
        WHERE e.station_id = p.station_id AND e.charge_point_id = p.id AND e.env = $7::"DataEnv" AND e.horodatage <= $3::timestamptz
        ORDER BY e.horodatage DESC LIMIT 1)
      LIMIT 1
    ) before ON true
), fresh AS (
  SELECT m.* FROM merged m
   WHERE NOT EXISTS (SELECT 1 FROM status_event e
                      WHERE e.station_id = m.station_id AND e.charge_point_id = m.id AND e.horodatage = $3::timestamptz
                        AND e.env = $7::"DataEnv" AND e.door = 'GIREVE' AND e.etat_pdc = m.etat AND e.occupation_pdc = m.occupation)
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
    FROM merged m
)
SELECT m.operator_id::text AS operator_id, (SELECT count(*) FROM fresh)::int AS stored FROM merged m`;

/** Writes the status and its journal row, or nothing when the point is not the relay's to report on. */
export async function writeRelayStatus(input: { status: RelayStatus; env: DataEnv; journal: RelayCallJournal }): Promise<WriteRelayStatusResult> {
  const { status: s, journal: j } = input;
  const sql = await rawSql();
  const [row] = await sql.query<{ operator_id: string; stored: number }>(
    WRITE_RELAY_STATUS_SQL,
    [
      s.idPdcItinerance,
      s.operatorCode,
      s.horodatage.toISOString(),
      s.etatPdc,
      s.occupationPdc,
      randomUUID(),
      input.env,
      j.relayAccountId,
      j.endpoint,
      j.method,
      j.ipAddress,
      j.receivedAt.toISOString(),
      j.durationMs,
      j.sizeBytes,
      JSON.stringify(j.warnings),
    ],
    { name: "gireve_status_write" },
  );
  return row ? { written: true, stored: row.stored === 1, operatorId: row.operator_id } : { written: false };
}
