import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { INDICATORS, type IndicatorCode, type IndicatorDefinition } from "@/lib/schemas/indicator-catalogue";
import { readCells, resolveRun, scalar, toCell, type Cell, type RunInfo } from "@/lib/indicators/read-cells";
import { parseInput } from "@/lib/schemas/validation";
import { indicatorCodeSchema, indicatorQuerySchema, type IndicatorQuery } from "@/lib/schemas/indicators";

export interface MeshValues {
  run: RunInfo | null;
  indicator: IndicatorDefinition;
  periodStart: string | null;
  /** Every area of the level with data in the period; areas without any data are absent. */
  areas: { code: string; name: string; cell: Cell<number | null> }[];
}

/** One indicator for every région, département or commune in a period, for the choropleth and its table. */
export async function getMeshValues(
  input: Omit<IndicatorQuery, "meshCode"> & { indicator: IndicatorCode; meshLevel: "region" | "departement" | "commune" },
  options: { prisma?: PrismaClient } = {},
): Promise<MeshValues> {
  const code = parseInput(indicatorCodeSchema, input.indicator);
  const q = parseInput(indicatorQuerySchema, { ...input, meshCode: undefined });
  const run = await resolveRun(q, options.prisma);
  if (!run) return { run, indicator: INDICATORS[code], periodStart: null, areas: [] };
  const rows = await readCells(
    run.runId,
    { codes: [code], meshLevel: q.meshLevel, periodKind: q.periodKind, periodStart: q.periodStart, channel: q.channel },
    options.prisma,
  );
  const periodStart = q.periodStart ?? rows.at(-1)?.period_start ?? null;
  const inPeriod = rows.filter((r) => r.period_start === periodStart);
  const prisma = options.prisma ?? (await db());
  const codes = inPeriod.map((r) => r.mesh_code);
  const names = new Map(
    q.meshLevel === "region"
      ? (await prisma.region.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } })).map((r) => [r.code, r.name])
      : q.meshLevel === "departement"
        ? (await prisma.departement.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } })).map((r) => [r.code, r.name])
        : (await prisma.commune.findMany({ where: { inseeCode: { in: codes } }, select: { inseeCode: true, name: true } })).map((r) => [r.inseeCode, r.name]),
  );
  return {
    run,
    indicator: INDICATORS[code],
    periodStart,
    areas: inPeriod.map((r) => ({ code: r.mesh_code, name: names.get(r.mesh_code) ?? r.mesh_code, cell: toCell(r, scalar) })),
  };
}
