import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { INDICATORS } from "@/lib/indicators/catalogue";
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
  const [y, m] = row.period_start.split("-").map(Number);
  // Midnight in Paris on the 1st: UTC+1 from November to March, UTC+2 otherwise (change on the last Sunday of March/October, never on the 1st).
  const offset = m >= 4 && m <= 10 ? 2 : 1;
  return { run, definition, periodStart: row.period_start, start: new Date(Date.UTC(y, m - 1, 1) - offset * 3_600_000), cell: toCell(row, profile) };
}
