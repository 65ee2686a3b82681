import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { computeIndicators, type ComputeIndicatorsResult } from "@/lib/indicators/compute-indicators";
import { parisMonth } from "@/lib/platform/time/paris-time";
import { findPurge } from "@/lib/programme/programme-status";
import { AppError, isAppError } from "@/lib/platform/errors";
import { dataMonthRange, monthList, monthsThatWouldEmpty } from "@/lib/indicators/recompute-plan";

/** The confirmation an administrator gives to publish empty months over published ones. */
export const CONFIRM_EMPTY_VALUE = "oui";

/**
 * Recomputes the published indicators: by default over the months that have data (the first to
 * the last month with production data; without any data, from 1 January of the previous year to
 * the end of the current month), every mesh, period and channel, with the carbon series covering
 * the range best. Refused (CONFLICT, on the field "confirm") when the run would replace months
 * published with figures by empty ones, unless `confirmEmpty` (lib/indicators/recompute-plan.ts).
 * For the CLI, the admin page and the daily job.
 */
export async function refreshIndicators(
  input: { computedBy: string; from?: string; to?: string; seriesId?: number; now?: Date; confirmEmpty?: boolean },
  options: { prisma?: PrismaClient } = {},
): Promise<ComputeIndicatorsResult> {
  const prisma = options.prisma ?? (await db());
  const now = input.now ?? new Date();
  const range = await defaultRange(prisma, now);
  const from = input.from ?? range.from;
  const to = input.to ?? range.to;
  if (!input.confirmEmpty && from < to) {
    const emptied = await monthsThatWouldEmpty(prisma, { from, to }, now);
    if (emptied.length > 0) {
      const message = `Ce calcul remplacerait des mois publiés avec des chiffres par des mois vides (plus aucune donnée de production) : ${monthList(emptied)}. Confirmez pour le lancer quand même.`;
      throw new AppError("CONFLICT", message, [{ path: "confirm", message }]);
    }
  }
  return computeIndicators({ from, to, seriesId: input.seriesId, computedBy: input.computedBy }, { prisma });
}

/** The months a recomputation covers when none are given: those that have data. */
export async function defaultRange(prisma: PrismaClient, now = new Date()): Promise<{ from: string; to: string }> {
  const data = await dataMonthRange(prisma);
  if (data) return data;
  const [y, m] = parisMonth(now).split("-").map(Number);
  return { from: `${y - 1}-01`, to: m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}` };
}

/** Hours between two daily recomputations, and how long a full run counts as recent. */
export const DAILY_RECOMPUTE_HOURS = 24;

/**
 * The daily job (cli/portal-jobs.ts, run by one instance): recomputes over the months that
 * have data, unless a full run finished less than half a day ago (an administrator just did it),
 * the programme's data was purged (the published runs are final), or the run would empty
 * published months (that needs an administrator's confirmation). Says what it did.
 */
export async function dailyRecompute(options: { prisma?: PrismaClient; now?: Date } = {}): Promise<string> {
  const prisma = options.prisma ?? (await db());
  const now = options.now ?? new Date();
  const halfDay = (DAILY_RECOMPUTE_HOURS / 2) * 3_600_000;
  if ((await prisma.indicatorRun.count({ where: { scope: "full", finishedAt: { gte: new Date(now.getTime() - halfDay) } } })) > 0) {
    return "Indicateurs : un calcul complet a moins de 12 heures, recalcul quotidien non nécessaire.";
  }
  if (await findPurge(prisma)) return "Indicateurs : programme purgé, les calculs publiés sont définitifs.";
  try {
    const r = await refreshIndicators({ computedBy: "planificateur", now }, { prisma });
    return `Indicateurs recalculés (${r.cellCount} cases, ${r.withheldCount} en secret statistique, ${r.durationMs} ms).`;
  } catch (e) {
    if (isAppError(e) && e.code === "CONFLICT")
      return `Indicateurs non recalculés : ${e.message.replace(" Confirmez pour le lancer quand même.", "")} Un administrateur doit le confirmer.`;
    throw e;
  }
}
