import type { PrismaClient } from "@/generated/prisma/client";
import { addCalendarDays, parisDay } from "@/lib/platform/time/paris-time";
import { computeDataQualityDay } from "@/lib/data-quality/compute-data-quality";

// The nightly job's part (cli/portal-jobs.ts): the two Paris days before today, the older first.
// Statuses are accepted up to 24 hours after their horodatage, so yesterday's may still arrive
// until tonight: it is computed again tomorrow, complete (as the quality of service, daily-qos.ts).

export const DATA_QUALITY_DAYS_BACK = 2;

export async function dailyDataQuality({ prisma, now }: { prisma: PrismaClient; now: Date }): Promise<string> {
  const today = parisDay(now);
  const parts: string[] = [];
  for (let back = DATA_QUALITY_DAYS_BACK; back >= 1; back--) {
    const r = await computeDataQualityDay(addCalendarDays(today, -back), { prisma });
    parts.push(`${r.day} : ${r.results} résultat(s), ${r.failed} règle(s) non respectée(s)`);
  }
  return `Qualité des données — ${parts.join(" ; ")}.`;
}
