import { cleanTransactionsSql } from "@/lib/indicators/energy-steps-sql";

const PARIS = "'Europe/Paris'";

/**
 * Rows (station_id, month_start, charges): each month of [firstMonth, endMonth) ("YYYY-MM-01",
 * Paris time, validated by the caller) in which a clean transaction of a station of
 * `stationsTable` overlaps, with the number of those that started in it. Months are found by
 * binary search on their first instants (width_bucket) rather than by converting two million
 * timestamps to Paris time: bucket i is the i-th month of the range.
 */
export function stationMonthsSql(o: { stationsTable: string; firstMonth: string; endMonth: string }): string {
  const from = `'${o.firstMonth}'::timestamp AT TIME ZONE ${PARIS}`;
  const to = `'${o.endMonth}'::timestamp AT TIME ZONE ${PARIS}`;
  return `
  WITH months AS MATERIALIZED (
    SELECT (SELECT array_agg(m::date ORDER BY m)
              FROM generate_series('${o.firstMonth}'::timestamp, '${o.endMonth}'::timestamp - interval '1 month', interval '1 month') m) AS starts,
           (SELECT array_agg(date_part('epoch', m AT TIME ZONE ${PARIS}) ORDER BY m)
              FROM generate_series('${o.firstMonth}'::timestamp, '${o.endMonth}'::timestamp, interval '1 month') m) AS edges)
  SELECT x.station_id, ms.starts[m.i] AS month_start, coalesce(sum(x.n) FILTER (WHERE m.i = x.i0), 0)::int AS charges
    FROM (SELECT t.station_id, width_bucket(date_part('epoch', t.start_at), (SELECT edges FROM months)) AS i0,
                 width_bucket(date_part('epoch', t.stop_at), (SELECT edges FROM months)) AS i1, count(*) AS n
            FROM (${cleanTransactionsSql({ stationsTable: o.stationsTable, from, to })}) t
           GROUP BY 1, 2, 3) x
   CROSS JOIN months ms
   CROSS JOIN LATERAL generate_series(greatest(x.i0, 1), least(x.i1, cardinality(ms.starts))) AS m(i)
   GROUP BY 1, 2`;
}
