import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { INDICATORS, SECRET_LABEL, type IndicatorCode } from "@/lib/schemas/indicator-catalogue";
import type { Cell, RunInfo } from "@/lib/indicators/read-cells";
import type { DashboardParams } from "@/lib/indicators/dashboard-params";
import { getDashboardContext, type DashboardContext } from "@/lib/indicators/get-dashboard-context";
import { getKeyFigures } from "@/lib/indicators/get-key-figures";
import { getLoadProfile } from "@/lib/indicators/get-load-profile";
import { getLoadCurve, getPeriodLoadCurve } from "@/lib/indicators/get-load-curve";
import { getCarbonByHour } from "@/lib/indicators/get-carbon-by-hour";
import { getCarbonByMonth, getPeakWindowShares, CARBON_BY_MONTH, PEAK_WINDOW_SHARES } from "@/lib/indicators/get-time-series";
import { getMeshValues } from "@/lib/indicators/get-mesh-values";
import {
  hourProfileTable,
  keyFiguresTable,
  loadCurveTable,
  meshTable,
  periodCurveTable,
  timeSeriesTable,
  type DataTable,
} from "@/lib/indicators/dashboard-tables";

// The committee data as served by /api/indicateurs/<vue>: JSON with published cells only (a
// withheld cell is its label and the kind of secret, nothing else) or the same table as the
// page's CSV. What was asked is served, or refused: a period, area or mesh level that is not
// published for the view is a 404 or 400 with a French message, never another one under its name.

export const INDICATOR_VIEWS = ["chiffres-cles", "profil-de-charge", "courbe-de-charge", "carbone-par-heure", "carbone-par-mois", "pointe", "carte"] as const;
export type IndicatorView = (typeof INDICATOR_VIEWS)[number];

export type PublicCell<T> =
  | { secret: true; label: typeof SECRET_LABEL; reason: "primaire" | "secondaire" }
  | {
      secret: false;
      value: T;
      coverage: { stationsReporting: number; stationsRegistered: number; energyKwh: number; chargeCount: number };
      revision: { revisedAt: string; reason: string; note: string } | null;
    };

/**
 * Rebuilds a cell field by field, so nothing but the published figures can leave: a withheld
 * cell is its label and the kind of secret (primary: too few stations or beneficiaries;
 * secondary: withheld so that the others cannot be deduced), never a count.
 */
export function publicCell<T>(cell: Cell<T> | null | undefined): PublicCell<T> | null {
  if (!cell) return null;
  if (cell.secret) return { secret: true, label: SECRET_LABEL, reason: cell.reason === "secondaire" ? "secondaire" : "primaire" };
  const c = cell.coverage;
  const r = cell.revision;
  return {
    secret: false,
    value: cell.value,
    coverage: { stationsReporting: c.stationsReporting, stationsRegistered: c.stationsRegistered, energyKwh: c.energyKwh, chargeCount: c.chargeCount },
    revision: r ? { revisedAt: r.at.toISOString(), reason: r.reason, note: r.note } : null,
  };
}

function publicRun(run: RunInfo) {
  return {
    id: run.runId,
    computedAt: run.computedAt.toISOString(),
    anonymity: { minStations: run.anonMinStations, minBeneficiaries: run.anonMinBeneficiaries },
    carbonGapHours: run.carbonGapHours,
    carbonSeries: run.series
      ? { name: run.series.name, version: run.series.version, source: run.series.source, licence: run.series.licence, attribution: run.series.attribution }
      : null,
  };
}

export interface IndicatorViewResult {
  run: RunInfo | null;
  context: DashboardContext;
  json: Record<string, unknown>;
  table: DataTable;
  /** What was asked cannot be served: 400 (not computed for this view) or 404 (not published), French message. */
  refused: { status: 400 | 404; message: string } | null;
}

/** Map levels: the national level has no map, the départements are shown instead. */
export function mapLevel(level: DashboardParams["meshLevel"]): "region" | "departement" | "commune" {
  return level === "national" ? "departement" : level;
}

/** Why a view cannot serve these parameters at all (400), or null. */
export function unsupported(view: IndicatorView, params: DashboardParams): string | null {
  if ((view === "profil-de-charge" || view === "carbone-par-heure") && params.meshLevel === "commune") {
    return "Les profils par heure de la journée sont publiés aux mailles nationale, régionale et départementale seulement : ils ne le sont pas pour une commune.";
  }
  if (view === "courbe-de-charge") {
    if (params.meshLevel === "departement" || params.meshLevel === "commune") {
      return "La courbe de charge agrégée est calculée aux mailles nationale et régionale seulement : elle n'existe pas pour un département ou une commune.";
    }
    if (params.meshLevel === "region" && params.channel !== "all") {
      return "La courbe de charge agrégée d'une région est calculée tous canaux confondus seulement : choisissez « Tous les canaux », ou la maille nationale pour un canal.";
    }
  }
  return null;
}

export async function getIndicatorView(view: IndicatorView, params: DashboardParams, options: { prisma?: PrismaClient } = {}): Promise<IndicatorViewResult> {
  const p = view === "carte" ? { ...params, meshLevel: mapLevel(params.meshLevel) } : params;
  const refusal = unsupported(view, p);
  const context = await getDashboardContext(p, options);
  const { filters: f } = context;
  const run = refusal || context.missing ? null : context.run;
  const filters = { periodKind: f.periodKind, periodStart: f.periodStart || null, meshLevel: f.meshLevel, meshCode: f.meshCode, channel: f.channel };
  const refused: IndicatorViewResult["refused"] = refusal
    ? { status: 400, message: refusal }
    : context.missing
      ? { status: 404, message: context.missing }
      : null;
  if (!run)
    return {
      run,
      context,
      json: { run: null, filters, data: null, ...(refused ? { message: refused.message } : {}) },
      table: { columns: [], rows: [] },
      refused,
    };
  const o = { prisma: options.prisma };
  const q = {
    runId: run.runId,
    periodKind: f.periodKind,
    periodStart: f.periodStart || undefined,
    meshLevel: f.meshLevel,
    meshCode: f.meshCode,
    channel: f.channel,
  };
  const out = (data: unknown, table: DataTable): IndicatorViewResult => ({ run, context, json: { run: publicRun(run), filters, data }, table, refused: null });
  switch (view) {
    case "chiffres-cles": {
      const k = await getKeyFigures(q, o);
      const figures = k.figures.map((x) => ({
        code: x.indicator.code,
        label: x.indicator.label,
        unit: x.indicator.unit,
        definition: x.indicator.definition,
        cell: publicCell(x.cell),
      }));
      return out({ periodStart: k.periodStart, figures }, keyFiguresTable(k.figures));
    }
    case "profil-de-charge": {
      const l = await getLoadProfile(q, o);
      return out(
        { periodStart: l.periodStart, weekday: publicCell(l.weekday), weekend: publicCell(l.weekend) },
        hourProfileTable([
          { key: "ouvres", code: "profile_weekday_kw", label: "Jours ouvrés", cell: l.weekday },
          { key: "weekend", code: "profile_weekend_kw", label: "Week-end", cell: l.weekend },
        ]),
      );
    }
    case "courbe-de-charge": {
      // National or région only (unsupported() refused the others).
      const level = f.meshLevel === "region" ? "region" : "national";
      if (f.periodKind !== "month" && q.periodStart) {
        // A quarter or a year at a daily step (mean and 30-minute peak of each day), as the page
        // draws it: 4,000 to 17,500 half-hours are not a readable table (lib/indicators/load-curve-steps.ts).
        const c = await getPeriodLoadCurve(
          { runId: q.runId, periodKind: f.periodKind, periodStart: q.periodStart, meshLevel: level, meshCode: q.meshCode, channel: q.channel },
          o,
        );
        const days = c.points.map((pt) => ({ day: pt.at, meanKw: pt.mean, peakKw: pt.peak ?? null }));
        return out(
          { periodStart: q.periodStart, step: "day", months: c.months.map((mo) => ({ periodStart: mo.periodStart, secret: mo.cell.secret })), days },
          periodCurveTable(c),
        );
      }
      const c = await getLoadCurve({ runId: q.runId, periodStart: q.periodStart, meshLevel: level, meshCode: q.meshCode, channel: q.channel }, o);
      return out(
        { periodStart: c.periodStart, start: c.start?.toISOString() ?? null, stepMinutes: 30, cell: publicCell(c.cell) },
        loadCurveTable(c.start, c.cell),
      );
    }
    case "carbone-par-heure": {
      const c = await getCarbonByHour(q, o);
      const grid = c.grid
        ? { secret: false as const, value: c.grid, coverage: { stationsReporting: 0, stationsRegistered: 0, energyKwh: 0, chargeCount: 0 }, revision: null }
        : null;
      return out(
        { periodStart: c.periodStart, charging: publicCell(c.charging), grid: c.grid },
        hourProfileTable([
          { key: "recharge", code: "carbon_by_hour_charging", label: "Recharge", cell: c.charging },
          { key: "reseau", code: "carbon_by_hour_grid", label: "Réseau", cell: grid as Cell<(number | null)[]> | null },
        ]),
      );
    }
    case "carbone-par-mois": {
      const s = await getCarbonByMonth({ runId: q.runId, meshLevel: q.meshLevel, meshCode: q.meshCode, channel: q.channel }, o);
      return out({ points: s.points.map(publicPoint) }, timeSeriesTable("month", CARBON_BY_MONTH, s.points));
    }
    case "pointe": {
      const s = await getPeakWindowShares({ runId: q.runId, periodKind: q.periodKind, meshLevel: q.meshLevel, meshCode: q.meshCode, channel: q.channel }, o);
      return out({ points: s.points.map(publicPoint) }, timeSeriesTable(q.periodKind, PEAK_WINDOW_SHARES, s.points));
    }
    case "carte": {
      const code: IndicatorCode = f.indicator && INDICATORS[f.indicator].kind === "scalar" ? f.indicator : "energy_kwh";
      const m = await getMeshValues(
        { runId: q.runId, indicator: code, meshLevel: mapLevel(f.meshLevel), periodKind: q.periodKind, periodStart: q.periodStart, channel: q.channel },
        o,
      );
      return out(
        { indicator: code, periodStart: m.periodStart, areas: m.areas.map((a) => ({ code: a.code, name: a.name, cell: publicCell(a.cell) })) },
        meshTable(code, m.areas),
      );
    }
  }
}

function publicPoint(p: { periodStart: string; cells: Partial<Record<IndicatorCode, Cell<number | null>>> }) {
  return { periodStart: p.periodStart, cells: Object.fromEntries(Object.entries(p.cells).map(([k, c]) => [k, publicCell(c)])) };
}
