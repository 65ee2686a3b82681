import { sql, type SqlFragment } from "@/lib/platform/db/sql";

/**
 * Every registered station with what the indicators need of it: channel, beneficiary, installed
 * power, registration time and its commune, département and région (NULL when the INSEE code is
 * unknown; a code missing from the commune table still gives its département by its prefix).
 * `where` filters `s` (station): a fragment, its values bound. One definition for the indicator run and the energy cache,
 * which must agree.
 *
 * Installed power (kW) of a station: the sum of its charge points' nominal powers when its points
 * were declared one by one (IRVE static data, GIREVE channel: points may differ), else its
 * nominal power per point × its number of points (the registration form and the anomaly rule
 * define the power per point).
 *
 * withdrawn_at: the first instant (Paris) of the day its beneficiary withdrew it, or NULL. A
 * withdrawn station is out of the equipment (registered stations, installed power) of every
 * period that starts at or after it; its data stays.
 */
export function stationMeshSql(where: SqlFragment = sql.empty): SqlFragment {
  return sql`SELECT s.id AS station_id, s.channel::text AS channel, d.beneficiary_id,
                 coalesce((SELECT sum(cp.nominal_power_kw) FROM charge_point cp WHERE cp.station_id = s.id),
                          s.nominal_power_kw * s.point_count)::float8 AS kw,
                 s.created_at AS registered_at,
                 (s.withdrawn_on::timestamp AT TIME ZONE 'Europe/Paris') AS withdrawn_at,
                 c.insee_code AS commune, dp.code AS dep, dp.region_code AS reg
            FROM station s
            JOIN dossier d ON d.id = s.dossier_id
            LEFT JOIN commune c ON c.insee_code = upper(s.insee_code)
            LEFT JOIN departement dp ON dp.code = coalesce(c.departement_code,
                      CASE WHEN s.insee_code LIKE '97%' THEN left(s.insee_code, 3) ELSE upper(left(s.insee_code, 2)) END)
           ${where}`;
}
