import { sql, type SqlFragment } from "@/lib/platform/db/sql";
import { leafEnergySql } from "@/lib/indicators/sql/energy-steps";
import {
  departementEnergyFromCacheSql,
  departementProfilesFromCacheSql,
  energyFromCacheSql,
  regionEnergyFromCacheSql,
  stationMonthsFromCacheSql,
} from "@/lib/indicators/sql/charge-caches";
import { stationMonthsSql } from "@/lib/indicators/sql/station-months";
import { LEAF_HOUR_AGGREGATES, LEAF_HOUR_GROUP, slotCalendarSql } from "@/lib/indicators/sql/slot-calendar";
import { stationMeshSql } from "@/lib/indicators/sql/station-mesh";
import type { MeshLevel, PeriodKind } from "@/lib/schemas/indicator-catalogue";

// The statements of one indicator run, in order, on temporary tables dropped at commit. Every
// value of the run (dates, station ids, series, thresholds, levels and kinds, the run id) is a
// bound parameter; names of columns and aliases go through sql.identifier.
// Times: slots are UTC half-hours (floor(epoch / 1800)); calendar attributes (hour of day,
// weekday, month, peak windows, periods) are read in Europe/Paris.

export interface RunPlan {
  firstMonth: string;
  endMonth: string;
  /** The half-hour slots of [firstMonth, endMonth) in Paris time: floor(epoch / 1800). */
  slots: { s0: number; s1: number };
  seriesId: number | null;
  stationIds: string[] | null;
  levels: MeshLevel[];
  kinds: PeriodKind[];
  minStations: number;
  minBeneficiaries: number;
  /** Whether any clean production load curve exists, read in the run's snapshot. */
  hasCurves: boolean;
  /**
   * Whether the run reads the charge caches, brought up to date in its snapshot
   * (lib/indicators/charge-caches.ts), rather than computing from the charges: runs of every
   * station. The transactions per station and month and the energy per département and région
   * come from the caches; the energy per commune, when communes are computed, from the charges.
   */
  fromCaches: boolean;
  /**
   * Whether the leaf hours are read from the département profiles of the run's carbon series
   * (energy_dep_profile), brought up to date before the statements: cached runs down to
   * départements with a series.
   */
  profilesFromCache: boolean;
}

const PARIS = sql`'Europe/Paris'`;

/** A statement of the run and its name (the step it is timed under). */
export interface RunStatement {
  name: string;
  sql: SqlFragment;
}

/** Mesh codes of a row carrying leaf/dep/reg columns, one row per requested level. */
function meshOf(p: RunPlan, alias: string): SqlFragment {
  const commune = p.levels.includes("commune") ? sql.identifier(alias, "leaf") : sql`NULL`;
  const [reg, dep] = [sql.identifier(alias, "reg"), sql.identifier(alias, "dep")];
  return sql`CROSS JOIN LATERAL (VALUES ('national', 'FR'), ('region', ${reg}), ('departement', ${dep}), ('commune', ${commune}))
            AS m(level, code)`;
}
function meshFilter(p: RunPlan): SqlFragment {
  return sql`m.code IS NOT NULL AND m.level = ANY(${p.levels}::text[])`;
}

export function buildStatements(p: RunPlan): RunStatement[] {
  const leaf = p.levels.includes("commune") ? "commune" : "dep";
  const leafColumn = sql.identifier(leaf);
  const stationFilter = p.stationIds ? sql`WHERE s.id = ANY(${p.stationIds}::uuid[])` : sql.empty;
  const series = sql`${p.seriesId}::int`;
  const K = sql`${p.minStations}::int`;
  const B = sql`${p.minBeneficiaries}::int`;
  // Month cells are always built (quarters and years are rolled up from them).
  const kinds = [...new Set<PeriodKind>(["month", ...p.kinds])];
  const s: RunStatement[] = [];
  const add = (name: string, statement: SqlFragment) => s.push({ name, sql: statement });

  add(
    "param",
    sql`CREATE TEMP TABLE ix_param ON COMMIT DROP AS
    SELECT t0, t1, (extract(epoch FROM t0) / 1800)::int AS s0, (extract(epoch FROM t1) / 1800)::int AS s1
      FROM (SELECT ${p.firstMonth}::timestamp AT TIME ZONE ${PARIS} AS t0, ${p.endMonth}::timestamp AT TIME ZONE ${PARIS} AS t1) x`,
  );

  // Stations with their mesh; leaf_idx numbers the finest mesh computed (commune or département).
  add(
    "stations",
    sql`CREATE TEMP TABLE ix_station ON COMMIT DROP AS
    SELECT x.*, (CASE WHEN x.${leafColumn} IS NULL THEN 0 ELSE dense_rank() OVER (ORDER BY x.${leafColumn}) END)::int AS leaf_idx
      FROM (${stationMeshSql(stationFilter)}) x`,
  );
  add("stations-key", sql`ALTER TABLE ix_station ADD PRIMARY KEY (station_id)`);
  add("stations-analyze", sql`ANALYZE ix_station`);
  add(
    "leaf-map",
    sql`CREATE TEMP TABLE ix_leafmap ON COMMIT DROP AS
    SELECT DISTINCT leaf_idx, ${leaf === "commune" ? sql`commune` : sql`NULL::text`} AS leaf, dep, reg FROM ix_station`,
  );
  // Without statistics the planner guesses 630 rows and hashes the 1.5 million energy rows instead of this map.
  add("leaf-map-analyze", sql`ANALYZE ix_leafmap`);

  add(
    "slots",
    sql`CREATE TEMP TABLE ix_slot ON COMMIT DROP AS
    ${slotCalendarSql({ s0: sql`(SELECT s0 FROM ix_param)`, s1: sql`(SELECT s1 FROM ix_param)`, series })}`,
  );
  add("slots-key", sql`ALTER TABLE ix_slot ADD PRIMARY KEY (slot)`);
  add("slots-analyze", sql`ANALYZE ix_slot`);

  const periodsOf = (alias: string) => {
    const [month, quarter, year] = ["month_start", "quarter_start", "year_start"].map((c) => sql.identifier(alias, c));
    return sql`CROSS JOIN LATERAL (VALUES ('month', ${month}), ('quarter', ${quarter}), ('year', ${year})) AS p(kind, pstart)`;
  };
  add(
    "periods",
    sql`CREATE TEMP TABLE ix_period ON COMMIT DROP AS
    SELECT p.kind, p.pstart, count(*) / 2.0 AS hours, count(*) FILTER (WHERE s.is_peak) / 2.0 AS peak_hours,
           count(*) FILTER (WHERE s.ci IS NULL) / 2.0 AS gap_hours, avg(s.ci) AS grid_mean
      FROM ix_slot s ${periodsOf("s")}
     WHERE p.kind = ANY(${kinds}::text[])
     GROUP BY p.kind, p.pstart
    HAVING ((p.pstart::timestamp + CASE p.kind WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
             ELSE interval '1 year' END) AT TIME ZONE ${PARIS}) <= (SELECT t1 FROM ix_param)
       AND (p.pstart::timestamp AT TIME ZONE ${PARIS}) >= (SELECT t0 FROM ix_param)`,
  );
  add(
    "period-hours",
    sql`CREATE TEMP TABLE ix_period_hour ON COMMIT DROP AS
    SELECT p.kind, p.pstart, s.weekend, s.lhour, count(*) / 2.0 AS hours, sum(s.ci) AS ci_sum, count(s.ci) AS ci_n
      FROM ix_slot s ${periodsOf("s")}
      JOIN ix_period ip ON ip.kind = p.kind AND ip.pstart = p.pstart
     GROUP BY 1, 2, 3, 4`,
  );

  // Coverage: which stations reported in which period, their charges, beneficiaries, power.
  add(
    "station-months",
    sql`CREATE TEMP TABLE ix_st_month ON COMMIT DROP AS
    ${p.fromCaches ? stationMonthsFromCacheSql(p) : stationMonthsSql({ stationsTable: sql`ix_station`, firstMonth: p.firstMonth, endMonth: p.endMonth })}`,
  );
  add(
    "station-periods",
    sql`CREATE TEMP TABLE ix_st_period ON COMMIT DROP AS
    SELECT sm.station_id, q.kind, q.pstart, sum(sm.charges) AS charges
      FROM ix_st_month sm
     CROSS JOIN LATERAL (VALUES ('month', sm.month_start), ('quarter', date_trunc('quarter', sm.month_start)::date),
                                ('year', date_trunc('year', sm.month_start)::date)) AS q(kind, pstart)
      JOIN ix_period ip ON ip.kind = q.kind AND ip.pstart = q.pstart
     GROUP BY 1, 2, 3`,
  );
  const leafOfStation = leaf === "commune" ? sql`commune` : sql`NULL::text`;
  const stationMesh = sql`(SELECT station_id, channel, beneficiary_id, kw, registered_at, withdrawn_at, ${leafOfStation} AS leaf, dep, reg FROM ix_station)`;
  // A station withdrawn at or before a period's start is in service in none of it: it is not in
  // that period's installed power or registered stations (whatever it may still report).
  const IP_PSTART = sql`ip.pstart`;
  const inService = (st: string, pstart: SqlFragment) => {
    const withdrawn = sql.identifier(st, "withdrawn_at");
    return sql`(${withdrawn} IS NULL OR ${withdrawn} > (${pstart}::timestamp AT TIME ZONE ${PARIS}))`;
  };
  // Grouped by beneficiary first, then by cell: the distinct beneficiaries are the non-null groups,
  // counted by two hash aggregates rather than a sort of every station × mesh × channel row.
  add(
    "coverage",
    sql`CREATE TEMP TABLE ix_cov ON COMMIT DROP AS
    SELECT level, code, channel, kind, pstart, sum(n)::int AS stations, count(beneficiary_id)::int AS bens,
           sum(kw) AS kw, sum(charges)::int AS charges
      FROM (SELECT m.level, m.code, ch.channel, sp.kind, sp.pstart, st.beneficiary_id, count(*) AS n,
                   coalesce(sum(st.kw) FILTER (WHERE ${inService("st", sql`sp.pstart`)}), 0) AS kw, sum(sp.charges) AS charges
              FROM ix_st_period sp JOIN ${stationMesh} st ON st.station_id = sp.station_id
             ${meshOf(p, "st")}
             CROSS JOIN LATERAL (VALUES ('all'), (st.channel)) AS ch(channel)
             WHERE ${meshFilter(p)}
             GROUP BY 1, 2, 3, 4, 5, 6) x
     GROUP BY 1, 2, 3, 4, 5`,
  );
  // Stations registered in a period: registered by its end (a station registered mid-period
  // counts in it), or reporting in it (its data shows it was in service): the denominator of
  // the coverage never holds stations registered later, and is never below the stations reporting.
  // A withdrawn station counts until the period in which it was withdrawn, included; after it,
  // not even if it still reports (its charges stay in the energy; docs/indicators.md).
  add(
    "registered",
    sql`CREATE TEMP TABLE ix_registered ON COMMIT DROP AS
    SELECT m.level, m.code, ch.channel, ip.kind, ip.pstart, count(*)::int AS n
      FROM ix_period ip
      JOIN ${stationMesh} st
        ON ${inService("st", IP_PSTART)} AND (st.registered_at < ((ip.pstart::timestamp + CASE ip.kind WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
                                                          ELSE interval '1 year' END) AT TIME ZONE ${PARIS})
        OR EXISTS (SELECT 1 FROM ix_st_period sp WHERE sp.station_id = st.station_id AND sp.kind = ip.kind AND sp.pstart = ip.pstart))
      ${meshOf(p, "st")}
     CROSS JOIN LATERAL (VALUES ('all'), (st.channel)) AS ch(channel)
     WHERE ${meshFilter(p)}
     GROUP BY 1, 2, 3, 4, 5`,
  );
  add(
    "cells",
    sql`CREATE TEMP TABLE ix_cell ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY c.level, c.code, c.channel, c.kind, c.pstart)::int AS id,
           c.level, c.code, c.channel, c.kind, c.pstart, c.stations, c.bens, c.kw, c.charges,
           coalesce(r.n, 0) AS registered, 0::float8 AS wh, 0::float8 AS wh_ci, 0::float8 AS wh_cov, 0::float8 AS wh_peak,
           0::float8 AS wh_off, 0::float8 AS peak_wh,
           (c.stations < ${K} OR c.bens < ${B}) AS withheld,
           CASE WHEN c.stations < ${K} THEN 'primaire_stations' WHEN c.bens < ${B} THEN 'primaire_beneficiaires' END AS reason
      FROM ix_cov c
      LEFT JOIN ix_registered r ON r.level = c.level AND r.code = c.code AND r.channel = c.channel AND r.kind = c.kind AND r.pstart = c.pstart`,
  );
  add("cells-key", sql`ALTER TABLE ix_cell ADD PRIMARY KEY (id)`);
  add("cells-index", sql`CREATE UNIQUE INDEX ON ix_cell (level, code, channel, kind, pstart)`);
  add("cells-analyze", sql`ANALYZE ix_cell`);
  // Month cell → its quarter and year cells (same mesh and channel), when computed.
  add(
    "cell-parents",
    sql`CREATE TEMP TABLE ix_cellmap ON COMMIT DROP AS
    SELECT c.id AS month_id, pc.id AS parent_id
      FROM ix_cell c
      JOIN ix_cell pc ON pc.level = c.level AND pc.code = c.code AND pc.channel = c.channel
                     AND ((pc.kind = 'quarter' AND pc.pstart = date_trunc('quarter', c.pstart)::date)
                       OR (pc.kind = 'year' AND pc.pstart = date_trunc('year', c.pstart)::date))
     WHERE c.kind = 'month'`,
  );

  // The heavy step: the energy of every clean transaction per leaf mesh and half-hour: read from
  // the département cache as it is, or computed from the charges into ix_leaf.
  const leafFromCache = p.fromCaches && leaf === "dep";
  if (!leafFromCache) {
    add(
      "energy",
      sql`CREATE TEMP TABLE ix_leaf ON COMMIT DROP AS
      ${leafEnergySql({ stations: sql`ix_station`, s0: sql`${p.slots.s0}::int`, s1: sql`${p.slots.s1}::int`, curves: p.hasCurves })}`,
    );
    add("energy-analyze", sql`ANALYZE ix_leaf`);
  }
  // Leaf rows (k, slot, a, g) and how k finds its leaf: cache rows are grouped by their
  // département code as stored and matched to the run's leaves after grouping (a million and a
  // half rows fewer to join).
  const leafRows = leafFromCache
    ? { rows: sql`(${energyFromCacheSql(p.slots)})`, key: sql`coalesce(lm.dep, '') = x.k` }
    : { rows: sql`(SELECT leaf_idx AS k, slot, a, g FROM ix_leaf)`, key: sql`lm.leaf_idx = x.k` };

  // Peak and off-peak windows are fixed by month, weekday or weekend, and hour: a leaf hour is in
  // them or not, so their energy is taken after grouping.
  const windows = (c: string) => {
    const x = sql.identifier("x", c);
    const [peak, off] = [sql.identifier(`${c}_peak`), sql.identifier(`${c}_off`)];
    return sql`CASE WHEN x.is_peak THEN ${x} ELSE 0 END AS ${peak}, CASE WHEN x.is_offpeak THEN ${x} ELSE 0 END AS ${off}`;
  };
  const leafHours = p.profilesFromCache
    ? sql`(${departementProfilesFromCacheSql({ seriesId: p.seriesId!, firstMonth: p.firstMonth, endMonth: p.endMonth })})`
    : sql`(SELECT l.k, ${LEAF_HOUR_GROUP}, ${LEAF_HOUR_AGGREGATES}
          FROM ${leafRows.rows} l JOIN ix_slot s ON s.slot = l.slot
         GROUP BY 1, 2, 3, 4, 5, 6)`;
  add(
    "leaf-hours",
    sql`CREATE TEMP TABLE ix_leaf_hour ON COMMIT DROP AS
    SELECT lm.leaf, lm.dep, lm.reg, lm.leaf_idx, x.month_start, x.weekend, x.lhour, x.a, x.a_ci, x.a_cov, x.g, x.g_ci, x.g_cov,
           ${windows("a")}, ${windows("g")}, x.max_a, x.max_g, x.max_t
      FROM ${leafHours} x
      JOIN ix_leafmap lm ON ${leafRows.key}`,
  );

  // Statistics of the grouping columns only: of all nineteen they took a third of the step's time.
  add("leaf-hours-analyze", sql`ANALYZE ix_leaf_hour (leaf, dep, reg, month_start, weekend, lhour)`);
  // Leaf hours are summed per mesh first (a few hundred thousand rows fewer to match to cells),
  // then split into the three channels.
  const hourSums = sql.join(
    ["", "_ci", "_cov", "_peak", "_off"].flatMap((x) => [`a${x}`, `g${x}`]).map((c) => sql`sum(${sql.identifier("h", c)}) AS ${sql.identifier(c)}`),
  );
  add(
    "cell-hours",
    sql`CREATE TEMP TABLE ix_cellhour ON COMMIT DROP AS
    SELECT cl.id, x.weekend, x.lhour, c.wh, coalesce(c.wh_ci, 0) AS wh_ci, c.wh_cov, c.wh_peak, c.wh_off
      FROM (SELECT m.level, m.code, h.month_start, h.weekend, h.lhour, ${hourSums}
              FROM ix_leaf_hour h ${meshOf(p, "h")}
             WHERE ${meshFilter(p)}
             GROUP BY 1, 2, 3, 4, 5) x
     CROSS JOIN LATERAL (VALUES ('ADVENIR', x.a, x.a_ci, x.a_cov, x.a_peak, x.a_off),
                                ('GIREVE', x.g, x.g_ci, x.g_cov, x.g_peak, x.g_off),
                                ('all', x.a + x.g, x.a_ci + x.g_ci, x.a_cov + x.g_cov, x.a_peak + x.g_peak, x.a_off + x.g_off))
           AS c(channel, wh, wh_ci, wh_cov, wh_peak, wh_off)
      JOIN ix_cell cl ON cl.level = x.level AND cl.code = x.code AND cl.channel = c.channel AND cl.kind = 'month' AND cl.pstart = x.month_start`,
  );
  add(
    "cell-hours-rollup",
    sql`INSERT INTO ix_cellhour
    SELECT cm.parent_id, h.weekend, h.lhour, sum(h.wh), sum(h.wh_ci), sum(h.wh_cov), sum(h.wh_peak), sum(h.wh_off)
      FROM ix_cellhour h JOIN ix_cellmap cm ON cm.month_id = h.id
     GROUP BY 1, 2, 3`,
  );
  add("cell-hours-analyze", sql`ANALYZE ix_cellhour (id, weekend, lhour)`);

  // Aggregated load curves per level (for the peak and the stored 30-minute curves).
  // With département leaves, the leaf rows already are the départemental curve: no regrouping
  // (read only without the caches: the cached run reads the région cache and the leaf hours' peaks).
  // With commune leaves, the département cache is that curve, or the communes are summed.
  const depSlots =
    leaf === "dep"
      ? sql`(SELECT lm.dep AS code, lm.reg, l.slot, l.a, l.g FROM ix_leaf l JOIN ix_leafmap lm ON lm.leaf_idx = l.leaf_idx)`
      : p.fromCaches
        ? sql`(${departementEnergyFromCacheSql(p.slots)})`
        : sql`ix_slot_dep`;
  if (leaf !== "dep" && !p.fromCaches) {
    add(
      "slots-dep",
      sql`CREATE TEMP TABLE ix_slot_dep ON COMMIT DROP AS
      SELECT lm.dep AS code, lm.reg, l.slot, sum(l.a) AS a, sum(l.g) AS g
        FROM ix_leaf l JOIN ix_leafmap lm ON lm.leaf_idx = l.leaf_idx GROUP BY 1, 2, 3`,
    );
  }
  add(
    "slots-reg",
    sql`CREATE TEMP TABLE ix_slot_reg ON COMMIT DROP AS
    ${p.fromCaches ? regionEnergyFromCacheSql(p.slots) : sql`SELECT x.reg AS code, x.slot, sum(x.a) AS a, sum(x.g) AS g FROM ${depSlots} x GROUP BY 1, 2`}`,
  );
  add(
    "slots-nat",
    sql`CREATE TEMP TABLE ix_slot_nat ON COMMIT DROP AS
    SELECT 'FR'::text AS code, slot, sum(a) AS a, sum(g) AS g FROM ix_slot_reg GROUP BY 1, 2`,
  );
  const peakOf = (level: MeshLevel, table: SqlFragment) => sql`
    SELECT ${level}::text AS level, x.code, s.month_start AS pstart, max(x.a) AS a, max(x.g) AS g, max(x.a + x.g) AS t
      FROM ${table} x JOIN ix_slot s ON s.slot = x.slot WHERE x.code IS NOT NULL GROUP BY 2, 3`;
  const leafPeaks = (level: MeshLevel, column: "dep" | "leaf") => sql`
    SELECT ${level}::text AS level, ${sql.identifier("h", column)} AS code, h.month_start AS pstart, max(h.max_a) AS a, max(h.max_g) AS g, max(h.max_t) AS t
      FROM ix_leaf_hour h WHERE ${sql.identifier("h", column)} IS NOT NULL GROUP BY 2, 3`;
  const peakParts = [
    p.levels.includes("national") && peakOf("national", sql`ix_slot_nat`),
    p.levels.includes("region") && peakOf("region", sql`ix_slot_reg`),
    p.levels.includes("departement") && (leaf === "dep" ? leafPeaks("departement", "dep") : peakOf("departement", depSlots)),
    p.levels.includes("commune") && leafPeaks("commune", "leaf"),
  ].filter((x): x is SqlFragment => x !== false);
  add(
    "peaks",
    sql`CREATE TEMP TABLE ix_peak ON COMMIT DROP AS
    SELECT cl.id, c.wh
      FROM (${sql.join(peakParts, sql` UNION ALL `)}) x
     CROSS JOIN LATERAL (VALUES ('ADVENIR', x.a), ('GIREVE', x.g), ('all', x.t)) AS c(channel, wh)
      JOIN ix_cell cl ON cl.level = x.level AND cl.code = x.code AND cl.channel = c.channel AND cl.kind = 'month' AND cl.pstart = x.pstart`,
  );
  add(
    "peaks-rollup",
    sql`INSERT INTO ix_peak
    SELECT cm.parent_id, max(x.wh) FROM ix_peak x JOIN ix_cellmap cm ON cm.month_id = x.id GROUP BY 1`,
  );
  add(
    "cells-energy",
    sql`UPDATE ix_cell c SET wh = e.wh, wh_ci = e.wh_ci, wh_cov = e.wh_cov, wh_peak = e.wh_peak, wh_off = e.wh_off
      FROM (SELECT id, sum(wh) AS wh, sum(wh_ci) AS wh_ci, sum(wh_cov) AS wh_cov, sum(wh_peak) AS wh_peak, sum(wh_off) AS wh_off
              FROM ix_cellhour GROUP BY 1) e
     WHERE e.id = c.id`,
  );
  add("cells-peak", sql`UPDATE ix_cell c SET peak_wh = x.wh FROM ix_peak x WHERE x.id = c.id`);

  return s;
}

/**
 * Energy (Wh) below this is what is left of float8 rounding where nothing was charged (the
 * running sums of leafEnergySql reach 1e9, their error about 1e-7 Wh): a ratio over it would be a
 * ratio of two rounding errors, e.g. a charging carbon intensity for an hour without charging.
 */
const ROUNDING_WH = sql.constant(1e-3);
const share = (part: SqlFragment, whole: SqlFragment) => sql`CASE WHEN ${whole} > ${ROUNDING_WH} THEN ${part} / ${whole} END`;

export function insertStatements(p: RunPlan, runId: string): RunStatement[] {
  const series = sql`${p.seriesId}::int`;
  const run = sql`${runId}::uuid`;
  const cols = sql`run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at`;
  const common = sql`c.level, c.code, c.kind, c.pstart, c.channel`;
  const tail = sql`c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, ${series}, now()`;
  const s: RunStatement[] = [];
  s.push({
    name: "insert-scalars",
    sql: sql`INSERT INTO indicator_value (${cols})
      SELECT ${run}, v.code, ${common}, v.val, ARRAY[]::float8[], ${tail}
        FROM ix_cell c JOIN ix_period ip ON ip.kind = c.kind AND ip.pstart = c.pstart
       CROSS JOIN LATERAL (SELECT ${share(sql`c.wh_ci`, sql`c.wh_cov`)} AS ci_charge, c.peak_wh * 2 / 1000.0 AS peak_kw) d
       CROSS JOIN LATERAL (VALUES
         ('energy_kwh', c.wh / 1000.0),
         ('mean_power_kw', c.wh / 1000.0 / ip.hours),
         ('installed_power_kw', c.kw),
         ('carbon_intensity_charging', d.ci_charge),
         ('carbon_intensity_grid', ip.grid_mean),
         ('carbon_timing_benefit', ip.grid_mean - d.ci_charge),
         ('emissions_t', CASE WHEN c.wh_cov > ${ROUNDING_WH} THEN c.wh_ci / 1e9 END),
         ('carbon_coverage_share', ${share(sql`c.wh_cov`, sql`c.wh`)}),
         ('peak_power_kw', d.peak_kw),
         ('coincidence_factor', d.peak_kw / nullif(c.kw, 0)),
         ('load_factor', c.wh / 1000.0 / nullif(c.kw * ip.hours, 0)),
         ('peak_window_energy_share', CASE WHEN ip.peak_hours > 0 THEN ${share(sql`c.wh_peak`, sql`c.wh`)} END),
         ('peak_window_mean_power_kw', CASE WHEN ip.peak_hours > 0 THEN c.wh_peak / 1000.0 / ip.peak_hours END),
         ('offpeak_energy_share', ${share(sql`c.wh_off`, sql`c.wh`)})) AS v(code, val)
       WHERE c.kind = ANY(${p.kinds}::text[])`,
  });
  // Hourly profiles (load and carbon) are published down to départements: a commune's few
  // stations' hours of charging are close to their users' habits, and protecting them hour by
  // hour would withhold most of the table (docs/decisions/0010).
  s.push({
    name: "insert-profiles",
    sql: sql`INSERT INTO indicator_value (${cols})
      SELECT ${run}, v.code, ${common}, NULL, v.arr, ${tail}
        FROM ix_cell c
        JOIN (SELECT c.id,
                     array_agg(coalesce(h.wd, 0) / 1000.0 / ph.wd_hours ORDER BY ph.lhour) FILTER (WHERE ph.wd_hours IS NOT NULL) AS weekday,
                     array_agg(coalesce(h.we, 0) / 1000.0 / ph.we_hours ORDER BY ph.lhour) FILTER (WHERE ph.we_hours IS NOT NULL) AS weekend,
                     array_agg(h.ci ORDER BY ph.lhour) AS charging
                FROM ix_cell c
                JOIN (SELECT kind, pstart, lhour, max(hours) FILTER (WHERE NOT weekend) AS wd_hours, max(hours) FILTER (WHERE weekend) AS we_hours
                        FROM ix_period_hour GROUP BY 1, 2, 3) ph ON ph.kind = c.kind AND ph.pstart = c.pstart
                LEFT JOIN (SELECT id, lhour, sum(wh) FILTER (WHERE NOT weekend) AS wd, sum(wh) FILTER (WHERE weekend) AS we,
                                  ${share(sql`sum(wh_ci)`, sql`sum(wh_cov)`)} AS ci
                             FROM ix_cellhour GROUP BY 1, 2) h ON h.id = c.id AND h.lhour = ph.lhour
               WHERE c.kind = ANY(${p.kinds}::text[]) AND c.level <> 'commune'
               GROUP BY c.id) pr ON pr.id = c.id
       CROSS JOIN LATERAL (VALUES ('profile_weekday_kw', pr.weekday), ('profile_weekend_kw', pr.weekend),
                                  ('carbon_by_hour_charging', pr.charging)) AS v(code, arr)`,
  });
  s.push({
    name: "insert-grid-by-hour",
    sql: sql`INSERT INTO indicator_value (${cols})
      SELECT ${run}, 'carbon_by_hour_grid', ${common}, NULL, g.arr, ${tail}
        FROM ix_cell c
        JOIN (SELECT kind, pstart, array_agg(ci ORDER BY lhour) AS arr
                FROM (SELECT kind, pstart, lhour, sum(ci_sum) / nullif(sum(ci_n), 0) AS ci FROM ix_period_hour GROUP BY 1, 2, 3) x
               GROUP BY 1, 2) g ON g.kind = c.kind AND g.pstart = c.pstart
       WHERE c.level = 'national' AND c.channel = 'all' AND c.kind = ANY(${p.kinds}::text[])`,
  });
  // 30-minute curves: national (every channel) and régions (all channels together).
  const curve = (level: "national" | "region", table: SqlFragment, on: SqlFragment) => ({
    name: `insert-load-curves-${level}`,
    sql: sql`INSERT INTO indicator_value (${cols})
      SELECT ${run}, 'load_curve_kw', ${common}, NULL, lc.arr, ${tail}
        FROM ix_cell c
        JOIN (SELECT c.id, array_agg(coalesce(CASE c.channel WHEN 'ADVENIR' THEN x.a WHEN 'GIREVE' THEN x.g ELSE x.a + x.g END, 0)
                                     * 2 / 1000.0 ORDER BY s.slot) AS arr
                FROM ix_cell c
                JOIN ix_slot s ON s.month_start = c.pstart
                LEFT JOIN ${table} x ON x.slot = s.slot AND ${on}
               WHERE c.kind = 'month' AND c.level = ${level}::text${level === "region" ? sql` AND c.channel = 'all'` : sql.empty}
               GROUP BY c.id) lc ON lc.id = c.id`,
  });
  if (p.kinds.includes("month") && p.levels.includes("national")) s.push(curve("national", sql`ix_slot_nat`, sql`true`));
  if (p.kinds.includes("month") && p.levels.includes("region")) s.push(curve("region", sql`ix_slot_reg`, sql`x.code = c.code`));
  return s;
}
