import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { INDICATORS } from "@/lib/schemas/indicator-catalogue";
import { profile, readCells, resolveRun, toCell, type Cell, type RunInfo } from "@/lib/indicators/read-cells";
import { parseInput } from "@/lib/schemas/validation";
import { indicatorQuerySchema, type IndicatorQuery } from "@/lib/schemas/indicators";

export interface CarbonByHour {
  run: RunInfo | null;
  periodStart: string | null;
  definitions: { charging: typeof INDICATORS.carbon_by_hour_charging; grid: typeof INDICATORS.carbon_by_hour_grid };
  /** gCO2/kWh for hours 0–23 (Paris time): charging (energy-weighted, this cell) and grid (plain mean, France). */
  charging: Cell<(number | null)[]> | null;
  grid: (number | null)[] | null;
}

/** Carbon intensity of charging against the grid's, by hour of day, for one cell. */
export async function getCarbonByHour(input: IndicatorQuery = {}, options: { prisma?: PrismaClient } = {}): Promise<CarbonByHour> {
  const q = parseInput(indicatorQuerySchema, input);
  const definitions = { charging: INDICATORS.carbon_by_hour_charging, grid: INDICATORS.carbon_by_hour_grid };
  const run = await resolveRun(q, options.prisma);
  if (!run) return { run, periodStart: null, definitions, charging: null, grid: null };
  const rows = await readCells(run.runId, { codes: ["carbon_by_hour_charging"], ...q }, options.prisma);
  const periodStart = q.periodStart ?? rows.at(-1)?.period_start ?? null;
  const own = rows.find((r) => r.period_start === periodStart);
  // The grid's intensity does not depend on the mesh: it is stored once, on the national cell.
  const grid = periodStart
    ? (
        await readCells(
          run.runId,
          { codes: ["carbon_by_hour_grid"], meshLevel: "national", periodKind: q.periodKind, periodStart, channel: "all" },
          options.prisma,
        )
      )[0]
    : undefined;
  return { run, periodStart, definitions, charging: own ? toCell(own, profile) : null, grid: grid && !grid.withheld ? profile(grid) : null };
}
