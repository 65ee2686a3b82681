import type { DataEnv } from "@/generated/prisma/enums";
import { rawSql } from "@/lib/platform/db/database";
import { STORED_STATUS_COLUMNS, storedStatus, type StoredStatus, type StoredStatusRow } from "@/lib/statuses/stored-status";

// The latest status of each point an API user may read (charge_point_status), with QualiCharge's
// filters: latest at or after `from`; points among `pdc` or of the stations `station` (the union
// of both when both are given). The points are reached through their operators' stations
// (station's (operator_id, station_code) index, then charge_point's (station_id, point_code)),
// then kept when their id's prefix is one of the user's units; a superuser reads every point.

const SQL = `
SELECT ${STORED_STATUS_COLUMNS}
  FROM station st
  JOIN charge_point cp ON cp.station_id = st.id
  JOIN charge_point_status s ON s.station_id = cp.station_id AND s.charge_point_id = cp.id AND s.env = $7::"DataEnv"
 WHERE ($1::boolean OR (st.operator_id IN (SELECT operator_id FROM operational_unit WHERE code = ANY($2::text[]))
                        AND upper(left(cp.id_pdc_itinerance, 5)) = ANY($2::text[])))
   AND s.horodatage >= COALESCE($3::timestamptz, '-infinity'::timestamptz)
   AND (NOT $4::boolean OR cp.id_pdc_itinerance = ANY($5::text[]) OR st.station_code = ANY($6::text[]))
 ORDER BY cp.id_pdc_itinerance`;

export async function listLatestStatuses(input: {
  /** Every point (a superuser), or only those of `units`. */
  allUnits: boolean;
  units: string[];
  /** The environment read (see readLatestStatus). */
  env: DataEnv;
  from?: Date | null;
  pdc?: string[];
  station?: string[];
}): Promise<StoredStatus[]> {
  const pdc = input.pdc ?? [];
  const station = input.station ?? [];
  const sql = await rawSql();
  const rows = await sql.query<StoredStatusRow>(
    SQL,
    [input.allUnits, input.units, input.from ? input.from.toISOString() : null, pdc.length + station.length > 0, pdc, station, input.env],
    { name: "statuses_latest_many" },
  );
  return rows.map(storedStatus);
}
