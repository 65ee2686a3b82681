import { parisMidnight } from "@/lib/platform/time/paris-time";
import { db } from "@/lib/platform/db/database";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";
import type { PrismaClient } from "@/generated/prisma/client";
import { timelineCtes, type TimelineRange } from "@/lib/quality-of-service/status-timeline-sql";

// The daily computation of quality of service from statuses (issue 19, ADR 0024), for a range of
// Paris days at once (one day every night; a month when it is recomputed): per point and day the
// time in each state, per station and day the saturated time, and the out-of-service episodes
// that overlap the range. One transaction: a recomputed day replaces its rows whole.
//
// Rules (docs/indicators.md, "Qualité de service"):
// - a status is in force from its `horodatage` until the point's next status, for at most
//   `validitySeconds` (QOS_STATUS_VALIDITY_HOURS): after that, and before the point's first
//   status, the point is silent; `inconnu` and silent time are counted apart, never as available;
// - the days are Paris days (23 or 25 hours when the clocks change);
// - an episode out of service starts at the first `hors_service` status after the point was in
//   service (or after its first status) and ends at its next `en_service` status, whatever came
//   between (`inconnu`, silence); it is open (censored) as long as no such status has come.

export interface QosDaysResult {
  fromDay: string;
  toDay: string;
  pointDays: number;
  stationDays: number;
  outages: number;
  durationMs: number;
}

function range(fromDay: string, toDay: string): TimelineRange {
  return { fromDay, toDay, start: parisMidnight(fromDay), end: parisMidnight(toDay) };
}

function daysSql(r: TimelineRange, validitySeconds: number) {
  return sql`
WITH ${timelineCtes(r)},
qos_days AS (
  SELECT d::date AS day, d AT TIME ZONE 'Europe/Paris' AS d_from, (d + interval '1 day') AT TIME ZONE 'Europe/Paris' AS d_to
    FROM generate_series(${r.fromDay}::date::timestamp, ${r.toDay}::date::timestamp - interval '1 day', interval '1 day') AS d
), point_days AS (
  SELECT p.id AS point_id, p.station_id, d.day, d.d_from, d.d_to,
         greatest(d.d_from, p.life_from) AS f, least(d.d_to, p.life_to) AS t
    FROM qos_points p JOIN qos_days d ON d.d_from < p.life_to AND d.d_to > p.life_from
), segments AS (
  SELECT e.point_id, p.station_id, e.etat_pdc, e.occupation_pdc, greatest(e.horodatage, p.life_from) AS s_from,
         least(coalesce(e.next_at, ${r.end}::timestamptz), e.horodatage + ${validitySeconds}::double precision * interval '1 second',
               p.life_to) AS s_to
    FROM qos_events e JOIN qos_points p ON p.id = e.point_id
), bounded AS (
  SELECT s.*, (s.s_from AT TIME ZONE 'Europe/Paris')::date AS first_day, ((s.s_to - interval '1 millisecond') AT TIME ZONE 'Europe/Paris')::date AS last_day
    FROM segments s WHERE s.s_to > s.s_from
), pieces AS (
  -- Most segments start and end on the same Paris day; the others are cut at each midnight.
  SELECT point_id, station_id, etat_pdc, occupation_pdc, first_day AS day, s_from AS p_from, s_to AS p_to
    FROM bounded WHERE first_day = last_day
  UNION ALL
  SELECT b.point_id, b.station_id, b.etat_pdc, b.occupation_pdc, g.day::date,
         greatest(b.s_from, g.day AT TIME ZONE 'Europe/Paris'), least(b.s_to, (g.day + interval '1 day') AT TIME ZONE 'Europe/Paris')
    FROM bounded b CROSS JOIN LATERAL generate_series(b.first_day::timestamp, b.last_day::timestamp, interval '1 day') AS g(day)
   WHERE b.first_day <> b.last_day
), point_pieces AS (
  -- date_part, not extract: a double, where extract's numeric made these sums the slowest step.
  SELECT point_id, day,
         sum(date_part('epoch', p_to - p_from)) FILTER (WHERE etat_pdc = 'en_service')::double precision AS en_s,
         sum(date_part('epoch', p_to - p_from)) FILTER (WHERE etat_pdc = 'hors_service')::double precision AS hs_s,
         sum(date_part('epoch', p_to - p_from)) FILTER (WHERE etat_pdc = 'inconnu')::double precision AS inc_s,
         sum(date_part('epoch', p_to - p_from)) FILTER (WHERE etat_pdc = 'en_service' AND occupation_pdc = 'occupe')::double precision AS occ_s
    FROM pieces GROUP BY point_id, day
), point_sums AS (
  SELECT pd.point_id, pd.day, date_part('epoch', pd.t - pd.f)::double precision AS total_s,
         coalesce(pp.en_s, 0) AS en_s, coalesce(pp.hs_s, 0) AS hs_s, coalesce(pp.inc_s, 0) AS inc_s, coalesce(pp.occ_s, 0) AS occ_s
    FROM point_days pd LEFT JOIN point_pieces pp ON pp.point_id = pd.point_id AND pp.day = pd.day
), received AS (
  SELECT e.point_id, (e.horodatage AT TIME ZONE 'Europe/Paris')::date AS day, count(*)::int AS n,
         sum(greatest(0, date_part('epoch', e.received_at - e.horodatage)))::double precision AS delay_s
    FROM qos_events e WHERE e.in_range
   GROUP BY 1, 2
), edges AS (
  SELECT station_id, day, p_from AS at, 1 AS delta FROM pieces WHERE occupation_pdc = 'occupe'
  UNION ALL
  SELECT station_id, day, p_to, -1 FROM pieces WHERE occupation_pdc = 'occupe'
), sweep AS (
  SELECT station_id, day, at,
         sum(delta) OVER (PARTITION BY station_id, day ORDER BY at, delta ROWS UNBOUNDED PRECEDING) AS occupied,
         lead(at) OVER (PARTITION BY station_id, day ORDER BY at, delta) AS next_at
    FROM edges
), station_days AS (
  SELECT station_id, day, count(*)::int AS points, date_part('epoch', max(d_to) - min(d_from))::double precision AS total_s
    FROM point_days GROUP BY station_id, day
), station_sums AS (
  SELECT sd.station_id, sd.day, sd.points, sd.total_s,
         coalesce(sum(date_part('epoch', sw.next_at - sw.at)) FILTER (WHERE sw.occupied >= sd.points), 0)::double precision AS saturated_s
    FROM station_days sd LEFT JOIN sweep sw ON sw.station_id = sd.station_id AND sw.day = sd.day
   GROUP BY sd.station_id, sd.day, sd.points, sd.total_s
), gone_points AS (
  DELETE FROM qos_point_day q
   WHERE q.day >= ${r.fromDay}::date AND q.day < ${r.toDay}::date
     AND NOT EXISTS (SELECT 1 FROM point_sums s WHERE s.point_id = q.charge_point_id AND s.day = q.day)
), written_points AS (
  INSERT INTO qos_point_day AS q (day, charge_point_id, total_s, en_service_s, hors_service_s, inconnu_s, silent_s, occupied_s,
                                  status_count, delay_sum_s, computed_at)
  SELECT s.day, s.point_id, s.total_s, s.en_s, s.hs_s, s.inc_s, greatest(0, s.total_s - s.en_s - s.hs_s - s.inc_s), s.occ_s,
         coalesce(r.n, 0), coalesce(r.delay_s, 0), now()
    FROM point_sums s LEFT JOIN received r ON r.point_id = s.point_id AND r.day = s.day
  ON CONFLICT (day, charge_point_id) DO UPDATE
     SET total_s = EXCLUDED.total_s, en_service_s = EXCLUDED.en_service_s, hors_service_s = EXCLUDED.hors_service_s,
         inconnu_s = EXCLUDED.inconnu_s, silent_s = EXCLUDED.silent_s, occupied_s = EXCLUDED.occupied_s,
         status_count = EXCLUDED.status_count, delay_sum_s = EXCLUDED.delay_sum_s, computed_at = EXCLUDED.computed_at
  RETURNING 1
), gone_stations AS (
  DELETE FROM qos_station_day q
   WHERE q.day >= ${r.fromDay}::date AND q.day < ${r.toDay}::date
     AND NOT EXISTS (SELECT 1 FROM station_sums s WHERE s.station_id = q.station_id AND s.day = q.day)
), written_stations AS (
  INSERT INTO qos_station_day (day, station_id, points, total_s, saturated_s, computed_at)
  SELECT day, station_id, points, total_s, saturated_s, now() FROM station_sums
  ON CONFLICT (day, station_id) DO UPDATE
     SET points = EXCLUDED.points, total_s = EXCLUDED.total_s, saturated_s = EXCLUDED.saturated_s, computed_at = EXCLUDED.computed_at
  RETURNING 1
)
SELECT (SELECT count(*) FROM written_points)::int AS point_days, (SELECT count(*) FROM written_stations)::int AS station_days`;
}

// The episodes overlapping the range, each with its true start (found before the range when the
// point was out of service at its start) and its end (found after the range when it came later).
function outagesSql(r: TimelineRange) {
  return sql`
WITH ${timelineCtes(r)},
carried AS (
  SELECT e.point_id,
         (SELECT min(h.horodatage) FROM status_event h
           WHERE h.station_id = p.station_id AND h.charge_point_id = p.id AND h.env = 'production' AND h.etat_pdc = 'hors_service'
             AND h.horodatage <= e.horodatage
             AND h.horodatage > coalesce((SELECT max(v.horodatage) FROM status_event v
                                           WHERE v.station_id = p.station_id AND v.charge_point_id = p.id AND v.env = 'production'
                                             AND v.etat_pdc = 'en_service' AND v.horodatage < e.horodatage), '-infinity')) AS started_at
    FROM qos_events e JOIN qos_points p ON p.id = e.point_id
   WHERE NOT e.in_range AND e.etat_pdc <> 'en_service'
), runs AS (
  SELECT e.point_id, e.service_run, min(e.horodatage) AS run_start,
         min(e.horodatage) FILTER (WHERE e.etat_pdc = 'hors_service') AS first_out,
         bool_or(NOT e.in_range) AS holds_prior
    FROM qos_events e GROUP BY e.point_id, e.service_run
), episodes AS (
  SELECT r.point_id, coalesce(CASE WHEN r.holds_prior THEN c.started_at END, r.first_out) AS started_at,
         coalesce(n.run_start,
                  (SELECT min(x.horodatage) FROM status_event x
                    WHERE x.station_id = p.station_id AND x.charge_point_id = p.id AND x.env = 'production'
                      AND x.etat_pdc = 'en_service' AND x.horodatage >= ${r.end}::timestamptz)) AS restored_at
    FROM runs r
    JOIN qos_points p ON p.id = r.point_id
    LEFT JOIN carried c ON r.holds_prior AND c.point_id = r.point_id
    LEFT JOIN runs n ON n.point_id = r.point_id AND n.service_run = r.service_run + 1
   WHERE r.first_out IS NOT NULL OR (r.holds_prior AND c.started_at IS NOT NULL)
), gone AS (
  DELETE FROM qos_outage o USING qos_points p
   WHERE o.charge_point_id = p.id AND o.started_at < ${r.end}::timestamptz
     AND (o.restored_at IS NULL OR o.restored_at >= ${r.start}::timestamptz)
   RETURNING o.charge_point_id, o.started_at
)
SELECT e.point_id, e.started_at, e.restored_at, (SELECT count(*) FROM gone)::int AS gone
  FROM episodes e WHERE e.started_at IS NOT NULL`;
}

const INSERT_OUTAGES = (rows: { point_id: string; started_at: Date; restored_at: Date | null }[]) => sql`
  INSERT INTO qos_outage (charge_point_id, started_at, restored_at, computed_at)
  SELECT t.p, t.s, t.r, now()
    FROM unnest(${rows.map((x) => x.point_id)}::uuid[], ${rows.map((x) => x.started_at)}::timestamptz[],
                ${rows.map((x) => x.restored_at)}::timestamptz[]) AS t(p, s, r)
  ON CONFLICT (charge_point_id, started_at) DO UPDATE SET restored_at = EXCLUDED.restored_at, computed_at = EXCLUDED.computed_at`;

/** Computes the Paris days [fromDay, toDay) (toDay excluded) and stores them, replacing what was computed before. */
export async function computeQosDays(
  input: { fromDay: string; toDay: string; validitySeconds: number },
  options: { prisma?: PrismaClient } = {},
): Promise<QosDaysResult> {
  if (!(input.fromDay < input.toDay)) throw new Error(`Plage de jours vide : ${input.fromDay} → ${input.toDay}`);
  const prisma = options.prisma ?? (await db());
  const r = range(input.fromDay, input.toDay);
  const t = Date.now();
  return prisma.$transaction(
    async (tx) => {
      // One computation at a time: two writers of the same days would interleave their rows.
      await execute(tx, sql`LOCK TABLE qos_point_day, qos_station_day, qos_outage IN SHARE ROW EXCLUSIVE MODE`);
      // A month is millions of statuses to order by point and time: sort in memory, not on disk.
      await execute(tx, sql`SET LOCAL work_mem = '256MB'`);
      // The planner's estimates over every monthly partition make it compile these statements to
      // machine code, which took 12 of 13 seconds of a day's computation: never worth it here.
      await execute(tx, sql`SET LOCAL jit = off`);
      const [days] = await queryRows<{ point_days: number; station_days: number }>(tx, daysSql(r, input.validitySeconds));
      // The delete runs in the query that reads the episodes (same snapshot), the insert after it.
      const episodes = await queryRows<{ point_id: string; started_at: Date; restored_at: Date | null }>(tx, outagesSql(r));
      if (episodes.length > 0) await execute(tx, INSERT_OUTAGES(episodes));
      return {
        fromDay: input.fromDay,
        toDay: input.toDay,
        pointDays: days.point_days,
        stationDays: days.station_days,
        outages: episodes.length,
        durationMs: Date.now() - t,
      };
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}

/** The Paris days of a month ("YYYY-MM"): its first day and the first day of the next. */
export function monthDays(month: string): { fromDay: string; toDay: string } {
  const fromDay = `${month}-01`;
  const next = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 10);
  return { fromDay, toDay: next };
}
