import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { INDICATORS, type IndicatorChannel, type PeriodKind } from "@/lib/schemas/indicator-catalogue";
import { curvePoints, curveStepFor, monthStartUtc, type CurvePoint, type CurveStep } from "@/lib/indicators/load-curve-steps";
import { profile, readCells, resolveRun, toCell, type Cell, type RunInfo } from "@/lib/indicators/read-cells";
import { parseInput } from "@/lib/schemas/validation";
import { indicatorQuerySchema, type IndicatorQuery } from "@/lib/schemas/indicators";

export interface LoadCurve {
  run: RunInfo | null;
  definition: typeof INDICATORS.load_curve_kw;
  periodStart: string | null;
  /** UTC instant of the first 30-minute step; step i starts at start + i × 30 min. */
  start: Date | null;
  cell: Cell<(number | null)[]> | null;
}

/** Aggregated 30-minute load curve (kW) of a month: national mesh (any channel) or a région (channel "all"). */
export async function getLoadCurve(
  input: Omit<IndicatorQuery, "periodKind"> & { meshLevel?: "national" | "region" } = {},
  options: { prisma?: PrismaClient } = {},
): Promise<LoadCurve> {
  const q = parseInput(indicatorQuerySchema, { ...input, periodKind: "month" });
  const definition = INDICATORS.load_curve_kw;
  const run = await resolveRun(q, options.prisma);
  if (!run) return { run, definition, periodStart: null, start: null, cell: null };
  const rows = await readCells(run.runId, { codes: ["load_curve_kw"], ...q }, options.prisma);
  const row = q.periodStart ? rows.find((r) => r.period_start === q.periodStart) : rows.at(-1);
  if (!row) return { run, definition, periodStart: q.periodStart ?? null, start: null, cell: null };
  return { run, definition, periodStart: row.period_start, start: new Date(monthStartUtc(row.period_start)), cell: toCell(row, profile) };
}

export interface PeriodLoadCurve {
  definition: typeof INDICATORS.load_curve_kw;
  step: CurveStep;
  /** The period's months with a curve in the run (withheld ones included, as markers). */
  months: { periodStart: string; cell: Cell<(number | null)[]> }[];
  points: CurvePoint[];
}

/**
 * The load curve of a month, quarter or year (national, or a région for every channel): the
 * months of the period published by the run, drawn at 30 minutes for a month and day by day
 * (mean and peak) for longer periods (lib/indicators/load-curve-steps.ts).
 */
export async function getPeriodLoadCurve(
  input: { runId: string; periodKind: PeriodKind; periodStart: string; meshLevel: "national" | "region"; meshCode?: string; channel: IndicatorChannel },
  options: { prisma?: PrismaClient } = {},
): Promise<PeriodLoadCurve> {
  const [y, m] = input.periodStart.split("-").map(Number);
  const count = input.periodKind === "year" ? 12 : input.periodKind === "quarter" ? 3 : 1;
  const wanted = new Set(Array.from({ length: count }, (_, i) => `${y + Math.floor((m - 1 + i) / 12)}-${String(((m - 1 + i) % 12) + 1).padStart(2, "0")}-01`));
  const rows = await readCells(
    input.runId,
    {
      codes: ["load_curve_kw"],
      periodKind: "month",
      meshLevel: input.meshLevel,
      meshCode: input.meshLevel === "national" ? "FR" : input.meshCode,
      channel: input.channel,
    },
    options.prisma,
  );
  const months = rows.filter((r) => wanted.has(r.period_start)).map((r) => ({ periodStart: r.period_start, cell: toCell(r, profile) }));
  const step = curveStepFor(input.periodKind);
  const points = curvePoints(
    months.map((mo) => ({ periodStart: mo.periodStart, values: mo.cell.secret ? null : mo.cell.value })),
    step,
  );
  return { definition: INDICATORS.load_curve_kw, step, months, points };
}
