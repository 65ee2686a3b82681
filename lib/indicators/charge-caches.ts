import type { Prisma } from "@/generated/prisma/client";
import { queryRows, type SqlFragment } from "@/lib/platform/db/sql";
import { slotsOfMonths } from "@/lib/indicators/sql/slot-calendar";
import {
  ANALYZE_CACHES_SQL,
  ANALYZE_PROFILE_SLOTS_SQL,
  ANALYZE_PROFILES_SQL,
  CACHE_COUNTS_SQL,
  CACHE_STATIONS_INDEX_SQL,
  cacheStationsSql,
  CLEAN_CURVES_EXIST_SQL,
  DATA_RANGE_SQL,
  DELETE_ALL_CACHES_SQL,
  DELETE_MARKS_SQL,
  deleteMarkedEnergySql,
  deleteMarkedMonthsSql,
  deleteMarkedProfilesSql,
  DROP_PROFILE_SLOTS_SQL,
  insertEnergySql,
  insertMonthsSql,
  insertProfilesSql,
  insertRegionEnergySql,
  MARKS_SQL,
  monthsOfSlotsSql,
  PROFILE_DEPARTEMENTS,
  PROFILE_SERIES_SQL,
  profileSlotsSql,
  profileStateSql,
} from "@/lib/indicators/sql/charge-caches";

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
 * Writes the rows of energy_dep_profile for `seriesId`: energy_dep_slot over the whole Paris
 * months [first, end) ("YYYY-MM-01"), of the départements in `deps` (a subquery) or all.
 */
async function writeDepartementProfiles(tx: Prisma.TransactionClient, timed: Timed, o: { seriesId: number; first: string; end: string; deps?: SqlFragment }) {
  const { s0, s1 } = await slotsOfMonths(tx, o.first, o.end);
  // A table with statistics: over a CTE the planner hashes the million energy rows instead.
  await timed("caches-profiles", profileSlotsSql({ seriesId: o.seriesId, s0, s1 }));
  await timed("caches-profiles", ANALYZE_PROFILE_SLOTS_SQL);
  await timed("caches-profiles", insertProfilesSql({ seriesId: o.seriesId, s0, s1, deps: o.deps }));
  await timed("caches-profiles", DROP_PROFILE_SLOTS_SQL);
}

/**
 * Builds the profiles of `seriesId` when energy_dep_profile has none of it yet (the series'
 * first run, or the first after everything was recomputed). Call after refreshChargeCaches, in
 * the same transaction. Returns whether it built them.
 */
export async function ensureDepartementProfiles(tx: Prisma.TransactionClient, timed: Timed, seriesId: number): Promise<boolean> {
  const [state] = await queryRows<{ built: boolean; first: string | null; end: string | null }>(tx, profileStateSql(seriesId));
  if (state.built || state.first === null || state.end === null) return false;
  await writeDepartementProfiles(tx, timed, { seriesId, first: state.first, end: state.end });
  await timed("caches-analyze", ANALYZE_PROFILES_SQL);
  return true;
}

export interface ChargeCachesRefresh {
  /** none: nothing changed; partial: what is marked; full: everything. */
  mode: "none" | "partial" | "full";
  /** Départements whose energy was recomputed, over `slots` half-hours. */
  departements: number;
  slots: number;
  /** Stations whose months were recomputed. */
  stations: number;
}

type Timed = (name: string, statement: SqlFragment) => Promise<number>;

/**
 * Brings the charge caches up to date with the charge data visible to `tx`, which must have run
 * LOCK_CHARGE_CACHES_SQL (lib/indicators/sql/charge-caches.ts) first. With nothing marked it only reads energy_dirty.
 */
export async function refreshChargeCaches(tx: Prisma.TransactionClient, timed: Timed): Promise<ChargeCachesRefresh> {
  const [marks] = await queryRows<{ n: number; everything: boolean; k0: number | null; k1: number | null }>(tx, MARKS_SQL);
  if (marks.n === 0) return { mode: "none", departements: 0, slots: 0, stations: 0 };
  const full = marks.everything;
  const range = full ? await dataRange(tx) : { k0: marks.k0, k1: marks.k1 };

  // Energy: every station of every département a marked station is in. Months: the marked stations.
  await timed("caches-stations", cacheStationsSql(full));
  for (const statement of CACHE_STATIONS_INDEX_SQL) await timed("caches-stations", statement);
  const [counts] = await queryRows<{ deps: number; stations: number }>(tx, CACHE_COUNTS_SQL);

  // The profiles are built again by the next run of each series (ensureDepartementProfiles).
  if (full) for (const statement of DELETE_ALL_CACHES_SQL) await timed("caches-delete", statement);
  if (range.k0 !== null && range.k1 !== null) {
    const { k0, k1 } = range;
    if (!full) for (const statement of deleteMarkedEnergySql({ k0, k1 })) await timed("caches-delete", statement);
    const curves = await cleanCurvesExist(tx);
    await timed("caches-energy", insertEnergySql({ k0, k1, curves }));
    // Every département of the régions concerned, the recomputed ones and the others.
    await timed("caches-energy-regions", insertRegionEnergySql({ k0, k1, full }));
    // The whole Paris months the marked half-hours fall in.
    const [months] = await queryRows<{ first: string; end: string }>(tx, monthsOfSlotsSql({ k0, k1 }));
    if (!full) {
      // The profiles of those départements and months, for every series that has profiles.
      const series = await queryRows<{ id: number }>(tx, PROFILE_SERIES_SQL);
      await timed("caches-delete", deleteMarkedProfilesSql(months));
      for (const { id } of series) {
        await writeDepartementProfiles(tx, timed, { seriesId: id, first: months.first, end: months.end, deps: PROFILE_DEPARTEMENTS });
      }
    }
    if (!full) await timed("caches-delete", deleteMarkedMonthsSql(months));
    await timed("caches-months", insertMonthsSql(months));
  }
  // Only the marks this snapshot sees: the data behind them has just been accounted for.
  await timed("caches-marks", DELETE_MARKS_SQL);
  // Rebuilt tables get their statistics now rather than when autovacuum comes by: without them the
  // planner reads a million and a half rows through the primary key.
  if (full) await timed("caches-analyze", ANALYZE_CACHES_SQL);
  return {
    mode: full ? "full" : "partial",
    departements: counts.deps,
    slots: range.k0 !== null && range.k1 !== null ? range.k1 - range.k0 : 0,
    stations: counts.stations,
  };
}

/** Slots [k0, k1) from the first to the last production data (nulls without data). */
async function dataRange(tx: Prisma.TransactionClient): Promise<{ k0: number | null; k1: number | null }> {
  const [range] = await queryRows<{ k0: number | null; k1: number | null }>(tx, DATA_RANGE_SQL);
  return range;
}

/**
 * Whether any clean production load curve exists. Without one the operation/curve anti-join is left
 * out (with an empty load_curve the planner probes it once per operation, about a third of the
 * energy step); with one it stays, whatever the dates: an operation is replaced by its
 * transaction's curve even when their times disagree.
 */
export async function cleanCurvesExist(tx: Prisma.TransactionClient): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(tx, CLEAN_CURVES_EXIST_SQL);
  return row.found;
}
