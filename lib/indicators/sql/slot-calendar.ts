import { queryRows, sql, type RawQueryClient, type SqlFragment } from "@/lib/platform/db/sql";
import { SLOT_SECONDS } from "@/lib/indicators/sql/energy-steps";

/**
 * Rows (slot, ci, month_start, quarter_start, year_start, lhour, weekend, is_peak, is_offpeak):
 * every half-hour slot of [s0, s1) (UTC, floor(epoch / 1800)) with its carbon intensity in
 * `series` (an integer fragment; NULL: none, or no series) and its calendar in Paris time. A UTC hour is one Paris
 * hour (the offsets are whole hours), so both halves of an hour share all of it.
 * Peak windows: weekdays 08–13 h and 18–20 h, November to March; off-peak: 22–06 h.
 */
export function slotCalendarSql(o: { s0: SqlFragment; s1: SqlFragment; series: SqlFragment }): SqlFragment {
  return sql`
    SELECT g.slot, ci.g_per_kwh AS ci,
           date_trunc('month', x.l)::date AS month_start, date_trunc('quarter', x.l)::date AS quarter_start,
           date_trunc('year', x.l)::date AS year_start,
           extract(hour FROM x.l)::int AS lhour, extract(isodow FROM x.l) >= 6 AS weekend,
           (extract(isodow FROM x.l) <= 5 AND extract(month FROM x.l) IN (11, 12, 1, 2, 3)
             AND (extract(hour FROM x.l) BETWEEN 8 AND 12 OR extract(hour FROM x.l) IN (18, 19))) AS is_peak,
           (extract(hour FROM x.l) >= 22 OR extract(hour FROM x.l) < 6) AS is_offpeak
      FROM generate_series(${o.s0}, ${o.s1} - 1) AS g(slot)
     CROSS JOIN LATERAL (SELECT to_timestamp(g.slot * 1800.0) AT TIME ZONE 'Europe/Paris' AS l) x
      LEFT JOIN carbon_intensity ci ON ci.series_id = ${o.series} AND ci.hour_start = to_timestamp((g.slot / 2) * 3600.0)`;
}

/**
 * The slots [s0, s1) of the Paris months [first, end) ("YYYY-MM-01"), as integers: bounds given
 * to SQL as Paris-time expressions would be evaluated on every row they filter.
 */
export async function slotsOfMonths(q: RawQueryClient, first: string, end: string): Promise<{ s0: number; s1: number }> {
  const [row] = await queryRows<{ s0: number; s1: number }>(q, slotsOfMonthsSql(first, end));
  return { s0: Number(row.s0), s1: Number(row.s1) };
}

export function slotsOfMonthsSql(first: string, end: string): SqlFragment {
  return sql`SELECT (extract(epoch FROM ${first}::timestamp AT TIME ZONE 'Europe/Paris') / ${sql.constant(SLOT_SECONDS)})::int AS s0,
            (extract(epoch FROM ${end}::timestamp AT TIME ZONE 'Europe/Paris') / ${sql.constant(SLOT_SECONDS)})::int AS s1`;
}

/** What leaf hours are grouped by, from the calendar rows `s`. */
export const LEAF_HOUR_GROUP = sql`s.month_start, s.weekend, s.lhour, s.is_peak, s.is_offpeak`;

/**
 * Per leaf hour, from energy rows `l` (a: ADVENIR, g: GIREVE, Wh per half-hour) and calendar rows
 * `s`: the energy, weighted by carbon intensity, of the hours with an intensity, and the largest
 * half-hour (the leaves' monthly peaks without another pass over the half-hours).
 */
export const LEAF_HOUR_AGGREGATES = sql.join([
  ...["a", "g"].map((c) => {
    const [v, ci, cov] = [sql.identifier("l", c), sql.identifier(c + "_ci"), sql.identifier(c + "_cov")];
    return sql`sum(${v}) AS ${sql.identifier(c)}, sum(${v} * s.ci) AS ${ci}, coalesce(sum(${v}) FILTER (WHERE s.ci IS NOT NULL), 0) AS ${cov}`;
  }),
  sql`max(l.a) AS max_a, max(l.g) AS max_g, max(l.a + l.g) AS max_t`,
]);
