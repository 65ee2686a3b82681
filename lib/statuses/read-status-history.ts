import type { DataEnv } from "@/generated/prisma/enums";
import { rawSql } from "@/lib/platform/db/database";
import { STORED_STATUS_COLUMNS, storedStatus, type StoredStatus, type StoredStatusRow } from "@/lib/statuses/stored-status";

// The history of one point's statuses (status_event), by horodatage (then order of reception),
// from `from` when given, in one query led by the point's (station_id, charge_point_id): the
// primary key's prefix in every monthly partition, the older ones pruned by `from`.

const SQL = `
SELECT cp.id AS point_id, s.charge_point_id AS status_point_id, ${STORED_STATUS_COLUMNS}
  FROM charge_point cp
  LEFT JOIN LATERAL (
    SELECT e.* FROM status_event e
     WHERE e.station_id = cp.station_id AND e.charge_point_id = cp.id AND e.horodatage >= COALESCE($2::timestamptz, '-infinity'::timestamptz)
       AND e.env = $3::"DataEnv"
  ) s ON true
 WHERE cp.id_pdc_itinerance = $1
 ORDER BY s.horodatage, s.received_at, s.id`;

export type StatusHistoryResult = { kind: "found"; statuses: StoredStatus[] } | { kind: "no-point" } | { kind: "no-status" };

export async function readStatusHistory(input: { idPdcItinerance: string; env: DataEnv; from?: Date | null }): Promise<StatusHistoryResult> {
  const sql = await rawSql();
  const rows = await sql.query<StoredStatusRow & { point_id: string; status_point_id: string | null }>(
    SQL,
    [input.idPdcItinerance, input.from ? input.from.toISOString() : null, input.env],
    { name: "statuses_history" },
  );
  if (rows.length === 0) return { kind: "no-point" };
  if (!rows[0].status_point_id) return { kind: "no-status" };
  return { kind: "found", statuses: rows.map(storedStatus) };
}
