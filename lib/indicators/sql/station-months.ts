import { sql, type SqlFragment } from "@/lib/platform/db/sql";
import { cleanTransactionsSql } from "@/lib/indicators/sql/energy-steps";

/**
 * Rows (station_id, month_start, charges): each month of [firstMonth, endMonth) ("YYYY-MM-01",
 * Paris time, bound) in which a clean transaction of a station of
 * `stationsTable` overlaps, with the number of those that started in it. Months are found by
 * binary search on their first instants (width_bucket) rather than by converting two million
 * timestamps to Paris time: bucket i is the i-th month of the range.
 */
export function stationMonthsSql(o: { stationsTable: SqlFragment; firstMonth: string; endMonth: string }): SqlFragment {
  const first = sql`${o.firstMonth}::timestamp`;
  const end = sql`${o.endMonth}::timestamp`;
  const from = sql`${first} AT TIME ZONE 'Europe/Paris'`;
  const to = sql`${end} AT TIME ZONE 'Europe/Paris'`;
  return sql`
  WITH months AS MATERIALIZED (
    SELECT (SELECT array_agg(m::date ORDER BY m)
              FROM generate_series(${first}, ${end} - interval '1 month', interval '1 month') m) AS starts,
           (SELECT array_agg(date_part('epoch', m AT TIME ZONE 'Europe/Paris') ORDER BY m)
              FROM generate_series(${first}, ${end}, interval '1 month') m) AS edges)
  SELECT x.station_id, ms.starts[m.i] AS month_start, coalesce(sum(x.n) FILTER (WHERE m.i = x.i0), 0)::int AS charges
    FROM (SELECT t.station_id, width_bucket(date_part('epoch', t.start_at), (SELECT edges FROM months)) AS i0,
                 width_bucket(date_part('epoch', t.stop_at), (SELECT edges FROM months)) AS i1, count(*) AS n
            FROM (${cleanTransactionsSql({ stationsTable: o.stationsTable, from, to })}) t
           GROUP BY 1, 2, 3) x
   CROSS JOIN months ms
   CROSS JOIN LATERAL generate_series(greatest(x.i0, 1), least(x.i1, cardinality(ms.starts))) AS m(i)
   GROUP BY 1, 2`;
}
