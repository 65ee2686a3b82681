import { sql, type SqlFragment } from "@/lib/platform/db/sql";
import type { QosLevel } from "@/lib/schemas/quality-of-service";

// The SQL of the quality-of-service cells (read-qos-cells.ts): the daily rows of a range of
// Paris days grouped by the code of a level, each point with its station, its owner (for the
// anonymity thresholds) and the code of its parent (for the suppression among siblings).

/**
 * The levels of the cells: those of the pages, and one operator's cells by région or
 * département ("<operator>|<zone>", operator-map-cells.ts) or, for the ranking's audit only
 * (ranking-audit.ts), by EPCI or commune.
 */
export type QosCellLevel = QosLevel | "operateur_region" | "operateur_departement" | "operateur_epci" | "operateur_commune";

const OPERATOR = sql`coalesce(ou.code, 'op:' || s.operator_id::text)`;

/** Each level's code and its parent's, as SQL expressions over the joins of `pointsOf`. */
const CODES: Record<QosCellLevel, { code: SqlFragment; parent: SqlFragment }> = {
  national: { code: sql`'FR'`, parent: sql`'FR'` },
  region: { code: sql`coalesce(dep.region_code, '?')`, parent: sql`'FR'` },
  departement: { code: sql`coalesce(c.departement_code, '?')`, parent: sql`coalesce(dep.region_code, '?')` },
  // The EPCI of the point's commune (ADR 0032); "?": a commune in none (an island) or unknown.
  epci: { code: sql`coalesce(c.epci_code, '?')`, parent: sql`'FR'` },
  commune: { code: sql`s.insee_code`, parent: sql`coalesce(c.departement_code, '?')` },
  // An operator's operational unit (the AFIREV prefix of its points); a point without one is the operator's own.
  operateur: { code: OPERATOR, parent: sql`'FR'` },
  // One operator's régions are the children of its national cell.
  operateur_region: { code: sql`${OPERATOR} || '|' || coalesce(dep.region_code, '?')`, parent: OPERATOR },
  operateur_departement: { code: sql`${OPERATOR} || '|' || coalesce(c.departement_code, '?')`, parent: OPERATOR },
  operateur_epci: { code: sql`${OPERATOR} || '|' || coalesce(c.epci_code, '?')`, parent: OPERATOR },
  operateur_commune: { code: sql`${OPERATOR} || '|' || s.insee_code`, parent: OPERATOR },
  amenageur: { code: sql`coalesce(nullif(cp.irve->>'siren_amenageur', ''), '?')`, parent: sql`'FR'` },
};

/**
 * The points of the days [fromDay, toDay) with their level code, parent code, station and owner
 * (the aménageur's SIREN, else the dossier's beneficiary, else the operator: the stations of
 * unknown owner of one operator count as one owner, never as many).
 */
export function pointsOf(level: QosCellLevel, range: { fromDay: string; toDay: string }, operatorId: string | null): SqlFragment {
  const { code, parent } = CODES[level];
  return sql`
qos_pd AS (
  SELECT q.*, cp.station_id,
         ${code} AS code,
         ${parent} AS parent,
         coalesce(nullif(cp.irve->>'siren_amenageur', ''), 'b:' || d.beneficiary_id::text, 'op:' || s.operator_id::text) AS owner
    FROM qos_point_day q
    JOIN charge_point cp ON cp.id = q.charge_point_id
    JOIN station s ON s.id = cp.station_id
    LEFT JOIN dossier d ON d.id = s.dossier_id
    LEFT JOIN commune c ON c.insee_code = s.insee_code
    LEFT JOIN departement dep ON dep.code = c.departement_code
    LEFT JOIN operational_unit ou ON ou.code = left(cp.id_pdc_itinerance, 5) AND ou.operator_id = s.operator_id
   WHERE q.day >= ${range.fromDay}::date AND q.day < ${range.toDay}::date
     ${operatorId ? sql`AND s.operator_id = ${operatorId}::uuid` : sql.empty}
)`;
}

export interface CellRow {
  code: string;
  parent: string;
  points: number;
  stations: string[];
  owners: string[];
  total_s: number;
  en_s: number;
  hs_s: number;
  inc_s: number;
  silent_s: number;
  occ_s: number;
  statuses: number;
  delay_s: number;
  day_min: number | null;
  day_max: number | null;
  day_mean: number | null;
  day_stddev: number | null;
  day_last: number | null;
  saturated_s: number;
  station_total_s: number;
  restored: number;
  ttr_mean_s: number | null;
  ttr_median_s: number | null;
  ttr_p90_s: number | null;
  open_at_end: number;
  out_over_7_days: number;
}

/** One row per code: sums, the distribution of daily availability, saturation and episodes. */
export function cellsSql(level: QosCellLevel, range: { fromDay: string; toDay: string; start: Date; end: Date }, operatorId: string | null): SqlFragment {
  return sql`
WITH ${pointsOf(level, range, operatorId)},
point_codes AS (
  SELECT DISTINCT ON (charge_point_id) charge_point_id, station_id, code FROM qos_pd ORDER BY charge_point_id, day DESC
), daily AS (
  SELECT code, day, sum(en_service_s) / nullif(sum(en_service_s + hors_service_s), 0) AS availability FROM qos_pd GROUP BY code, day
), dist AS (
  SELECT code, min(availability) AS day_min, max(availability) AS day_max, avg(availability) AS day_mean,
         stddev_samp(availability) AS day_stddev, (array_agg(availability ORDER BY day DESC) FILTER (WHERE availability IS NOT NULL))[1] AS day_last
    FROM daily GROUP BY code
), sums AS (
  SELECT code, min(parent) AS parent, count(DISTINCT charge_point_id)::int AS points,
         array_agg(DISTINCT station_id::text) AS stations, array_agg(DISTINCT owner) AS owners,
         sum(total_s) AS total_s, sum(en_service_s) AS en_s, sum(hors_service_s) AS hs_s, sum(inconnu_s) AS inc_s,
         sum(silent_s) AS silent_s, sum(occupied_s) AS occ_s, sum(status_count)::int AS statuses, sum(delay_sum_s) AS delay_s
    FROM qos_pd GROUP BY code
), station_codes AS (
  SELECT DISTINCT ON (station_id) station_id, code FROM point_codes ORDER BY station_id, code
), saturation AS (
  SELECT sc.code, sum(sd.saturated_s) AS saturated_s, sum(sd.total_s) AS station_total_s
    FROM qos_station_day sd JOIN station_codes sc ON sc.station_id = sd.station_id
   WHERE sd.day >= ${range.fromDay}::date AND sd.day < ${range.toDay}::date
   GROUP BY sc.code
), restored AS (
  SELECT pc.code, count(*)::int AS restored,
         avg(extract(epoch FROM o.restored_at - o.started_at)::double precision) AS ttr_mean_s,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM o.restored_at - o.started_at)::double precision) AS ttr_median_s,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM o.restored_at - o.started_at)::double precision) AS ttr_p90_s
    FROM qos_outage o JOIN point_codes pc ON pc.charge_point_id = o.charge_point_id
   WHERE o.restored_at >= ${range.start}::timestamptz AND o.restored_at < ${range.end}::timestamptz
   GROUP BY pc.code
), still_out AS (
  SELECT pc.code, count(*)::int AS open_at_end,
         count(DISTINCT o.charge_point_id) FILTER (WHERE o.started_at <= ${range.end}::timestamptz - interval '7 days')::int AS out_over_7_days
    FROM qos_outage o JOIN point_codes pc ON pc.charge_point_id = o.charge_point_id
   WHERE o.started_at < ${range.end}::timestamptz AND (o.restored_at IS NULL OR o.restored_at >= ${range.end}::timestamptz)
   GROUP BY pc.code
)
SELECT s.*, dist.day_min, dist.day_max, dist.day_mean, dist.day_stddev, dist.day_last,
       coalesce(sat.saturated_s, 0) AS saturated_s, coalesce(sat.station_total_s, 0) AS station_total_s,
       coalesce(r.restored, 0) AS restored, r.ttr_mean_s, r.ttr_median_s, r.ttr_p90_s,
       coalesce(o.open_at_end, 0) AS open_at_end, coalesce(o.out_over_7_days, 0) AS out_over_7_days
  FROM sums s
  LEFT JOIN dist ON dist.code = s.code
  LEFT JOIN saturation sat ON sat.code = s.code
  LEFT JOIN restored r ON r.code = s.code
  LEFT JOIN still_out o ON o.code = s.code
 ORDER BY s.code`;
}

/**
 * Per code, whether every period of `kind` in the range [fromDay, toDay) (the year around the
 * period shown) gathers the thresholds: a code withheld in one month of the year is withheld in
 * all its months (read-qos-cells.ts).
 */
export function yearPassSql(
  level: QosCellLevel,
  year: { fromDay: string; toDay: string },
  kind: "month" | "quarter" | "year",
  minStations: number,
  minOwners: number,
): SqlFragment {
  return sql`
WITH ${pointsOf(level, year, null)},
per_period AS (
  SELECT code, date_trunc(${kind}, day) AS p, count(DISTINCT station_id) AS stations, count(DISTINCT owner) AS owners
    FROM qos_pd GROUP BY 1, 2
)
SELECT code, bool_and(stations >= ${minStations} AND owners >= ${minOwners}) AS passes FROM per_period GROUP BY code`;
}

/** What each operator does in each zone of a level: its stations there ("<operator>|<zone>"). */
export function operatorZonesSql(
  level: "operateur_region" | "operateur_departement" | "operateur_epci" | "operateur_commune",
  range: { fromDay: string; toDay: string },
): SqlFragment {
  return sql`
WITH ${pointsOf(level, range, null)}
SELECT code, count(DISTINCT station_id)::int AS stations FROM qos_pd GROUP BY code`;
}
