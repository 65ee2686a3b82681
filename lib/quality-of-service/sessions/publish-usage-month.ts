import { createHash } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { execute, queryRows, sql, type RawQueryClient } from "@/lib/platform/db/sql";
import { addCalendarDays, parisDay } from "@/lib/platform/time/paris-time";
import { computeUsageIndicators, type UsageCell, type UsageIndicators } from "@/lib/quality-of-service/sessions/compute-usage-indicators";
import { usagePeriod } from "@/lib/quality-of-service/sessions/usage-period";
// The same outcomes and result as the quality of service's publication.
import type { PublishOutcome, PublishResult } from "@/lib/quality-of-service/publish-qos-month";

// Publication of one Paris month's usage indicators (docs/decisions/0031-usage-publication.md):
// the committee reads the month as it was published, never recomputed from sessions received
// since: a figure that moved with each late session would give that session (one owner's) as the
// difference of two readings. A month is published once, from the 16th of the next month (sessions
// are to be sent within 15 days of their end); publishing it again is a deliberate act (`replace`)
// that keeps the earlier publication, marked as superseded, and does nothing when the figures
// have not changed.

/** The day of the next month from which a month's usage is published: sessions have 15 days to arrive. */
export const USAGE_PUBLICATION_DAY_OF_MONTH = 16;
/** How far back the nightly job looks for closed months not published yet. */
export const USAGE_PUBLICATION_MONTHS_BACK = 12;

/** The first Paris day on which the month starting on `month` ("YYYY-MM-01") may be published. */
export function usagePublishableFrom(month: string): string {
  return addCalendarDays(usagePeriod("month", month).nextDay, USAGE_PUBLICATION_DAY_OF_MONTH - 1);
}

const digest = (cells: UsageCell[]) => createHash("sha256").update(JSON.stringify(cells)).digest("hex");

/**
 * Publishes the month starting on `month` ("YYYY-MM-01"). Without `replace`, a month already
 * published is left as it is. The figures are computed in the publishing transaction, which one
 * publisher at a time holds, so that two simultaneous publications store one.
 */
export async function publishUsageMonth(
  input: { month: string; publishedBy: string; replace?: boolean },
  options: { prisma?: PrismaClient } = {},
): Promise<PublishResult> {
  const period = usagePeriod("month", input.month);
  if (period.firstDay !== input.month) throw new Error(`Mois attendu au format AAAA-MM-01 : ${input.month}`);
  const prisma = options.prisma ?? (await db());
  return prisma.$transaction(
    async (tx) => {
      await execute(tx, sql`SET LOCAL jit = off`);
      await execute(tx, sql`LOCK TABLE usage_publication IN SHARE ROW EXCLUSIVE MODE`);
      const [current] = await queryRows<{ id: string; content_sha256: string; cell_count: number; withheld_count: number }>(
        tx,
        sql`SELECT id, content_sha256, cell_count, withheld_count FROM usage_publication WHERE month = ${input.month}::date AND superseded_at IS NULL`,
      );
      const kept = (outcome: PublishOutcome): PublishResult => ({
        month: input.month,
        outcome,
        publicationId: current!.id,
        cells: current!.cell_count,
        withheld: current!.withheld_count,
      });
      if (current && !input.replace) return kept("deja_publie");
      const indicators = await computeUsageIndicators({ kind: "month", day: input.month }, { client: tx });
      if (!indicators.reportingStations) return { month: input.month, outcome: "sans_donnees", publicationId: null, cells: 0, withheld: 0 };
      const sha = digest(indicators.cells);
      if (current && current.content_sha256 === sha) return kept("inchange");
      if (current) await execute(tx, sql`UPDATE usage_publication SET superseded_at = now() WHERE id = ${current.id}::uuid`);
      const withheld = indicators.cells.filter((c) => c.secret).length;
      const [{ id }] = await queryRows<{ id: string }>(
        tx,
        sql`INSERT INTO usage_publication (month, published_by, anon_min_stations, anon_min_owners, cell_count, withheld_count, cells, content_sha256)
            VALUES (${input.month}::date, ${input.publishedBy}, ${indicators.thresholds.minStations}, ${indicators.thresholds.minBeneficiaries},
                    ${indicators.cells.length}, ${withheld}, ${JSON.stringify(indicators.cells)}::jsonb, ${sha})
            RETURNING id`,
      );
      return { month: input.month, outcome: current ? "remplace" : "publie", publicationId: id, cells: indicators.cells.length, withheld };
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}

/** A month's usage indicators as published, with the publication's date; null when not published. */
export async function readPublishedUsage(month: string, client?: RawQueryClient): Promise<(UsageIndicators & { publishedAt: Date }) | null> {
  const [row] = await queryRows<{ cells: UsageCell[]; min_stations: number; min_owners: number; published_at: Date }>(
    client ?? (await db()),
    sql`SELECT cells, anon_min_stations AS min_stations, anon_min_owners AS min_owners, published_at
          FROM usage_publication WHERE month = ${month}::date AND superseded_at IS NULL`,
  );
  if (!row) return null;
  return {
    period: usagePeriod("month", month),
    thresholds: { minStations: row.min_stations, minBeneficiaries: row.min_owners },
    cells: row.cells,
    reportingStations: null,
    publishedAt: new Date(row.published_at),
  };
}

/** The months published, newest first ("YYYY-MM-01"). */
export async function listPublishedUsageMonths(client?: RawQueryClient): Promise<string[]> {
  const rows = await queryRows<{ month: string }>(
    client ?? (await db()),
    sql`SELECT to_char(month, 'YYYY-MM-DD') AS month FROM usage_publication WHERE superseded_at IS NULL ORDER BY month DESC`,
  );
  return rows.map((r) => r.month);
}

/** The nightly publication: the closed months of the last year not published yet, oldest first. */
export async function publishClosedUsageMonths({ prisma, now, publishedBy }: { prisma: PrismaClient; now: Date; publishedBy: string }) {
  const today = parisDay(now);
  const published = new Set(await listPublishedUsageMonths(prisma));
  const results: PublishResult[] = [];
  let month = usagePeriod("month", today).firstDay;
  const months: string[] = [];
  for (let i = 0; i < USAGE_PUBLICATION_MONTHS_BACK; i++) {
    month = usagePeriod("month", addCalendarDays(month, -1)).firstDay;
    months.unshift(month);
  }
  for (const m of months)
    if (!published.has(m) && usagePublishableFrom(m) <= today) results.push(await publishUsageMonth({ month: m, publishedBy }, { prisma }));
  return results;
}

/** The job's line in the admin's list of runs. */
export function describeUsagePublications(results: PublishResult[]): string {
  const published = results.filter((r) => r.outcome === "publie");
  if (published.length === 0) return "Aucun mois clos d'indicateurs d'usage à publier.";
  return `Indicateurs d'usage publiés : ${published.map((r) => `${r.month.slice(0, 7)} (${r.cells} cellule(s), dont ${r.withheld} secrète(s))`).join(", ")}.`;
}
