import "server-only";
import type { UsageQuery } from "@/lib/schemas/usage-indicators";
import { computeUsageIndicators, type UsageCell, type UsageIndicators } from "@/lib/quality-of-service/sessions/compute-usage-indicators";
import { previousMonthDay, usagePeriodLabel } from "@/lib/quality-of-service/sessions/usage-period";

// What the committee page and its CSV route show for one query: the period (the last whole month
// by default), the areas of the level chosen, and the area chosen (the national cell for the
// national level). Computed from the stored sessions at each request: one statement.

export interface UsageView {
  query: UsageQuery;
  periodLabel: string;
  indicators: UsageIndicators;
  /** Every area of the level, published or withheld, by code. */
  areas: UsageCell[];
  /** The area shown in detail; null when none is chosen, or it has no data in the period. */
  cell: UsageCell | null;
  computedAt: Date;
}

export async function getUsageView(query: UsageQuery, now: Date = new Date()): Promise<UsageView> {
  const day = query.periode ?? previousMonthDay(now);
  const indicators = await computeUsageIndicators({ kind: query.type, day });
  const areas = indicators.cells.filter((c) => c.level === query.maille);
  const code = query.maille === "national" ? "FR" : query.zone?.toUpperCase();
  const cell = code ? (areas.find((c) => c.code.toUpperCase() === code) ?? null) : null;
  return { query: { ...query, periode: day }, periodLabel: usagePeriodLabel(indicators.period), indicators, areas, cell, computedAt: now };
}
