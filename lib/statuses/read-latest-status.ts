import type { DataEnv } from "@/generated/prisma/enums";
import { rawSql } from "@/lib/platform/db/database";
import type { CallJournalRow } from "@/lib/statuses/call-journal-row";
import { STORED_STATUS_COLUMNS, storedStatus, type StoredStatus, type StoredStatusRow } from "@/lib/statuses/stored-status";

// The latest status of one point (charge_point_status), in one statement: "no-point" when no
// point has this id, "no-status" when it has none yet (or its latest was dropped by a
// decommissioning). With `journal`, the call's journal row is written by the same statement
// (200, or 404 with the matching errors): one round trip per read (ADR 0005).

const SQL = `
WITH found AS (
  SELECT cp.id AS point_id, s.charge_point_id AS status_point_id, ${STORED_STATUS_COLUMNS}
    FROM charge_point cp
    LEFT JOIN charge_point_status s ON s.station_id = cp.station_id AND s.charge_point_id = cp.id AND s.env = $16::"DataEnv"
   WHERE cp.id_pdc_itinerance = $1::text
), outcome AS (
  SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM found) THEN 'no-point'
              WHEN EXISTS (SELECT 1 FROM found WHERE status_point_id IS NOT NULL) THEN 'found' ELSE 'no-status' END AS kind
), journal AS (
  INSERT INTO submission (door, env, operator_id, api_user_id, endpoint, method, ip_address, received_at, duration_ms, size_bytes,
                          http_status, outcome, received, stored, unchanged, warnings, errors)
  SELECT $3::"Door", $4::"DataEnv", $5::uuid, $6::uuid, $7::text, $8::text, $9::text, $10::timestamptz, $11::int, $12::int,
         CASE kind WHEN 'found' THEN $13::int ELSE 404 END, CASE kind WHEN 'found' THEN 'OK' ELSE 'ECHEC' END, 0, 0, 0, '[]'::jsonb,
         CASE kind WHEN 'found' THEN '[]'::jsonb WHEN 'no-point' THEN $14::jsonb ELSE $15::jsonb END
    FROM outcome WHERE $2::boolean
)
SELECT * FROM found`;

export type LatestStatusResult = { kind: "found"; status: StoredStatus } | { kind: "no-point" } | { kind: "no-status" };

export async function readLatestStatus(input: {
  idPdcItinerance: string;
  /** The environment read: a sandbox client reads its own statuses, never production's. */
  env: DataEnv;
  /** The call's journal row (its httpStatus when found) and the errors it records otherwise. */
  journal?: { door: "ADVENIR" | "QUALICHARGE" | "GIREVE"; row: CallJournalRow; noPointErrors: unknown[]; noStatusErrors: unknown[] };
}): Promise<LatestStatusResult> {
  const j = input.journal;
  const sql = await rawSql();
  const [row] = await sql.query<StoredStatusRow & { point_id: string; status_point_id: string | null }>(
    SQL,
    [
      input.idPdcItinerance,
      Boolean(j),
      j?.door ?? null,
      j?.row.env ?? null,
      j?.row.operatorId ?? null,
      j?.row.apiUserId ?? null,
      j?.row.endpoint ?? null,
      j?.row.method ?? null,
      j?.row.ipAddress ?? null,
      j?.row.receivedAt.toISOString() ?? null,
      j?.row.durationMs ?? null,
      j?.row.sizeBytes ?? null,
      j?.row.httpStatus ?? null,
      JSON.stringify(j?.noPointErrors ?? []),
      JSON.stringify(j?.noStatusErrors ?? []),
      input.env,
    ],
    // The statement writes nothing but the read's journal row: no wait for the disk (ADR 0020).
    { name: "statuses_latest_one", relaxedCommit: Boolean(j) },
  );
  if (!row) return { kind: "no-point" };
  if (!row.status_point_id) return { kind: "no-status" };
  return { kind: "found", status: storedStatus(row) };
}
