import type { PrismaClient } from "@/generated/prisma/client";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { INDICATOR_CODES, MESH_LEVELS, PERIOD_KINDS, CHANNELS, INDICATORS, type IndicatorCode } from "@/lib/schemas/indicator-catalogue";
import { publishedRowSql, readCells, toCell, scalar, profile, type CellRow } from "@/lib/indicators/read-cells";
import { getIndicatorView, INDICATOR_VIEWS, unsupported, type IndicatorView } from "@/lib/indicators/get-indicator-view";
import { listPublishedPeriods } from "@/lib/indicators/list-periods";
import { parseDashboardParams } from "@/lib/indicators/dashboard-params";
import { attack, cellKey, measuresOf, type AuditResult, type Kind, type Level, type ReadCell } from "@/lib/indicators/audit/attack";

// What a comité member can read, read the way the pages and the APIs read it: every figure of
// every published run through readCells (the one read path of the committee pages, the JSON and
// CSV APIs and the map, which serves a run only for the years it is published for), then every
// view of /api/indicateurs over a spread of parameters, checking that the views show nothing
// that readCells did not (a view that computed a new figure, or read a run another way, fails
// here and must teach the auditor its figure).

export interface Harvest {
  cells: ReadCell[];
  runs: string[];
}

function groupRows(rows: CellRow[]): ReadCell[] {
  const byCell = new Map<string, ReadCell>();
  for (const r of rows) {
    const base = { level: r.mesh_level as Level, code: r.mesh_code, kind: r.period_kind as Kind, pstart: r.period_start, channel: r.channel };
    const k = cellKey(base);
    let c = byCell.get(k);
    if (!c) {
      c = { ...base, secret: r.withheld, values: {}, series: {} };
      byCell.set(k, c);
    }
    const code = r.indicator_code as IndicatorCode;
    const cell = toCell<number | null | (number | null)[]>(r, INDICATORS[code].kind === "scalar" ? scalar : profile);
    if (cell.secret) {
      c.secret = true;
      c.reason = cell.reason;
      continue;
    }
    if (INDICATORS[code].kind === "scalar") c.values[code] = cell.value as number | null;
    else c.series[code] = cell.value as unknown as (number | null)[];
    c.coverage = cell.coverage;
  }
  return [...byCell.values()];
}

/** Every published figure, through readCells, run by run (each for the years it is published for). */
export async function readEverythingPublished(prisma: PrismaClient): Promise<Harvest> {
  const runs = await prisma.indicatorRun.findMany({
    where: { scope: "full", finishedAt: { not: null } },
    select: { id: true },
    orderBy: { finishedAt: "asc" },
  });
  const cells: ReadCell[] = [];
  const seen = new Set<string>();
  const used: string[] = [];
  for (const run of runs) {
    const rows = await readCells(run.id, { codes: [...INDICATOR_CODES] }, prisma);
    if (rows.length > 0) used.push(run.id);
    for (const c of groupRows(rows)) {
      const k = cellKey(c);
      // One run per year: two runs never both serve a cell.
      if (seen.has(k)) throw new Error(`cell ${k} served by two runs`);
      seen.add(k);
      cells.push(c);
    }
  }
  return { cells, runs: used };
}

/** A withheld cell's stored row: its figures and its coverage, never null for a computed cell. */
type TruthRow = Pick<CellRow, "indicator_code" | "mesh_level" | "mesh_code" | "period_kind" | "period_start" | "channel" | "value" | "series"> & {
  stations_reporting: number;
  stations_registered: number;
  energy_wh: number;
  charge_count: number;
};

/** The real figures of the withheld cells (the judge's oracle, never the attacker's). */
export async function truthOfWithheld(prisma: PrismaClient, runs: string[]): Promise<Map<string, Map<string, number | null>>> {
  const rows = [];
  for (const run of runs)
    rows.push(
      ...(await queryRows<TruthRow>(
        prisma,
        sql`SELECT indicator_code, mesh_level, mesh_code, period_kind, to_char(period_start, 'YYYY-MM-DD') AS period_start, channel, value, series,
            stations_reporting, stations_registered, energy_wh, charge_count
       FROM indicator_value WHERE run_id = ${run}::uuid AND withheld AND ${publishedRowSql(run)}`,
      )),
    );
  const cells = new Map<string, Pick<ReadCell, "kind" | "pstart" | "values" | "series" | "coverage">>();
  for (const r of rows) {
    const k = cellKey({ level: r.mesh_level, code: r.mesh_code, kind: r.period_kind, pstart: r.period_start, channel: r.channel });
    const c = cells.get(k) ?? { kind: r.period_kind as Kind, pstart: r.period_start, values: {}, series: {} };
    if (INDICATORS[r.indicator_code as IndicatorCode].kind === "scalar") c.values[r.indicator_code] = r.value;
    else c.series[r.indicator_code] = r.series ?? [];
    c.coverage = {
      stationsReporting: r.stations_reporting,
      stationsRegistered: r.stations_registered,
      energyKwh: r.energy_wh / 1000,
      chargeCount: r.charge_count,
    };
    cells.set(k, c);
  }
  return new Map([...cells].map(([k, c]) => [k, measuresOf(c)]));
}

/** Public geography: the parent of a mesh. */
export async function meshParents(prisma: PrismaClient): Promise<(level: Level, code: string) => { level: Level; code: string } | null> {
  const communes = new Map(
    (await prisma.commune.findMany({ select: { inseeCode: true, departementCode: true } })).map((c) => [c.inseeCode, c.departementCode]),
  );
  const deps = new Map((await prisma.departement.findMany({ select: { code: true, regionCode: true } })).map((d) => [d.code, d.regionCode]));
  return (level, code) => {
    if (level === "commune") {
      const d = communes.get(code);
      return d ? { level: "departement", code: d } : null;
    }
    if (level === "departement") {
      const r = deps.get(code);
      return r ? { level: "region", code: r } : null;
    }
    if (level === "region") return { level: "national", code: "FR" };
    return null;
  };
}

const close = (a: number | null | undefined, b: number | null | undefined) =>
  a === b || (typeof a === "number" && typeof b === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

/**
 * Every view of /api/indicateurs (JSON, the CSV's table is built from the same cells) over every
 * mesh level, for a spread of periods, areas and channels (the newest and oldest published
 * period of each kind, the first area and two withheld areas of the level, every channel
 * nationally): every figure shown
 * must be one read by readCells, equal, and every withheld cell shown as withheld. Returns the
 * mismatches (empty when the views add nothing).
 */
export async function checkViewsShowNothingElse(prisma: PrismaClient, harvest: Harvest): Promise<string[]> {
  const byKey = new Map(harvest.cells.map((c) => [cellKey(c), c]));
  const problems: string[] = [];
  const check = (where: string, k: { level: string; code: string; kind: string; pstart: string; channel: string }, code: string, cell: unknown) => {
    if (cell === null || cell === undefined) return;
    const c = cell as { secret: boolean; value?: unknown; coverage?: ReadCell["coverage"] };
    const read = byKey.get(cellKey(k));
    if (!read) return problems.push(`${where}: ${cellKey(k)} ${code} shown but not read`);
    if (c.secret !== read.secret) return problems.push(`${where}: ${cellKey(k)} ${code} secret ${c.secret} but read ${read.secret}`);
    if (c.secret) {
      if (Object.keys(c).some((x) => !["secret", "label", "reason"].includes(x))) problems.push(`${where}: ${cellKey(k)} withheld with ${JSON.stringify(c)}`);
      return;
    }
    const expected = INDICATORS[code as IndicatorCode].kind === "scalar" ? read.values[code] : read.series[code];
    const ok = Array.isArray(expected)
      ? Array.isArray(c.value) && c.value.length === expected.length && expected.every((x, i) => close(x, (c.value as number[])[i]))
      : close(expected as number, c.value as number);
    if (!ok) problems.push(`${where}: ${cellKey(k)} ${code} shows ${JSON.stringify(c.value)?.slice(0, 80)} but read ${JSON.stringify(expected)?.slice(0, 80)}`);
    const cov = read.coverage!;
    if (c.coverage && JSON.stringify(c.coverage) !== JSON.stringify(cov))
      problems.push(`${where}: ${cellKey(k)} coverage ${JSON.stringify(c.coverage)} but read ${JSON.stringify(cov)}`);
  };
  for (const kind of PERIOD_KINDS) {
    const periods = await listPublishedPeriods({ periodKind: kind }, { prisma });
    const sample = [...new Set([periods[0], periods.at(-1)].filter(Boolean))] as string[];
    for (const periode of sample) {
      for (const level of MESH_LEVELS) {
        const withheldAreas = harvest.cells.filter((c) => c.level === level && c.kind === kind && c.pstart === periode && c.secret).map((c) => c.code);
        const areas =
          level === "national"
            ? ["FR"]
            : ([
                ...new Set(
                  [harvest.cells.find((c) => c.level === level && c.kind === kind && c.pstart === periode)?.code, ...withheldAreas.slice(0, 2)].filter(Boolean),
                ),
              ] as string[]);
        for (const zone of areas) {
          for (const canal of level === "national" ? CHANNELS : (["all"] as const)) {
            for (const vue of INDICATOR_VIEWS as readonly IndicatorView[]) {
              const params = parseDashboardParams({ type: kind, periode, maille: level, zone, canal });
              if (unsupported(vue, params)) continue;
              const v = await getIndicatorView(vue, params, { prisma });
              if (v.refused) continue;
              const f = v.json.filters as { periodKind: Kind; periodStart: string; meshLevel: Level; meshCode: string; channel: string };
              const at = { level: f.meshLevel, code: f.meshCode, kind: f.periodKind, pstart: f.periodStart, channel: f.channel };
              const where = `${vue}?${new URLSearchParams({ type: kind, periode, maille: level, zone, canal })}`;
              const d = v.json.data as Record<string, unknown> | null;
              if (!d) continue;
              if (vue === "chiffres-cles") for (const x of d.figures as { code: string; cell: unknown }[]) check(where, at, x.code, x.cell);
              if (vue === "profil-de-charge") {
                check(where, at, "profile_weekday_kw", d.weekday);
                check(where, at, "profile_weekend_kw", d.weekend);
              }
              if (vue === "courbe-de-charge") check(where, at, "load_curve_kw", d.cell);
              if (vue === "carbone-par-heure") check(where, at, "carbon_by_hour_charging", d.charging);
              if (vue === "carbone-par-mois" || vue === "pointe") {
                const pk = vue === "carbone-par-mois" ? "month" : kind;
                for (const p of d.points as { periodStart: string; cells: Record<string, unknown> }[]) {
                  for (const [code, cell] of Object.entries(p.cells)) check(where, { ...at, kind: pk, pstart: p.periodStart }, code, cell);
                }
              }
              if (vue === "carte") {
                for (const a of d.areas as { code: string; cell: unknown }[]) check(where, { ...at, code: a.code }, d.indicator as string, a.cell);
              }
            }
          }
        }
      }
    }
  }
  return problems;
}

/** Reads everything, attacks it. */
export async function auditPublishedFigures(prisma: PrismaClient): Promise<AuditResult & { harvest: Harvest }> {
  const harvest = await readEverythingPublished(prisma);
  const truth = await truthOfWithheld(prisma, harvest.runs);
  const result = attack({ cells: harvest.cells, meshParent: await meshParents(prisma), truth });
  return { ...result, harvest };
}
