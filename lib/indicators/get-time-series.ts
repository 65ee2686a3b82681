import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { INDICATORS, type IndicatorCode, type IndicatorDefinition } from "@/lib/schemas/indicator-catalogue";
import { readCells, resolveRun, scalar, toCell, type Cell, type RunInfo } from "@/lib/indicators/read-cells";
import { parseInput } from "@/lib/schemas/validation";
import { indicatorCodeSchema, indicatorQuerySchema, type IndicatorQuery } from "@/lib/schemas/indicators";

export interface TimeSeries {
  run: RunInfo | null;
  indicators: IndicatorDefinition[];
  /** One point per period of the run, ascending; one cell per requested indicator. */
  points: { periodStart: string; cells: Partial<Record<IndicatorCode, Cell<number | null>>> }[];
}

/**
 * Scalar indicators of one mesh cell over every period of a kind (months of the run by
 * default). Carbon by month: ["carbon_intensity_charging", "carbon_intensity_grid"]; peak-window
 * shares: ["peak_window_energy_share", "peak_window_mean_power_kw", "offpeak_energy_share"]; load
 * profile by month: ["mean_power_kw"].
 */
export async function getTimeSeries(
  input: Omit<IndicatorQuery, "periodStart"> & { indicators: IndicatorCode[] },
  options: { prisma?: PrismaClient } = {},
): Promise<TimeSeries> {
  const q = parseInput(indicatorQuerySchema, input);
  const codes = input.indicators.map((c) => parseInput(indicatorCodeSchema, c)).filter((c) => INDICATORS[c].kind === "scalar");
  const run = await resolveRun({ ...q, periodStart: undefined }, options.prisma);
  if (!run) return { run, indicators: codes.map((c) => INDICATORS[c]), points: [] };
  const rows = await readCells(run.runId, { codes, ...q, periodStart: undefined }, options.prisma);
  const points = new Map<string, TimeSeries["points"][number]>();
  for (const r of rows) {
    const p = points.get(r.period_start) ?? { periodStart: r.period_start, cells: {} };
    p.cells[r.indicator_code as IndicatorCode] = toCell(r, scalar);
    points.set(r.period_start, p);
  }
  return { run, indicators: codes.map((c) => INDICATORS[c]), points: [...points.values()] };
}

export const CARBON_BY_MONTH: IndicatorCode[] = ["carbon_intensity_charging", "carbon_intensity_grid", "carbon_timing_benefit"];
export const PEAK_WINDOW_SHARES: IndicatorCode[] = ["peak_window_energy_share", "peak_window_mean_power_kw", "offpeak_energy_share"];

/** Carbon intensity of charging against the grid's, month by month. */
export function getCarbonByMonth(input: Omit<IndicatorQuery, "periodStart" | "periodKind"> = {}, options: { prisma?: PrismaClient } = {}) {
  return getTimeSeries({ ...input, periodKind: "month", indicators: CARBON_BY_MONTH }, options);
}

/** Shares of energy in the winter peak windows and off-peak hours, and mean power in the peak windows, by period. */
export function getPeakWindowShares(input: Omit<IndicatorQuery, "periodStart"> = {}, options: { prisma?: PrismaClient } = {}) {
  return getTimeSeries({ ...input, indicators: PEAK_WINDOW_SHARES }, options);
}
