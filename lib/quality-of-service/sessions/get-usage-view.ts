import "server-only";
import type { UsageQuery } from "@/lib/schemas/usage-indicators";
import type { UsageCell, UsageIndicators } from "@/lib/quality-of-service/sessions/compute-usage-indicators";
import { previousMonthDay, usagePeriod, usagePeriodLabel } from "@/lib/quality-of-service/sessions/usage-period";
import { listPublishedUsageMonths, readPublishedUsage, usagePublishableFrom } from "@/lib/quality-of-service/sessions/publish-usage-month";

// What the committee page and its CSV route show for one query: the month's publication
// (publish-usage-month.ts: the figures as published, never recomputed since), the areas of the
// level chosen, and the area chosen (the national cell for the national level). By default, the
// latest month published.

export interface UsageView {
  query: UsageQuery;
  periodLabel: string;
  indicators: UsageIndicators;
  /** Every area of the level, published or withheld, by code. */
  areas: UsageCell[];
  /** The area shown in detail; null when none is chosen, or it has no data in the period. */
  cell: UsageCell | null;
  /** When the month was published. */
  computedAt: Date;
  /** Every month published, newest first ("YYYY-MM-01"). */
  publishedMonths: string[];
}

/** A month not published (yet): when it will be, and the months that are. */
export interface UnpublishedUsage {
  query: UsageQuery;
  periodLabel: string;
  publishableFrom: string;
  publishedMonths: string[];
}

export type UsageViewResult = { published: true; view: UsageView } | { published: false; unpublished: UnpublishedUsage };

export async function getUsageView(query: UsageQuery, now: Date = new Date()): Promise<UsageViewResult> {
  const publishedMonths = await listPublishedUsageMonths();
  const day = query.periode ?? publishedMonths[0] ?? previousMonthDay(now);
  const month = usagePeriod("month", day);
  const indicators = await readPublishedUsage(month.firstDay);
  const periodLabel = usagePeriodLabel(month);
  if (!indicators)
    return {
      published: false,
      unpublished: { query: { ...query, periode: day }, periodLabel, publishableFrom: usagePublishableFrom(month.firstDay), publishedMonths },
    };
  const areas = indicators.cells.filter((c) => c.level === query.maille);
  const code = query.maille === "national" ? "FR" : query.zone?.toUpperCase();
  const cell = code ? (areas.find((c) => c.code.toUpperCase() === code) ?? null) : null;
  return {
    published: true,
    view: { query: { ...query, periode: day }, periodLabel, indicators, areas, cell, computedAt: indicators.publishedAt, publishedMonths },
  };
}
