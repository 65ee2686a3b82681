import { describe, expect, it } from "vitest";
import { describeSql, sql, type SqlFragment } from "@/lib/platform/db/sql";
import { MESH_LEVELS, PERIOD_KINDS } from "@/lib/schemas/indicator-catalogue";
import { METHOD_VERSION } from "@/lib/indicators/revisions";
import * as caches from "@/lib/indicators/sql/charge-caches";
import { revisionStatements } from "@/lib/indicators/sql/revisions";
import { defaultSeriesSql, finishRunSql, insertRunSql, runCountsSql, RUN_SETTINGS_SQL } from "@/lib/indicators/sql/run-record";
import { buildStatements, insertStatements, type RunPlan } from "@/lib/indicators/sql/run-statements";
import { slotsOfMonthsSql } from "@/lib/indicators/sql/slot-calendar";
import { cellsAsTextSql, markSecondarySql, periodsSql, PLACES_SQL } from "@/lib/indicators/sql/suppression";

// Every statement an indicator run can execute, in the order lib/indicators/compute-indicators.ts
// runs them, with made-up inputs, written to run-sql.snapshot.sql for review: a change to the
// run's SQL shows there as a diff. The values appear under each statement as its bound
// parameters; the text holds none of them.

const RUN_ID = "00000000-0000-4000-8000-000000000001";
// 2024 in Paris time: floor(epoch / 1800) of 2023-12-31T23:00Z and 2024-12-31T23:00Z.
const YEAR_2024 = { firstMonth: "2024-01-01", endMonth: "2025-01-01", slots: { s0: 946_702, s1: 964_270 } };

const everyStationFromCaches: RunPlan = {
  ...YEAR_2024,
  seriesId: 3,
  stationIds: null,
  levels: [...MESH_LEVELS],
  kinds: [...PERIOD_KINDS],
  minStations: 3,
  minBeneficiaries: 2,
  hasCurves: true,
  fromCaches: true,
  profilesFromCache: false,
};
const departementsFromProfiles: RunPlan = {
  ...everyStationFromCaches,
  levels: ["national", "region", "departement"],
  kinds: ["month", "year"],
  profilesFromCache: true,
};
const twoStationsFromCharges: RunPlan = {
  ...everyStationFromCaches,
  seriesId: null,
  stationIds: ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"],
  fromCaches: false,
  hasCurves: false,
};

function section(title: string, statements: { name: string; sql: SqlFragment }[]): string {
  return [`-- ═══ ${title} ═══`, ...statements.map((s) => `-- [${s.name}]\n${describeSql(sql`${s.sql};`)}\n`)].join("\n\n");
}
const named = (name: string, statements: SqlFragment[]) => statements.map((s) => ({ name, sql: s }));

function runSql(): string {
  const marked = { k0: 946_800, k1: 947_000 };
  const months = { first: "2024-01-01", end: "2024-02-01" };
  const profiles = { seriesId: 3, s0: 946_702, s1: 948_190 };
  return [
    section("before the run", [
      { name: "default-series", sql: defaultSeriesSql(YEAR_2024.firstMonth, YEAR_2024.endMonth) },
      { name: "slots", sql: slotsOfMonthsSql(YEAR_2024.firstMonth, YEAR_2024.endMonth) },
    ]),
    section("settings", named("settings", [caches.LOCK_CHARGE_CACHES_SQL, ...RUN_SETTINGS_SQL])),
    section("charge caches: marked stations (partial refresh)", [
      ...named("caches-marks", [caches.MARKS_SQL]),
      ...named("caches-stations", [caches.cacheStationsSql(false), ...caches.CACHE_STATIONS_INDEX_SQL, caches.CACHE_COUNTS_SQL]),
      ...named("caches-delete", caches.deleteMarkedEnergySql(marked)),
      ...named("caches-curves", [caches.CLEAN_CURVES_EXIST_SQL]),
      ...named("caches-energy", [caches.insertEnergySql({ ...marked, curves: true })]),
      ...named("caches-energy-regions", [caches.insertRegionEnergySql({ ...marked, full: false })]),
      ...named("caches-months-of-slots", [caches.monthsOfSlotsSql(marked)]),
      ...named("caches-delete", [caches.PROFILE_SERIES_SQL, caches.deleteMarkedProfilesSql(months)]),
      ...named("caches-profiles", [
        slotsOfMonthsSql(months.first, months.end),
        caches.profileSlotsSql(profiles),
        caches.ANALYZE_PROFILE_SLOTS_SQL,
        caches.insertProfilesSql({ ...profiles, deps: caches.PROFILE_DEPARTEMENTS }),
        caches.DROP_PROFILE_SLOTS_SQL,
      ]),
      ...named("caches-delete", [caches.deleteMarkedMonthsSql(months)]),
      ...named("caches-months", [caches.insertMonthsSql(months)]),
      ...named("caches-marks", [caches.DELETE_MARKS_SQL]),
    ]),
    section("charge caches: everything marked (full refresh; the rest as above, without the region filter)", [
      ...named("caches-stations", [caches.cacheStationsSql(true)]),
      ...named("caches-range", [caches.DATA_RANGE_SQL]),
      ...named("caches-delete", caches.DELETE_ALL_CACHES_SQL),
      ...named("caches-energy-regions", [caches.insertRegionEnergySql({ ...marked, full: true })]),
      ...named("caches-analyze", [caches.ANALYZE_CACHES_SQL]),
    ]),
    section("profiles of a series used for the first time", [
      ...named("caches-profiles", [caches.profileStateSql(3), caches.insertProfilesSql(profiles)]),
      ...named("caches-analyze", [caches.ANALYZE_PROFILES_SQL]),
    ]),
    section("the run's record", [
      {
        name: "insert-run",
        sql: insertRunSql({
          runId: RUN_ID,
          computedBy: "admin@example.org",
          ...YEAR_2024,
          seriesId: 3,
          scope: "full",
          levels: everyStationFromCaches.levels,
          kinds: everyStationFromCaches.kinds,
          minStations: 3,
          minBeneficiaries: 2,
        }),
      },
    ]),
    section("full run: every station and level, from the charge caches (communes from the charges)", buildStatements(everyStationFromCaches)),
    section("secondary suppression", [
      { name: "suppression-meta", sql: PLACES_SQL },
      { name: "suppression-meta", sql: periodsSql(everyStationFromCaches.kinds) },
      { name: "suppression-read", sql: cellsAsTextSql(everyStationFromCaches.kinds, "commune") },
      { name: "suppression-write", sql: markSecondarySql([4, 8, 15]) },
    ]),
    section("values of the full run", insertStatements(everyStationFromCaches, RUN_ID)),
    section("the run's finish and revisions (full runs)", [
      { name: "counts", sql: runCountsSql(everyStationFromCaches.kinds) },
      { name: "finish", sql: finishRunSql({ runId: RUN_ID, cells: 1200, withheld: 80, durationMs: 4321, gap: 0, methodVersion: METHOD_VERSION }) },
      ...revisionStatements(RUN_ID),
    ]),
    section("partial run down to départements: leaf hours from the series' profiles", buildStatements(departementsFromProfiles)),
    section("values of that run", insertStatements(departementsFromProfiles, RUN_ID)),
    section("run of two stations without a carbon series, from the charges", buildStatements(twoStationsFromCharges)),
    section("values of that run", insertStatements(twoStationsFromCharges, RUN_ID)),
  ].join("\n\n");
}

describe("the SQL of an indicator run", () => {
  it("is the reviewed file run-sql.snapshot.sql, every value bound", async () => {
    const text = runSql();
    // No value of the inputs is in any statement's text: dates, ids and codes are parameters.
    for (const pasted of ["2024-01-01", "2025-01-01", RUN_ID, "00000000-0000-4000-8000-00000000000a", "admin@example.org", "'3'", "946702"]) {
      const texts = text.split("\n").filter((l) => !l.startsWith("--"));
      expect(texts.filter((l) => l.includes(pasted))).toEqual([]);
    }
    await expect(`${text}\n`).toMatchFileSnapshot("./run-sql.snapshot.sql");
  });

  it("numbers the parameters of a whole statement in order", () => {
    const [first] = buildStatements(everyStationFromCaches);
    expect(first.sql.text).toContain("$1::timestamp");
    expect(first.sql.values).toEqual(["2024-01-01", "2025-01-01"]);
    expect(sql`${first.sql} AND ${1}`.text).toContain("$3");
  });
});
