import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { computeIndicators, type ComputeIndicatorsResult } from "@/lib/indicators/compute-indicators";
import { parisWallClock } from "@/lib/carbon/paris-time";
import { findPurge } from "@/lib/programme/programme-status";

/**
 * Recomputes the published indicators: by default from 1 January of the previous year to the end
 * of the current month (Paris calendar), every mesh, period and channel, with the carbon series
 * covering the range best. For the CLI (`indicateurs recalculer`) and the admin page.
 */
export async function refreshIndicators(
  input: { computedBy: string; from?: string; to?: string; seriesId?: number; now?: Date },
  options: { prisma?: PrismaClient } = {},
): Promise<ComputeIndicatorsResult> {
  const today = parisWallClock((input.now ?? new Date()).getTime()).slice(0, 10);
  const [y, m] = today.split("-").map(Number);
  const from = input.from ?? `${y - 1}-01`;
  const to = input.to ?? (m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`);
  return computeIndicators({ from, to, seriesId: input.seriesId, computedBy: input.computedBy }, options);
}

const g = globalThis as unknown as { __advenirIndicatorTimer?: NodeJS.Timeout; __advenirIndicatorBusy?: boolean };

/**
 * Periodic refresh for the server: every `intervalHours`, unless a full run finished less than
 * half an interval ago (another process of the portal did it) or a refresh is still running here.
 * Returns a function that stops the schedule. Errors are logged, never thrown.
 */
export function startIndicatorSchedule(options: { intervalHours?: number; firstDelayMs?: number; log?: (message: string) => void } = {}): () => void {
  const intervalMs = (options.intervalHours ?? 24) * 3_600_000;
  const log = options.log ?? ((message: string) => console.log(message));
  const tick = async () => {
    if (g.__advenirIndicatorBusy) return;
    g.__advenirIndicatorBusy = true;
    try {
      const prisma = await db();
      const recent = await prisma.indicatorRun.count({
        where: { scope: "full", finishedAt: { gte: new Date(Date.now() - intervalMs / 2) } },
      });
      if (recent > 0) return;
      if (await findPurge(prisma)) return; // programme over: the published runs are final
      const r = await refreshIndicators({ computedBy: "planificateur" }, { prisma });
      log(`Indicateurs recalculés (${r.cellCount} cases, ${r.withheldCount} en secret statistique, ${r.durationMs} ms).`);
    } catch (e) {
      log(`Recalcul planifié des indicateurs en échec : ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      g.__advenirIndicatorBusy = false;
    }
  };
  if (g.__advenirIndicatorTimer) clearInterval(g.__advenirIndicatorTimer);
  const first = setTimeout(() => void tick(), options.firstDelayMs ?? 60_000);
  first.unref();
  g.__advenirIndicatorTimer = setInterval(() => void tick(), intervalMs);
  g.__advenirIndicatorTimer.unref();
  return () => {
    clearTimeout(first);
    if (g.__advenirIndicatorTimer) clearInterval(g.__advenirIndicatorTimer);
    g.__advenirIndicatorTimer = undefined;
  };
}
