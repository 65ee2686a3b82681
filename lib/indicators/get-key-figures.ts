import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { INDICATORS, type IndicatorCode, type IndicatorDefinition } from "@/lib/schemas/indicator-catalogue";
import { readCells, resolveRun, scalar, toCell, type Cell, type RunInfo } from "@/lib/indicators/read-cells";
import { parseInput } from "@/lib/schemas/validation";
import { indicatorQuerySchema, type IndicatorQuery } from "@/lib/schemas/indicators";

export const KEY_FIGURE_CODES: IndicatorCode[] = [
  "energy_kwh",
  "carbon_intensity_charging",
  "carbon_intensity_grid",
  "carbon_timing_benefit",
  "emissions_t",
  "carbon_coverage_share",
  "peak_power_kw",
  "mean_power_kw",
  "installed_power_kw",
  "coincidence_factor",
  "load_factor",
  "peak_window_energy_share",
  "peak_window_mean_power_kw",
  "offpeak_energy_share",
];

export interface KeyFigures {
  run: RunInfo | null;
  periodKind: string;
  periodStart: string | null;
  figures: { indicator: IndicatorDefinition; cell: Cell<number | null> }[];
}

/**
 * Key figures of one mesh cell (national by default) for a period (the latest one of the run
 * when none is given). Withheld cells come back as "secret statistique" markers.
 */
export async function getKeyFigures(input: IndicatorQuery = {}, options: { prisma?: PrismaClient } = {}): Promise<KeyFigures> {
  const q = parseInput(indicatorQuerySchema, input);
  const run = await resolveRun(q, options.prisma);
  if (!run) return { run: null, periodKind: q.periodKind, periodStart: q.periodStart ?? null, figures: [] };
  let rows = await readCells(run.runId, { codes: KEY_FIGURE_CODES, ...q }, options.prisma);
  const periodStart = q.periodStart ?? rows.at(-1)?.period_start ?? null;
  rows = rows.filter((r) => r.period_start === periodStart);
  const byCode = new Map(rows.map((r) => [r.indicator_code, r]));
  return {
    run,
    periodKind: q.periodKind,
    periodStart,
    figures: KEY_FIGURE_CODES.filter((c) => byCode.has(c)).map((c) => ({ indicator: INDICATORS[c], cell: toCell(byCode.get(c)!, scalar) })),
  };
}
