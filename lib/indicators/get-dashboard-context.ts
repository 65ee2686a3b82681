import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { resolveRun, type RunInfo } from "@/lib/indicators/read-cells";
import { listMeshAreas, listPeriods } from "@/lib/indicators/list-periods";
import type { DashboardParams } from "@/lib/indicators/dashboard-params";

export interface DashboardContext {
  run: RunInfo | null;
  /** The parameters actually shown: a period and area that exist in the run. */
  filters: Required<Omit<DashboardParams, "indicator">> & Pick<DashboardParams, "indicator">;
  periods: string[];
  /** Areas of the chosen level with cells in the run (empty for the national level). */
  areas: { code: string; name: string }[];
}

/**
 * Resolves the committee pages' parameters against the latest published run: the period falls
 * back to the latest computed one, the area to the first of its level. Reads only run metadata
 * and the period and area lists (a few hundred rows at most).
 */
export async function getDashboardContext(params: DashboardParams, options: { prisma?: PrismaClient } = {}): Promise<DashboardContext> {
  const run = await resolveRun({ meshLevel: params.meshLevel, periodKind: params.periodKind }, options.prisma);
  const base = { periodKind: params.periodKind, meshLevel: params.meshLevel, channel: params.channel, indicator: params.indicator };
  if (!run) return { run, filters: { ...base, periodStart: "", meshCode: "FR" }, periods: [], areas: [] };
  const [periods, areas] = await Promise.all([
    listPeriods({ runId: run.runId, periodKind: params.periodKind }, options),
    params.meshLevel === "national" ? Promise.resolve([]) : listMeshAreas({ runId: run.runId, meshLevel: params.meshLevel }, options),
  ]);
  const periodStart = params.periodStart && periods.includes(params.periodStart) ? params.periodStart : (periods.at(-1) ?? "");
  const meshCode =
    params.meshLevel === "national" ? "FR" : params.meshCode && areas.some((a) => a.code === params.meshCode) ? params.meshCode : (areas[0]?.code ?? "");
  return { run, filters: { ...base, periodStart, meshCode }, periods, areas };
}
