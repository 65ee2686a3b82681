import { parisMidnight } from "@/lib/platform/time/paris-time";
import { databaseKind, db } from "@/lib/platform/db/database";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";
import type { PrismaClient } from "@/generated/prisma/client";
import { CREATE_TIMELINE, fillTimelineSql, STATION_BUCKETS, stationPart, type TimelineRange } from "@/lib/quality-of-service/status-timeline-sql";

// The daily computation of quality of service from statuses (issue 19, ADR 0024), for a range of
// Paris days at once (one day every night; a month when it is recomputed): per point and day the
// time in each state, per station and day the saturated time, and the out-of-service episodes
// that overlap the range. A recomputed day replaces its rows whole, in one transaction per part of
// the stations (see computeQosDays).
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

// The days' rows of the part's stations are replaced whole: deleted, then written again (cheaper
// than an upsert of each).
function deleteDaysSql(r: TimelineRange, part: StationPart) {
  return [
    sql`DELETE FROM qos_point_day q USING charge_point cp
         WHERE q.day >= ${r.fromDay}::date AND q.day < ${r.toDay}::date AND cp.id = q.charge_point_id
           AND ${stationPart(sql`cp.station_id`, part)}`,
    sql`DELETE FROM qos_station_day q WHERE q.day >= ${r.fromDay}::date AND q.day < ${r.toDay}::date
           AND ${stationPart(sql`q.station_id`, part)}`,
  ];
}

function daysSql(r: TimelineRange) {
  return sql`
WITH qos_days AS (
  SELECT d::date AS day, d AT TIME ZONE 'Europe/Paris' AS d_from, (d + interval '1 day') AT TIME ZONE 'Europe/Paris' AS d_to
    FROM generate_series(${r.fromDay}::date::timestamp, ${r.toDay}::date::timestamp - interval '1 day', interval '1 day') AS d
), point_days AS (
  SELECT p.point_id, p.station_id, d.day, d.d_from, d.d_to,
         greatest(d.d_from, p.life_from) AS f, least(d.d_to, p.life_to) AS t
    FROM qos_timeline p JOIN qos_days d ON d.d_from < p.life_to AND d.d_to > p.life_from
   WHERE p.seq = 1
), pieces AS (
  -- Most segments start and end on the same Paris day; the others are cut at each midnight.
  SELECT point_id, station_id, etat_pdc, occupation_pdc, first_day AS day, s_from AS p_from, s_to AS p_to
    FROM qos_timeline WHERE s_to > s_from AND first_day = last_day
  UNION ALL
  SELECT b.point_id, b.station_id, b.etat_pdc, b.occupation_pdc, g.day::date,
         greatest(b.s_from, g.day AT TIME ZONE 'Europe/Paris'), least(b.s_to, (g.day + interval '1 day') AT TIME ZONE 'Europe/Paris')
    FROM qos_timeline b CROSS JOIN LATERAL generate_series(b.first_day::timestamp, b.last_day::timestamp, interval '1 day') AS g(day)
   WHERE b.s_to > b.s_from AND b.first_day <> b.last_day
), point_pieces AS (
  -- date_part, not extract: a double, where extract's numeric made these sums the slowest step.
  SELECT point_id, day,
         sum(d) FILTER (WHERE etat_pdc = 'en_service') AS en_s,
         sum(d) FILTER (WHERE etat_pdc = 'hors_service') AS hs_s,
         sum(d) FILTER (WHERE etat_pdc = 'inconnu') AS inc_s,
         sum(d) FILTER (WHERE etat_pdc = 'en_service' AND occupation_pdc = 'occupe') AS occ_s
    FROM (SELECT point_id, day, etat_pdc, occupation_pdc, date_part('epoch', p_to - p_from) AS d FROM pieces) p
   GROUP BY point_id, day
), point_sums AS (
  SELECT pd.point_id, pd.day, date_part('epoch', pd.t - pd.f)::double precision AS total_s,
         coalesce(pp.en_s, 0) AS en_s, coalesce(pp.hs_s, 0) AS hs_s, coalesce(pp.inc_s, 0) AS inc_s, coalesce(pp.occ_s, 0) AS occ_s
    FROM point_days pd LEFT JOIN point_pieces pp ON pp.point_id = pd.point_id AND pp.day = pd.day
), received AS (
  -- A status of the range is in force from its horodatage (its point's life starts before): its
  -- first day is the day it was stamped.
  SELECT e.point_id, e.first_day AS day, count(*)::int AS n,
         sum(greatest(0, date_part('epoch', e.received_at - e.horodatage)))::double precision AS delay_s
    FROM qos_timeline e WHERE e.in_range
   GROUP BY 1, 2
), edges AS (
  SELECT p.station_id, p.day, x.at, x.delta
    FROM pieces p CROSS JOIN LATERAL (VALUES (p.p_from, 1), (p.p_to, -1)) AS x(at, delta)
   WHERE p.occupation_pdc = 'occupe'
), sweep AS (
  -- How many points of the station are occupied from each edge to the next.
  SELECT station_id, day, at, sum(delta) OVER w AS occupied, lead(at) OVER w AS next_at
    FROM edges
  WINDOW w AS (PARTITION BY station_id, day ORDER BY at, delta ROWS UNBOUNDED PRECEDING)
), occupancy AS (
  SELECT station_id, day, occupied, sum(date_part('epoch', next_at - at)) AS s FROM sweep GROUP BY station_id, day, occupied
), station_days AS (
  SELECT station_id, day, count(*)::int AS points, date_part('epoch', max(d_to) - min(d_from))::double precision AS total_s
    FROM point_days GROUP BY station_id, day
), station_sums AS (
  SELECT sd.station_id, sd.day, sd.points, sd.total_s, coalesce(sum(o.s), 0)::double precision AS saturated_s
    FROM station_days sd LEFT JOIN occupancy o ON o.station_id = sd.station_id AND o.day = sd.day AND o.occupied >= sd.points
   GROUP BY sd.station_id, sd.day, sd.points, sd.total_s
), written_points AS (
  INSERT INTO qos_point_day (day, charge_point_id, total_s, en_service_s, hors_service_s, inconnu_s, silent_s, occupied_s,
                             status_count, delay_sum_s, computed_at)
  SELECT s.day, s.point_id, s.total_s, s.en_s, s.hs_s, s.inc_s, greatest(0, s.total_s - s.en_s - s.hs_s - s.inc_s), s.occ_s,
         coalesce(r.n, 0), coalesce(r.delay_s, 0), now()
    FROM point_sums s LEFT JOIN received r ON r.point_id = s.point_id AND r.day = s.day
  RETURNING 1
), written_stations AS (
  INSERT INTO qos_station_day (day, station_id, points, total_s, saturated_s, computed_at)
  SELECT day, station_id, points, total_s, saturated_s, now() FROM station_sums
  RETURNING 1
)
SELECT (SELECT count(*) FROM written_points)::int AS point_days, (SELECT count(*) FROM written_stations)::int AS station_days`;
}

// The episodes overlapping the range, each with its true start (found before the range when the
// point was out of service at its start) and its end (found after the range when it came later).
// Only the statuses other than `en_service` are grouped by run (2 % of them); a run's end is the
// `en_service` status that starts the next.
function episodesSql(r: TimelineRange) {
  return sql`
WITH carried AS (
  SELECT e.point_id,
         (SELECT min(h.horodatage) FROM status_event h
           WHERE h.station_id = e.station_id AND h.charge_point_id = e.point_id AND h.env = 'production' AND h.etat_pdc = 'hors_service'
             AND h.horodatage <= e.horodatage
             AND h.horodatage > coalesce((SELECT max(v.horodatage) FROM status_event v
                                           WHERE v.station_id = e.station_id AND v.charge_point_id = e.point_id AND v.env = 'production'
                                             AND v.etat_pdc = 'en_service' AND v.horodatage < e.horodatage), '-infinity')) AS started_at
    FROM qos_timeline e
   WHERE NOT e.in_range AND e.etat_pdc <> 'en_service'
), runs AS (
  SELECT e.point_id, e.station_id, e.service_run, min(e.horodatage) FILTER (WHERE e.etat_pdc = 'hors_service') AS first_out,
         bool_or(NOT e.in_range) AS holds_prior
    FROM qos_timeline e WHERE e.etat_pdc <> 'en_service' GROUP BY e.point_id, e.station_id, e.service_run
), episodes AS (
  SELECT r.point_id, coalesce(CASE WHEN r.holds_prior THEN c.started_at END, r.first_out) AS started_at,
         coalesce(n.horodatage,
                  (SELECT min(x.horodatage) FROM status_event x
                    WHERE x.station_id = r.station_id AND x.charge_point_id = r.point_id AND x.env = 'production'
                      AND x.etat_pdc = 'en_service' AND x.horodatage >= ${r.end}::timestamptz)) AS restored_at
    FROM runs r
    LEFT JOIN carried c ON r.holds_prior AND c.point_id = r.point_id
    LEFT JOIN qos_timeline n ON n.point_id = r.point_id AND n.service_run = r.service_run + 1 AND n.etat_pdc = 'en_service'
   WHERE r.first_out IS NOT NULL OR (r.holds_prior AND c.started_at IS NOT NULL)
)
SELECT e.point_id, e.started_at, e.restored_at FROM episodes e WHERE e.started_at IS NOT NULL`;
}

type Episode = { point_id: string; started_at: Date; restored_at: Date | null };

// The episodes overlapping the range replace those stored: the points of the timeline lose theirs,
// then get the ones found.
const DELETE_OUTAGES = (r: TimelineRange) => sql`
  DELETE FROM qos_outage o USING qos_timeline p
   WHERE p.seq = 1 AND o.charge_point_id = p.point_id AND o.started_at < ${r.end}::timestamptz
     AND (o.restored_at IS NULL OR o.restored_at >= ${r.start}::timestamptz)`;

const INSERT_OUTAGES = (rows: Episode[]) => sql`
  INSERT INTO qos_outage (charge_point_id, started_at, restored_at, computed_at)
  SELECT t.p, t.s, t.r, now()
    FROM unnest(${rows.map((x) => x.point_id)}::uuid[], ${rows.map((x) => x.started_at)}::timestamptz[],
                ${rows.map((x) => x.restored_at)}::timestamptz[]) AS t(p, s, r)
  ON CONFLICT (charge_point_id, started_at) DO UPDATE SET restored_at = EXCLUDED.restored_at, computed_at = EXCLUDED.computed_at`;

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
type StationPart = { k: number; n: number };

const QOS_LOCK = 19_024; // issue 19, ADR 0024

/** The range's days, episodes and station days for the stations of one part, in the transaction tx. */
async function computePart(tx: Tx, r: TimelineRange, validitySeconds: number, part: StationPart) {
  // One computation of a station at a time: two writers of the same days would interleave their
  // rows. A lock per bucket of stations (taken in their order, so that two computations never
  // wait for each other in a cycle), so that the parts of one range are computed at the same time.
  await queryRows(
    tx,
    sql`SELECT pg_advisory_xact_lock(${QOS_LOCK}::int, b)::text
          FROM generate_series(0, ${STATION_BUCKETS - 1}::int) AS b WHERE b % ${part.n}::int = ${part.k}::int ORDER BY b`,
  );
  // A month is millions of statuses to order by point and time: sort in memory, not on disk.
  await execute(tx, sql`SET LOCAL work_mem = '256MB'`);
  // The planner's estimates over every monthly partition make it compile these statements to
  // machine code, which took 12 of 13 seconds of a day's computation: never worth it here.
  await execute(tx, sql`SET LOCAL jit = off`);
  await execute(tx, CREATE_TIMELINE);
  await execute(tx, fillTimelineSql(r, validitySeconds, part));
  await execute(tx, sql`ANALYZE qos_timeline`);
  for (const q of deleteDaysSql(r, part)) await execute(tx, q);
  const [days] = await queryRows<{ point_days: number; station_days: number }>(tx, daysSql(r));
  // The episodes overlapping the range replace those stored for the part's points.
  await execute(tx, DELETE_OUTAGES(r));
  const episodes = await queryRows<Episode>(tx, episodesSql(r));
  if (episodes.length > 0) await execute(tx, INSERT_OUTAGES(episodes));
  return { pointDays: days.point_days, stationDays: days.station_days, outages: episodes.length };
}

/** How many parts of a range are computed at the same time on PostgreSQL: the database server's 2 cores. */
export const QOS_PARALLEL_PARTS = 2;
/**
 * Days of statuses per part and core: a month at 20,000 points is 12 million statuses, whose
 * sorts in two parts overflow their memory (work_mem) to disk; in parts of a week they do not.
 */
const QOS_DAYS_PER_PART = 8;

/**
 * Computes the Paris days [fromDay, toDay) (toDay excluded) and stores them, replacing what was
 * computed before. On PostgreSQL the stations are shared between `parts` parts (by default
 * QOS_PARALLEL_PARTS for every QOS_DAYS_PER_PART days), each computed over the whole range in its
 * own transaction on its own connection, QOS_PARALLEL_PARTS at the same time; a station's days
 * and its points' days and episodes are in one part, so the rows are those of one part. PGlite
 * has one connection: one part.
 */
export async function computeQosDays(
  input: { fromDay: string; toDay: string; validitySeconds: number },
  options: { prisma?: PrismaClient; parts?: number } = {},
): Promise<QosDaysResult> {
  if (!(input.fromDay < input.toDay)) throw new Error(`Plage de jours vide : ${input.fromDay} → ${input.toDay}`);
  const prisma = options.prisma ?? (await db());
  const r = range(input.fromDay, input.toDay);
  const postgres = (await databaseKind()) === "postgres";
  const days = Math.round((Date.parse(input.toDay) - Date.parse(input.fromDay)) / 86_400_000);
  const n = options.parts ?? (postgres ? QOS_PARALLEL_PARTS * Math.ceil(days / QOS_DAYS_PER_PART) : 1);
  const t = Date.now();
  const parts: Awaited<ReturnType<typeof computePart>>[] = [];
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < n; k = next++)
      parts[k] = await prisma.$transaction((tx) => computePart(tx, r, input.validitySeconds, { k, n }), { timeout: 30 * 60_000, maxWait: 60_000 });
  };
  await Promise.all(Array.from({ length: postgres ? Math.min(QOS_PARALLEL_PARTS, n) : 1 }, worker));
  const sum = (f: (p: (typeof parts)[number]) => number) => parts.reduce((s, p) => s + f(p), 0);
  return {
    fromDay: input.fromDay,
    toDay: input.toDay,
    pointDays: sum((p) => p.pointDays),
    stationDays: sum((p) => p.stationDays),
    outages: sum((p) => p.outages),
    durationMs: Date.now() - t,
  };
}

/** The Paris days of a month ("YYYY-MM"): its first day and the first day of the next. */
export function monthDays(month: string): { fromDay: string; toDay: string } {
  const fromDay = `${month}-01`;
  const next = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 10);
  return { fromDay, toDay: next };
}
