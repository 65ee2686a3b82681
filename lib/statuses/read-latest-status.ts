import { rawSql } from "@/lib/platform/db/database";
import { STORED_STATUS_COLUMNS, storedStatus, type StoredStatus, type StoredStatusRow } from "@/lib/statuses/stored-status";

// The latest status of one point (charge_point_status), in one query: "no-point" when no point
// has this id, "no-status" when it has none yet (or its latest was dropped by a decommissioning).

const SQL = `
SELECT cp.id AS point_id, s.charge_point_id AS status_point_id, ${STORED_STATUS_COLUMNS}
  FROM charge_point cp
  LEFT JOIN charge_point_status s ON s.station_id = cp.station_id AND s.charge_point_id = cp.id
 WHERE cp.id_pdc_itinerance = $1`;

export type LatestStatusResult = { kind: "found"; status: StoredStatus } | { kind: "no-point" } | { kind: "no-status" };

export async function readLatestStatus(input: { idPdcItinerance: string }): Promise<LatestStatusResult> {
  const sql = await rawSql();
  const [row] = await sql.query<StoredStatusRow & { point_id: string; status_point_id: string | null }>(SQL, [input.idPdcItinerance], {
    name: "statuses_latest_one",
  });
  if (!row) return { kind: "no-point" };
  if (!row.status_point_id) return { kind: "no-status" };
  return { kind: "found", status: storedStatus(row) };
}
