import type { PrismaClient } from "@/generated/prisma/client";
import { getEnv } from "@/lib/platform/env";
import { addCalendarDays, parisDay } from "@/lib/platform/time/paris-time";
import { computeQosDays } from "@/lib/quality-of-service/compute-qos-days";

// The nightly job's part (cli/portal-jobs.ts): the two Paris days before today. A status is
// accepted up to 24 hours after its horodatage (QualiCharge's rule), so yesterday may still
// receive some until tonight: it is computed again tomorrow, with the day before it complete.

export const QOS_DAYS_BACK = 2;

export async function dailyQosComputation({ prisma, now }: { prisma: PrismaClient; now: Date }): Promise<string> {
  const today = parisDay(now);
  const fromDay = addCalendarDays(today, -QOS_DAYS_BACK);
  const validitySeconds = getEnv().QOS_STATUS_VALIDITY_HOURS * 3600;
  const r = await computeQosDays({ fromDay, toDay: today, validitySeconds }, { prisma });
  return `Qualité de service du ${fromDay} au ${addCalendarDays(today, -1)} : ${r.pointDays} point(s)-jour(s), ${r.stationDays} station(s)-jour(s), ${r.outages} épisode(s) hors service, en ${r.durationMs} ms.`;
}
