import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";

export interface IndicatorRunSummary {
  id: string;
  startedAt: Date;
  finishedAt: Date | null;
  computedBy: string;
  scope: string;
  periodFrom: Date;
  periodTo: Date;
  cellCount: number;
  withheldCount: number;
  durationMs: number;
  carbonGapHours: number;
  series: { name: string; version: number } | null;
}

/** The latest indicator runs (published "full" runs by default), newest first, for the admin page. */
export async function listIndicatorRuns(
  input: { limit?: number; includeFiltered?: boolean } = {},
  options: { prisma?: PrismaClient } = {},
): Promise<IndicatorRunSummary[]> {
  const prisma = options.prisma ?? (await db());
  const runs = await prisma.indicatorRun.findMany({
    where: input.includeFiltered ? {} : { scope: "full" },
    orderBy: { startedAt: "desc" },
    take: Math.min(Math.max(input.limit ?? 10, 1), 100),
    select: {
      id: true,
      startedAt: true,
      finishedAt: true,
      computedBy: true,
      scope: true,
      periodFrom: true,
      periodTo: true,
      cellCount: true,
      withheldCount: true,
      durationMs: true,
      carbonGapHours: true,
      seriesId: true,
    },
  });
  const ids = [...new Set(runs.map((r) => r.seriesId).filter((id): id is number => id !== null))];
  const series = new Map(
    (await prisma.carbonSeries.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, version: true } })).map((s) => [s.id, s]),
  );
  return runs.map(({ seriesId, ...r }) => {
    const s = seriesId === null ? undefined : series.get(seriesId);
    return { ...r, series: s ? { name: s.name, version: s.version } : null };
  });
}
