import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { INDICATORS, type IndicatorCode, type IndicatorDefinition } from "@/lib/schemas/indicator-catalogue";
import { readCells, resolveRun, scalar, toCell, type Cell, type RunInfo } from "@/lib/indicators/read-cells";
import { listPublishedPeriods } from "@/lib/indicators/list-periods";
import { revisionNote } from "@/lib/indicators/revisions";
import { trendOf, type Trend } from "@/lib/indicators/home-trend";
import { queryRows, sql } from "@/lib/platform/db/sql";

// The committee's home (issue 15): what a member reads every week. The latest published month's
// national key figures with their trend against the same month a year earlier, the newest run
// and its coverage, and what changed since the run before it (periods newly published, figures
// revised). Everything is read through readCells (withheld figures never leave the database) or
// counted over published cells only: nothing here derives a withheld figure.

export const HOME_FIGURES: IndicatorCode[] = [
  "energy_kwh",
  "carbon_intensity_charging",
  "carbon_intensity_grid",
  "emissions_t",
  "peak_power_kw",
  "peak_window_energy_share",
  "offpeak_energy_share",
];

export interface HomeFigure {
  indicator: IndicatorDefinition;
  cell: Cell<number | null> | null;
  previous: Cell<number | null> | null;
  trend: Trend;
}

export interface CommitteeHome {
  /** The newest published run, or null before any. */
  run: RunInfo | null;
  /** The latest published month ("YYYY-MM-01"), and the same month a year earlier. */
  periodStart: string | null;
  previousYearStart: string | null;
  figures: HomeFigure[];
  /** Changes brought by the newest run against the run before it. */
  changes: {
    previousRunAt: Date | null;
    /** Months published by the newest run that the run before it did not have. */
    newPeriods: string[];
    /**
     * Published figures of the newest run that it revised, national, regional and departmental
     * (every period and channel): communes, the bulk of a run's rows, are left out so that the
     * home reads through the (run, mesh level) index instead of the whole run.
     */
    revisedCount: number;
    /** The national ones among them (all channels), latest first, at most 10. */
    revisedNational: { indicator: IndicatorDefinition; periodKind: string; periodStart: string; note: string }[];
  };
}

function yearBefore(periodStart: string): string {
  return `${Number(periodStart.slice(0, 4)) - 1}${periodStart.slice(4)}`;
}

async function nationalFigures(periodStart: string, prisma: PrismaClient): Promise<Map<string, Cell<number | null>>> {
  const run = await resolveRun({ periodKind: "month", periodStart }, prisma);
  if (!run) return new Map();
  const rows = await readCells(
    run.runId,
    { codes: HOME_FIGURES, meshLevel: "national", meshCode: "FR", periodKind: "month", periodStart, channel: "all" },
    prisma,
  );
  return new Map(rows.map((r) => [r.indicator_code, toCell(r, scalar)]));
}

export async function getCommitteeHome(options: { prisma?: PrismaClient } = {}): Promise<CommitteeHome> {
  const prisma = options.prisma ?? (await db());
  const [run, months] = await Promise.all([resolveRun({}, prisma), listPublishedPeriods({ periodKind: "month" }, { prisma })]);
  const empty = { previousRunAt: null, newPeriods: [], revisedCount: 0, revisedNational: [] };
  if (!run) return { run: null, periodStart: null, previousYearStart: null, figures: [], changes: empty };
  const periodStart = months.at(-1) ?? null;
  const previousYearStart = periodStart ? yearBefore(periodStart) : null;
  const [current, previous, changes] = await Promise.all([
    periodStart ? nationalFigures(periodStart, prisma) : new Map<string, Cell<number | null>>(),
    previousYearStart && months.includes(previousYearStart) ? nationalFigures(previousYearStart, prisma) : new Map<string, Cell<number | null>>(),
    runChanges(run, prisma),
  ]);
  const figures = HOME_FIGURES.filter((c) => current.has(c)).map((c) => ({
    indicator: INDICATORS[c],
    cell: current.get(c) ?? null,
    previous: previous.get(c) ?? null,
    trend: trendOf(c, current.get(c), previous.get(c)),
  }));
  return { run, periodStart, previousYearStart, figures, changes };
}

async function runChanges(run: RunInfo, prisma: PrismaClient): Promise<CommitteeHome["changes"]> {
  const before = await prisma.indicatorRun.findFirst({
    where: { scope: "full", finishedAt: { not: null, lt: run.computedAt } },
    orderBy: { finishedAt: "desc" },
    select: { id: true, finishedAt: true },
  });
  const [periods, counted, national] = await Promise.all([
    queryRows<{ p: string }>(
      prisma,
      sql`SELECT DISTINCT to_char(n.period_start, 'YYYY-MM-DD') AS p FROM indicator_value n
        WHERE n.run_id = ${run.runId}::uuid AND n.mesh_level = 'national' AND n.period_kind = 'month' AND n.indicator_code = 'energy_kwh'
          AND NOT EXISTS (SELECT 1 FROM indicator_value o WHERE o.run_id = ${before?.id ?? null}::uuid AND o.mesh_level = 'national' AND o.period_kind = 'month'
                            AND o.indicator_code = 'energy_kwh' AND o.period_start = n.period_start)
        ORDER BY 1`,
    ),
    // Published figures only (a withheld cell is not a figure): counted, never shown.
    queryRows<{ n: bigint }>(
      prisma,
      sql`SELECT count(*) AS n FROM indicator_value
        WHERE run_id = ${run.runId}::uuid AND mesh_level IN ('national', 'region', 'departement') AND NOT withheld AND revised_at = ${run.computedAt}`,
    ),
    queryRows<{ code: string; kind: string; p: string; reason: string | null }>(
      prisma,
      sql`SELECT indicator_code AS code, period_kind AS kind, to_char(period_start, 'YYYY-MM-DD') AS p, revision_reason AS reason FROM indicator_value
        WHERE run_id = ${run.runId}::uuid AND NOT withheld AND revised_at = ${run.computedAt} AND mesh_level = 'national' AND channel = 'all'
        ORDER BY period_start DESC, period_kind, indicator_code LIMIT 10`,
    ),
  ]);
  return {
    previousRunAt: before?.finishedAt ?? null,
    newPeriods: before ? periods.map((r) => r.p) : [],
    revisedCount: Number(counted[0]?.n ?? 0),
    revisedNational: national
      .filter((r) => r.code in INDICATORS)
      .map((r) => ({ indicator: INDICATORS[r.code as IndicatorCode], periodKind: r.kind, periodStart: r.p, note: revisionNote(r.reason) })),
  };
}
