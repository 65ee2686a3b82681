/**
 * Every registered station with what the indicators need of it: channel, beneficiary, nominal
 * power and its commune, département and région (NULL when the INSEE code is unknown; a code
 * missing from the commune table still gives its département by its prefix). `where` filters `s`
 * (station). One definition for the indicator run and the energy cache, which must agree.
 */
export function stationMeshSql(where = ""): string {
  return `SELECT s.id AS station_id, s.channel::text AS channel, d.beneficiary_id, s.nominal_power_kw::float8 AS kw,
                 c.insee_code AS commune, dp.code AS dep, dp.region_code AS reg
            FROM station s
            JOIN dossier d ON d.id = s.dossier_id
            LEFT JOIN commune c ON c.insee_code = upper(s.insee_code)
            LEFT JOIN departement dp ON dp.code = coalesce(c.departement_code,
                      CASE WHEN s.insee_code LIKE '97%' THEN left(s.insee_code, 3) ELSE upper(left(s.insee_code, 2)) END)
           ${where}`;
}
