import { sql, type SqlFragment } from "@/lib/platform/db/sql";
import { leafEnergySql, SLOT_SECONDS } from "@/lib/indicators/sql/energy-steps";
import { LEAF_HOUR_AGGREGATES, LEAF_HOUR_GROUP, slotCalendarSql } from "@/lib/indicators/sql/slot-calendar";
import { stationMeshSql } from "@/lib/indicators/sql/station-mesh";
import { stationMonthsSql } from "@/lib/indicators/sql/station-months";

// The statements of the charge caches (lib/indicators/charge-caches.ts runs them; what the caches
// hold is described there and in docs/decisions/0006-charge-caches.md).

const L = sql.constant(SLOT_SECONDS);
const slotsBetween = (column: SqlFragment, slots: { s0: number; s1: number }) => sql`${column} >= ${slots.s0}::int AND ${column} < ${slots.s1}::int`;

/**
 * Must be the run transaction's first statement, before any query takes its snapshot: runs then
 * follow one another, each seeing what the previous one wrote (a REPEATABLE READ snapshot taken
 * before the wait would not). Data writers only append marks and never wait on it.
 */
export const LOCK_CHARGE_CACHES_SQL = sql`LOCK TABLE energy_dep_slot, energy_reg_slot, energy_dep_profile, charge_station_month IN SHARE ROW EXCLUSIVE MODE`;

/** Rows (k, slot, a, g) of the run's slots from the département cache, k its département code as stored ('' for none). */
export const energyFromCacheSql = (slots: { s0: number; s1: number }) => sql`
    SELECT e.dep_code AS k, e.slot, e.a, e.g
      FROM energy_dep_slot e
     WHERE ${slotsBetween(sql`e.slot`, slots)}`;

/** Rows (code, slot, a, g) of the run's slots from the département cache; code NULL for stations without a département. */
export const departementEnergyFromCacheSql = (slots: { s0: number; s1: number }) => sql`
    SELECT nullif(e.dep_code, '') AS code, e.slot, e.a, e.g
      FROM energy_dep_slot e
     WHERE ${slotsBetween(sql`e.slot`, slots)}`;

/** Rows (code, slot, a, g) of the run's slots from the région cache; code NULL for départements without a région. */
export const regionEnergyFromCacheSql = (slots: { s0: number; s1: number }) => sql`
    SELECT nullif(r.reg_code, '') AS code, r.slot, r.a, r.g
      FROM energy_reg_slot r
     WHERE ${slotsBetween(sql`r.slot`, slots)}`;

/** Rows (k, month_start, weekend, lhour, is_peak, is_offpeak, sums as LEAF_HOUR_AGGREGATES) of the run's months from the profiles of its series. */
export const departementProfilesFromCacheSql = (p: { seriesId: number; firstMonth: string; endMonth: string }) => sql`
    SELECT dep_code AS k, month_start, weekend, lhour, is_peak, is_offpeak, a, a_ci, a_cov, g, g_ci, g_cov, max_a, max_g, max_t
      FROM energy_dep_profile
     WHERE series_id = ${p.seriesId}::int AND month_start >= ${p.firstMonth}::date AND month_start < ${p.endMonth}::date`;

/** Rows (station_id, month_start, charges) of the run's months and stations from the cache. */
export const stationMonthsFromCacheSql = (p: { firstMonth: string; endMonth: string }) => sql`
    SELECT c.station_id, c.month_start, c.charges
      FROM charge_station_month c JOIN ix_station s ON s.station_id = c.station_id
     WHERE c.month_start >= ${p.firstMonth}::date AND c.month_start < ${p.endMonth}::date`;

/** The calendar of the profiles' slots [s0, s1) with the series' intensities (a table: statistics for the planner). */
export const profileSlotsSql = (o: { seriesId: number; s0: number; s1: number }) => {
  const calendar = slotCalendarSql({ s0: sql`${o.s0}::int`, s1: sql`${o.s1}::int`, series: sql`${o.seriesId}::int` });
  return sql`CREATE TEMP TABLE ix_profile_slot ON COMMIT DROP AS ${calendar}`;
};

/** The profile rows of `seriesId` over the slots [s0, s1), of the départements in `deps` (a subquery) or all. */
export const insertProfilesSql = (o: { seriesId: number; s0: number; s1: number; deps?: SqlFragment }) => sql`
     INSERT INTO energy_dep_profile (series_id, dep_code, month_start, weekend, lhour, is_peak, is_offpeak, a, a_ci, a_cov, g, g_ci, g_cov, max_a, max_g, max_t)
     SELECT ${o.seriesId}::int, l.dep_code, ${LEAF_HOUR_GROUP}, ${LEAF_HOUR_AGGREGATES}
       FROM energy_dep_slot l
       JOIN ix_profile_slot s ON s.slot = l.slot
      WHERE ${slotsBetween(sql`l.slot`, o)}${o.deps ? sql` AND l.dep_code IN ${o.deps}` : sql.empty}
      GROUP BY 2, 3, 4, 5, 6, 7`;

/** Whether the series has profiles, and the whole Paris months ("YYYY-MM-DD") the département cache covers. */
export const profileStateSql = (seriesId: number) => sql`
    SELECT EXISTS (SELECT 1 FROM energy_dep_profile WHERE series_id = ${seriesId}::int) AS built,
           (SELECT to_char(date_trunc('month', to_timestamp(min(slot) * ${L}.0) AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD')
              FROM energy_dep_slot) AS first,
           (SELECT to_char(date_trunc('month', to_timestamp(max(slot) * ${L}.0) AT TIME ZONE 'Europe/Paris') + interval '1 month', 'YYYY-MM-DD')
              FROM energy_dep_slot) AS end`;

export const MARKS_SQL = sql`SELECT count(*)::int AS n, coalesce(bool_or(station_id IS NULL), false) AS everything, min(k0) AS k0, max(k1) AS k1
  FROM energy_dirty`;

/** Every station of every département a marked station is in (`full`: every station), and whether it is marked. */
export function cacheStationsSql(full: boolean): SqlFragment {
  const marked = sql`SELECT station_id FROM energy_dirty`;
  return sql`CREATE TEMP TABLE ix_cache_station ON COMMIT DROP AS
     SELECT x.station_id, x.channel, x.dep, x.reg, dense_rank() OVER (ORDER BY x.dep)::int AS leaf_idx,
            ${full ? sql`true` : sql`x.station_id IN (${marked})`} AS marked
       FROM (SELECT station_id, channel, coalesce(dep, '') AS dep, coalesce(reg, '') AS reg FROM (${stationMeshSql()}) sm) x
      ${full ? sql.empty : sql`WHERE x.dep IN (SELECT coalesce(sm.dep, '') FROM (${stationMeshSql(sql`WHERE s.id IN (${marked})`)}) sm)`}`;
}

/** The cache's stations get a key and statistics before the energy statements read them. */
export const CACHE_STATIONS_INDEX_SQL = [sql`ALTER TABLE ix_cache_station ADD PRIMARY KEY (station_id)`, sql`ANALYZE ix_cache_station`];

/** Everything is recomputed: the caches are emptied (the profiles are built again by the next run of each series). */
export const DELETE_ALL_CACHES_SQL = [
  sql`DELETE FROM energy_dep_slot`,
  sql`DELETE FROM energy_reg_slot`,
  sql`DELETE FROM charge_station_month`,
  sql`DELETE FROM energy_dep_profile`,
];

export const ANALYZE_PROFILE_SLOTS_SQL = sql`ANALYZE ix_profile_slot`;
export const DROP_PROFILE_SLOTS_SQL = sql`DROP TABLE ix_profile_slot`;
export const ANALYZE_PROFILES_SQL = sql`ANALYZE energy_dep_profile`;
/** Only the marks the run's snapshot sees: the data behind them has just been accounted for. */
export const DELETE_MARKS_SQL = sql`DELETE FROM energy_dirty`;
/** Rebuilt tables get their statistics now rather than when autovacuum comes by. */
export const ANALYZE_CACHES_SQL = sql`ANALYZE energy_dep_slot, energy_reg_slot, charge_station_month`;

export const CACHE_COUNTS_SQL = sql`SELECT count(DISTINCT dep)::int AS deps, (count(*) FILTER (WHERE marked))::int AS stations FROM ix_cache_station`;

const REGIONS = sql`(SELECT DISTINCT reg FROM ix_cache_station)`;
const DEPARTEMENTS = sql`(SELECT DISTINCT dep FROM ix_cache_station)`;
const MARKED_STATIONS = sql`(SELECT station_id FROM ix_cache_station WHERE marked)`;

/** Deletes the marked départements' energy over [k0, k1) and their régions' sums. */
export const deleteMarkedEnergySql = (k: { k0: number; k1: number }) => [
  sql`DELETE FROM energy_dep_slot WHERE dep_code IN ${DEPARTEMENTS} AND ${slotsBetween(sql`slot`, { s0: k.k0, s1: k.k1 })}`,
  sql`DELETE FROM energy_reg_slot WHERE reg_code IN ${REGIONS} AND ${slotsBetween(sql`slot`, { s0: k.k0, s1: k.k1 })}`,
];

/** The energy of the cache's stations over [k0, k1) per département and half-hour. */
export const insertEnergySql = (k: { k0: number; k1: number; curves: boolean }) => sql`INSERT INTO energy_dep_slot (dep_code, slot, a, g)
       SELECT m.dep, e.slot, e.a, e.g
         FROM (${leafEnergySql({ stations: sql`ix_cache_station`, s0: sql`${k.k0}::int`, s1: sql`${k.k1}::int`, curves: k.curves })}) e
         JOIN (SELECT DISTINCT leaf_idx, dep FROM ix_cache_station) m ON m.leaf_idx = e.leaf_idx`;

/** Every département of the régions concerned (`full`: all), the recomputed ones and the others, summed per région. */
export const insertRegionEnergySql = (k: { k0: number; k1: number; full: boolean }) => sql`INSERT INTO energy_reg_slot (reg_code, slot, a, g)
       SELECT coalesce(dp.region_code, ''), e.slot, sum(e.a), sum(e.g)
         FROM energy_dep_slot e LEFT JOIN departement dp ON dp.code = e.dep_code
        WHERE ${slotsBetween(sql`e.slot`, { s0: k.k0, s1: k.k1 })}${k.full ? sql.empty : sql` AND coalesce(dp.region_code, '') IN ${REGIONS}`}
        GROUP BY 1, 2`;

/** The whole Paris months ("YYYY-MM-DD") the half-hours [k0, k1) fall in. */
export const monthsOfSlotsSql = (k: { k0: number; k1: number }) => sql`
    SELECT to_char(date_trunc('month', to_timestamp(${k.k0}::float8 * ${L}) AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD') AS first,
           to_char(date_trunc('month', to_timestamp(${k.k1}::float8 * ${L}) AT TIME ZONE 'Europe/Paris') + interval '1 month', 'YYYY-MM-DD') AS end`;

export const PROFILE_SERIES_SQL = sql`SELECT DISTINCT series_id AS id FROM energy_dep_profile`;

/** The départements of the cache's stations whose profiles are rewritten. */
export const PROFILE_DEPARTEMENTS = DEPARTEMENTS;

export const deleteMarkedProfilesSql = (m: { first: string; end: string }) =>
  sql`DELETE FROM energy_dep_profile WHERE dep_code IN ${DEPARTEMENTS} AND month_start >= ${m.first}::date AND month_start < ${m.end}::date`;

export const deleteMarkedMonthsSql = (m: { first: string; end: string }) =>
  sql`DELETE FROM charge_station_month WHERE station_id IN ${MARKED_STATIONS} AND month_start >= ${m.first}::date AND month_start < ${m.end}::date`;

export const insertMonthsSql = (m: { first: string; end: string }) => sql`INSERT INTO charge_station_month (station_id, month_start, charges)
       ${stationMonthsSql({ stationsTable: MARKED_STATIONS, firstMonth: m.first, endMonth: m.end })}`;

/** Slots [k0, k1) from the first to the last production data (nulls without data). */
export const DATA_RANGE_SQL = sql`SELECT min(k0) AS k0, max(k1) AS k1
       FROM (SELECT floor(extract(epoch FROM min(start_at)) / ${L})::int AS k0,
                    floor(extract(epoch FROM max(stop_at)) / ${L})::int + 1 AS k1
               FROM charge_operation WHERE env = 'production'
             UNION ALL
             SELECT floor(extract(epoch FROM min(start_at)) / ${L})::int, floor(extract(epoch FROM max(stop_at)) / ${L})::int + 1
               FROM load_curve WHERE env = 'production') x`;

export const CLEAN_CURVES_EXIST_SQL = sql`SELECT EXISTS (SELECT 1 FROM load_curve WHERE env = 'production' AND quality_flags = '{}') AS found`;
