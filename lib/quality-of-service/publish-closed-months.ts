import type { PrismaClient } from "@/generated/prisma/client";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { addCalendarDays, parisDay } from "@/lib/platform/time/paris-time";
import { QOS_DAYS_BACK } from "@/lib/quality-of-service/daily-qos";
import { publishQosMonth, type PublishResult } from "@/lib/quality-of-service/publish-qos-month";

// The nightly publication (cli/portal-jobs.ts, after the computation at 04:30): every month that
// has computed days, is closed, and has not been published yet. A month is closed once the
// nightly computation has computed its last day a second time, with the statuses of the day
// after it (daily-qos.ts): QOS_DAYS_BACK days after it ends, so from the 3rd of the next month.

/** The day of the next month on which a month is published ("le 3"). */
export const PUBLICATION_DAY_OF_MONTH = QOS_DAYS_BACK + 1;

/** The first Paris day on which the month starting on `month` may be published. */
export function publishableFrom(month: string): string {
  const next = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 10);
  return addCalendarDays(next, QOS_DAYS_BACK);
}

export async function publishClosedMonths({ prisma, now, publishedBy }: { prisma: PrismaClient; now: Date; publishedBy: string }): Promise<PublishResult[]> {
  const today = parisDay(now);
  const months = await queryRows<{ month: string }>(
    prisma,
    sql`SELECT m.month FROM (SELECT DISTINCT to_char(date_trunc('month', day), 'YYYY-MM-DD') AS month FROM qos_point_day) m
         WHERE NOT EXISTS (SELECT 1 FROM qos_publication p WHERE p.month = m.month::date)
         ORDER BY m.month`,
  );
  const results: PublishResult[] = [];
  for (const { month } of months) if (publishableFrom(month) <= today) results.push(await publishQosMonth({ month, publishedBy }, { prisma }));
  return results;
}

/** The job's line in the admin's list of runs. */
export function describePublications(results: PublishResult[]): string {
  const published = results.filter((r) => r.outcome === "publie");
  if (published.length === 0) return "Aucun mois clos à publier.";
  return `Qualité de service publiée : ${published.map((r) => `${r.month.slice(0, 7)} (${r.cells} cellule(s), dont ${r.withheld} secrète(s))`).join(", ")}.`;
}
