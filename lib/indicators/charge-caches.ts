import type { Prisma } from "@/generated/prisma/client";
import { leafEnergySql, SLOT_SECONDS } from "@/lib/indicators/energy-steps-sql";
import { LEAF_HOUR_AGGREGATES, LEAF_HOUR_GROUP, slotCalendarSql, slotsOfMonths } from "@/lib/indicators/slot-calendar-sql";
import { stationMeshSql } from "@/lib/indicators/station-mesh-sql";
import { stationMonthsSql } from "@/lib/indicators/station-months-sql";

// The charge caches: what a run of every station reads instead of a year of charges (communes
// excepted: their energy is still computed from the charges; docs/decisions/0006-charge-caches.md):
//   - energy_dep_slot, the energy of clean production data per département and half-hour, as
//     leafEnergySql gives it for whole départements, and energy_reg_slot, its sums per région;
//   - energy_dep_profile, energy_dep_slot grouped per Paris month, weekday or weekend and hour of
//     day with the intensities of a carbon series, for each series runs have used: the leaf hours
//     of a run down to départements (a month of it where a year of half-hours was grouped);
//   - charge_station_month, the clean transactions per station and month, as stationMonthsSql.
// Triggers (migration 20261123172500_charge_caches) append to energy_dirty what each change
// touches: a station and its half-hours, or everything. A run brings the caches up to date in its
// own snapshot before reading them: the marked stations' départements (energy) and the marked
// stations (months) are recomputed from the charges over the marked range, by the same SQL as an
// uncached run, and replace what was there. Marks committed after the run's snapshot stay for the
// next run.

/**
 * Must be the run transaction's first statement, before any query takes its snapshot: runs then
 * follow one another, each seeing what the previous one wrote (a REPEATABLE READ snapshot taken
 * before the wait would not). Data writers only append marks and never wait on it.
 */
export const LOCK_CHARGE_CACHES_SQL = "LOCK TABLE energy_dep_slot, energy_reg_slot, energy_dep_profile, charge_station_month IN SHARE ROW EXCLUSIVE MODE";

/** Rows (k, slot, a, g) of the run's slots from the département cache, k its département code as stored ('' for none). */
export const ENERGY_FROM_CACHE_SQL = (slots: { s0: number; s1: number }) => `
    SELECT e.dep_code AS k, e.slot, e.a, e.g
      FROM energy_dep_slot e
     WHERE e.slot >= ${slots.s0} AND e.slot < ${slots.s1}`;

/** Rows (code, slot, a, g) of the run's slots from the département cache; code NULL for stations without a département. */
export const DEPARTEMENT_ENERGY_FROM_CACHE_SQL = (slots: { s0: number; s1: number }) => `
    SELECT nullif(e.dep_code, '') AS code, e.slot, e.a, e.g
      FROM energy_dep_slot e
     WHERE e.slot >= ${slots.s0} AND e.slot < ${slots.s1}`;

/** Rows (code, slot, a, g) of the run's slots from the région cache; code NULL for départements without a région. */
export const REGION_ENERGY_FROM_CACHE_SQL = (slots: { s0: number; s1: number }) => `
    SELECT nullif(r.reg_code, '') AS code, r.slot, r.a, r.g
      FROM energy_reg_slot r
     WHERE r.slot >= ${slots.s0} AND r.slot < ${slots.s1}`;

/** Rows (k, month_start, weekend, lhour, is_peak, is_offpeak, sums as LEAF_HOUR_AGGREGATES) of the run's months from the profiles of its series. */
export const DEPARTEMENT_PROFILES_FROM_CACHE_SQL = (p: { seriesId: number; firstMonth: string; endMonth: string }) => `
    SELECT dep_code AS k, month_start, weekend, lhour, is_peak, is_offpeak, a, a_ci, a_cov, g, g_ci, g_cov, max_a, max_g, max_t
      FROM energy_dep_profile
     WHERE series_id = ${p.seriesId} AND month_start >= '${p.firstMonth}'::date AND month_start < '${p.endMonth}'::date`;

/**
 * Writes the rows of energy_dep_profile for `seriesId`: energy_dep_slot over the whole Paris
 * months [first, end) ("YYYY-MM-01"), of the départements in `deps` (a subquery) or all.
 */
async function writeDepartementProfiles(tx: Prisma.TransactionClient, timed: Timed, o: { seriesId: number; first: string; end: string; deps?: string }) {
  const { s0, s1 } = await slotsOfMonths(tx, o.first, o.end);
  // A table with statistics: over a CTE the planner hashes the million energy rows instead.
  await timed("caches-profiles", `CREATE TEMP TABLE ix_profile_slot ON COMMIT DROP AS ${slotCalendarSql({ s0: String(s0), s1: String(s1), series: String(o.seriesId) })}`);
  await timed("caches-profiles", "ANALYZE ix_profile_slot");
  await timed(
    "caches-profiles",
    `INSERT INTO energy_dep_profile (series_id, dep_code, month_start, weekend, lhour, is_peak, is_offpeak, a, a_ci, a_cov, g, g_ci, g_cov, max_a, max_g, max_t)
     SELECT ${o.seriesId}, l.dep_code, ${LEAF_HOUR_GROUP}, ${LEAF_HOUR_AGGREGATES}
       FROM energy_dep_slot l
       JOIN ix_profile_slot s ON s.slot = l.slot
      WHERE l.slot >= ${s0} AND l.slot < ${s1}${o.deps ? ` AND l.dep_code IN ${o.deps}` : ""}
      GROUP BY 2, 3, 4, 5, 6, 7`,
  );
  await timed("caches-profiles", "DROP TABLE ix_profile_slot");
}

/**
 * Builds the profiles of `seriesId` when energy_dep_profile has none of it yet (the series'
 * first run, or the first after everything was recomputed). Call after refreshChargeCaches, in
 * the same transaction. Returns whether it built them.
 */
export async function ensureDepartementProfiles(tx: Prisma.TransactionClient, timed: Timed, seriesId: number): Promise<boolean> {
  const [state] = await tx.$queryRawUnsafe<{ built: boolean; first: string | null; end: string | null }[]>(
    `SELECT EXISTS (SELECT 1 FROM energy_dep_profile WHERE series_id = $1) AS built,
            (SELECT to_char(date_trunc('month', to_timestamp(min(slot) * ${SLOT_SECONDS}.0) AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD') FROM energy_dep_slot) AS first,
            (SELECT to_char(date_trunc('month', to_timestamp(max(slot) * ${SLOT_SECONDS}.0) AT TIME ZONE 'Europe/Paris') + interval '1 month', 'YYYY-MM-DD') FROM energy_dep_slot) AS end`,
    seriesId,
  );
  if (state.built || state.first === null || state.end === null) return false;
  await writeDepartementProfiles(tx, timed, { seriesId, first: state.first, end: state.end });
  await timed("caches-analyze", "ANALYZE energy_dep_profile");
  return true;
}

/** Rows (station_id, month_start, charges) of the run's months and stations from the cache. */
export const STATION_MONTHS_FROM_CACHE_SQL = (p: { firstMonth: string; endMonth: string }) => `
    SELECT c.station_id, c.month_start, c.charges
      FROM charge_station_month c JOIN ix_station s ON s.station_id = c.station_id
     WHERE c.month_start >= '${p.firstMonth}'::date AND c.month_start < '${p.endMonth}'::date`;

export interface ChargeCachesRefresh {
  /** none: nothing changed; partial: what is marked; full: everything. */
  mode: "none" | "partial" | "full";
  /** Départements whose energy was recomputed, over `slots` half-hours. */
  departements: number;
  slots: number;
  /** Stations whose months were recomputed. */
  stations: number;
}

type Timed = (name: string, sql: string) => Promise<number>;

/**
 * Brings the charge caches up to date with the charge data visible to `tx`, which must have run
 * LOCK_CHARGE_CACHES_SQL first. With nothing marked it only reads energy_dirty.
 */
export async function refreshChargeCaches(tx: Prisma.TransactionClient, timed: Timed): Promise<ChargeCachesRefresh> {
  const [marks] = await tx.$queryRawUnsafe<{ n: number; everything: boolean; k0: number | null; k1: number | null }[]>(
    `SELECT count(*)::int AS n, coalesce(bool_or(station_id IS NULL), false) AS everything, min(k0) AS k0, max(k1) AS k1 FROM energy_dirty`,
  );
  if (marks.n === 0) return { mode: "none", departements: 0, slots: 0, stations: 0 };
  const full = marks.everything;
  const range = full ? await dataRange(tx) : { k0: marks.k0, k1: marks.k1 };

  // Energy: every station of every département a marked station is in. Months: the marked stations.
  const marked = "SELECT station_id FROM energy_dirty";
  await timed(
    "caches-stations",
    `CREATE TEMP TABLE ix_cache_station ON COMMIT DROP AS
     SELECT x.station_id, x.channel, x.dep, x.reg, dense_rank() OVER (ORDER BY x.dep)::int AS leaf_idx,
            ${full ? "true" : `x.station_id IN (${marked})`} AS marked
       FROM (SELECT station_id, channel, coalesce(dep, '') AS dep, coalesce(reg, '') AS reg FROM (${stationMeshSql()}) sm) x
      ${full ? "" : `WHERE x.dep IN (SELECT coalesce(sm.dep, '') FROM (${stationMeshSql(`WHERE s.id IN (${marked})`)}) sm)`}`,
  );
  await timed("caches-stations", "ALTER TABLE ix_cache_station ADD PRIMARY KEY (station_id)");
  await timed("caches-stations", "ANALYZE ix_cache_station");
  const [counts] = await tx.$queryRawUnsafe<{ deps: number; stations: number }[]>(
    "SELECT count(DISTINCT dep)::int AS deps, (count(*) FILTER (WHERE marked))::int AS stations FROM ix_cache_station",
  );

  if (full) {
    await timed("caches-delete", "DELETE FROM energy_dep_slot");
    await timed("caches-delete", "DELETE FROM energy_reg_slot");
    await timed("caches-delete", "DELETE FROM charge_station_month");
    // Built again by the next run of each series (ensureDepartementProfiles).
    await timed("caches-delete", "DELETE FROM energy_dep_profile");
  }
  if (range.k0 !== null && range.k1 !== null) {
    const { k0, k1 } = range;
    const regions = "(SELECT DISTINCT reg FROM ix_cache_station)";
    if (!full) {
      await timed("caches-delete", `DELETE FROM energy_dep_slot WHERE dep_code IN (SELECT DISTINCT dep FROM ix_cache_station) AND slot >= ${k0} AND slot < ${k1}`);
      await timed("caches-delete", `DELETE FROM energy_reg_slot WHERE reg_code IN ${regions} AND slot >= ${k0} AND slot < ${k1}`);
    }
    const curves = await cleanCurvesExist(tx);
    await timed(
      "caches-energy",
      `INSERT INTO energy_dep_slot (dep_code, slot, a, g)
       SELECT m.dep, e.slot, e.a, e.g
         FROM (${leafEnergySql({ stations: "ix_cache_station", s0: String(k0), s1: String(k1), curves })}) e
         JOIN (SELECT DISTINCT leaf_idx, dep FROM ix_cache_station) m ON m.leaf_idx = e.leaf_idx`,
    );
    // Every département of the régions concerned, the recomputed ones and the others.
    await timed(
      "caches-energy-regions",
      `INSERT INTO energy_reg_slot (reg_code, slot, a, g)
       SELECT coalesce(dp.region_code, ''), e.slot, sum(e.a), sum(e.g)
         FROM energy_dep_slot e LEFT JOIN departement dp ON dp.code = e.dep_code
        WHERE e.slot >= ${k0} AND e.slot < ${k1}${full ? "" : ` AND coalesce(dp.region_code, '') IN ${regions}`}
        GROUP BY 1, 2`,
    );
    // The whole Paris months the marked half-hours fall in.
    const [months] = await tx.$queryRawUnsafe<{ first: string; end: string }[]>(
      `SELECT to_char(date_trunc('month', to_timestamp($1::float8 * ${SLOT_SECONDS}) AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD') AS first,
              to_char(date_trunc('month', to_timestamp($2::float8 * ${SLOT_SECONDS}) AT TIME ZONE 'Europe/Paris') + interval '1 month', 'YYYY-MM-DD') AS end`,
      k0,
      k1,
    );
    if (!full) {
      // The profiles of those départements and months, for every series that has profiles.
      const series = await tx.$queryRawUnsafe<{ id: number }[]>("SELECT DISTINCT series_id AS id FROM energy_dep_profile");
      const deps = "(SELECT DISTINCT dep FROM ix_cache_station)";
      await timed("caches-delete", `DELETE FROM energy_dep_profile WHERE dep_code IN ${deps} AND month_start >= '${months.first}'::date AND month_start < '${months.end}'::date`);
      for (const { id } of series) await writeDepartementProfiles(tx, timed, { seriesId: id, first: months.first, end: months.end, deps });
    }
    const markedStations = "(SELECT station_id FROM ix_cache_station WHERE marked)";
    if (!full) {
      await timed(
        "caches-delete",
        `DELETE FROM charge_station_month WHERE station_id IN ${markedStations} AND month_start >= '${months.first}'::date AND month_start < '${months.end}'::date`,
      );
    }
    await timed(
      "caches-months",
      `INSERT INTO charge_station_month (station_id, month_start, charges)
       ${stationMonthsSql({ stationsTable: markedStations, firstMonth: months.first, endMonth: months.end })}`,
    );
  }
  // Only the marks this snapshot sees: the data behind them has just been accounted for.
  await timed("caches-marks", "DELETE FROM energy_dirty");
  // Rebuilt tables get their statistics now rather than when autovacuum comes by: without them the
  // planner reads a million and a half rows through the primary key.
  if (full) await timed("caches-analyze", "ANALYZE energy_dep_slot, energy_reg_slot, charge_station_month");
  return { mode: full ? "full" : "partial", departements: counts.deps, slots: range.k0 !== null && range.k1 !== null ? range.k1 - range.k0 : 0, stations: counts.stations };
}

/** Slots [k0, k1) from the first to the last production data (nulls without data). */
async function dataRange(tx: Prisma.TransactionClient): Promise<{ k0: number | null; k1: number | null }> {
  const [range] = await tx.$queryRawUnsafe<{ k0: number | null; k1: number | null }[]>(
    `SELECT min(k0) AS k0, max(k1) AS k1
       FROM (SELECT floor(extract(epoch FROM min(start_at)) / ${SLOT_SECONDS})::int AS k0,
                    floor(extract(epoch FROM max(stop_at)) / ${SLOT_SECONDS})::int + 1 AS k1
               FROM charge_operation WHERE env = 'production'
             UNION ALL
             SELECT floor(extract(epoch FROM min(start_at)) / ${SLOT_SECONDS})::int, floor(extract(epoch FROM max(stop_at)) / ${SLOT_SECONDS})::int + 1
               FROM load_curve WHERE env = 'production') x`,
  );
  return range;
}

/**
 * Whether any clean production load curve exists. Without one the operation/curve anti-join is left
 * out (with an empty load_curve the planner probes it once per operation, about a third of the
 * energy step); with one it stays, whatever the dates: an operation is replaced by its
 * transaction's curve even when their times disagree.
 */
export async function cleanCurvesExist(tx: Prisma.TransactionClient): Promise<boolean> {
  const [row] = await tx.$queryRawUnsafe<{ found: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM load_curve WHERE env = 'production' AND quality_flags = '{}') AS found`,
  );
  return row.found;
}
