import type { PrismaClient } from "@/generated/prisma/client";
import { resolveMonths, wholeYears } from "@/lib/indicators/resolve-period";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { publishedForYearSql } from "@/lib/indicators/sql/revisions";
import { periodLabel } from "@/lib/indicators/dashboard-params";

// What a recomputation would do before it runs (the admin's "Recalculer maintenant", the daily
// job): its default months are those that have data, and it must not silently replace published
// months with empty ones — a month published with figures whose data is no longer there (data
// deleted, a range typed by mistake over the wrong years) would disappear from the committee's
// pages. Such a run needs an explicit confirmation; the daily job never confirms.

/** Months "AAAA-MM" of production charging data: from the first one to the one after the last. */
export async function dataMonthRange(prisma: PrismaClient): Promise<{ from: string; to: string } | null> {
  const [row] = await queryRows<{ first: string | null; last: string | null }>(
    prisma,
    sql`SELECT to_char(min(first_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS first,
            to_char(max(last_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS last
       FROM (SELECT min(start_at) AS first_at, max(start_at) AS last_at FROM charge_operation WHERE env = 'production'
             UNION ALL
             SELECT min(start_at), max(start_at) FROM load_curve WHERE env = 'production') t`,
  );
  if (!row?.first || !row.last) return null;
  const [y, m] = row.last.split("-").map(Number);
  return { from: row.first, to: m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}` };
}

/**
 * Months published with figures, in the whole years a run of [from, to) would cover, that have
 * no production data any more: the run would publish them empty. "AAAA-MM-01", ascending.
 */
export async function monthsThatWouldEmpty(prisma: PrismaClient, range: { from: string; to: string }, now = new Date()): Promise<string[]> {
  const years = wholeYears(resolveMonths(range.from, range.to), now);
  // The months the committee's pages serve with figures (lib/indicators/list-periods.ts: listPublishedPeriods).
  const published = (
    await queryRows<{ p: string }>(
      prisma,
      sql`SELECT DISTINCT to_char(v.period_start, 'YYYY-MM-DD') AS p
         FROM indicator_run r JOIN indicator_value v ON v.run_id = r.id
        WHERE r.scope = 'full' AND r.finished_at IS NOT NULL
          AND v.mesh_level = 'national' AND v.period_kind = 'month' AND v.indicator_code = 'energy_kwh'
          AND v.period_start >= ${years.firstMonth}::date AND v.period_start < ${years.endMonth}::date
          AND ${publishedForYearSql("r", sql`date_trunc('year', v.period_start::timestamp)`)}
        ORDER BY 1`,
    )
  ).map((r) => r.p);
  if (published.length === 0) return [];
  const from = sql`(${years.firstMonth}::date::timestamp AT TIME ZONE 'Europe/Paris')`;
  const to = sql`(${years.endMonth}::date::timestamp AT TIME ZONE 'Europe/Paris')`;
  const withData = await queryRows<{ m: string }>(
    prisma,
    sql`SELECT DISTINCT to_char(date_trunc('month', start_at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD') AS m FROM charge_operation
      WHERE env = 'production' AND start_at >= ${from} AND start_at < ${to}
     UNION
     SELECT DISTINCT to_char(date_trunc('month', start_at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD') FROM load_curve
      WHERE env = 'production' AND start_at >= ${from} AND start_at < ${to}`,
  );
  const has = new Set(withData.map((r) => r.m));
  return published.filter((p) => !has.has(p));
}

/** "janvier 2023, février 2023" (the first `max`, then how many more). */
export function monthList(months: string[], max = 6): string {
  const shown = months.slice(0, max).map((m) => periodLabel("month", m));
  return months.length > max ? `${shown.join(", ")} et ${months.length - max} autre(s)` : shown.join(", ");
}
