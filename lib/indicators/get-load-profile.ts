import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { INDICATORS } from "@/lib/schemas/indicator-catalogue";
import { profile, readCells, resolveRun, toCell, type Cell, type RunInfo } from "@/lib/indicators/read-cells";
import { parseInput } from "@/lib/schemas/validation";
import { indicatorQuerySchema, type IndicatorQuery } from "@/lib/schemas/indicators";

export interface LoadProfile {
  run: RunInfo | null;
  periodStart: string | null;
  definitions: { weekday: typeof INDICATORS.profile_weekday_kw; weekend: typeof INDICATORS.profile_weekend_kw };
  /** Mean kW for hours 0–23 (Paris time), weekdays and weekends. */
  weekday: Cell<(number | null)[]> | null;
  weekend: Cell<(number | null)[]> | null;
}

/** Load profile by hour of day, weekday and weekend, of one cell. */
export async function getLoadProfile(input: IndicatorQuery = {}, options: { prisma?: PrismaClient } = {}): Promise<LoadProfile> {
  const q = parseInput(indicatorQuerySchema, input);
  const definitions = { weekday: INDICATORS.profile_weekday_kw, weekend: INDICATORS.profile_weekend_kw };
  const run = await resolveRun(q, options.prisma);
  if (!run) return { run, periodStart: null, definitions, weekday: null, weekend: null };
  const rows = await readCells(run.runId, { codes: ["profile_weekday_kw", "profile_weekend_kw"], ...q }, options.prisma);
  const periodStart = q.periodStart ?? rows.at(-1)?.period_start ?? null;
  const pick = (code: string) => {
    const r = rows.find((x) => x.indicator_code === code && x.period_start === periodStart);
    return r ? toCell(r, profile) : null;
  };
  return { run, periodStart, definitions, weekday: pick("profile_weekday_kw"), weekend: pick("profile_weekend_kw") };
}
