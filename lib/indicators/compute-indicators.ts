import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { execute, queryRows, type SqlFragment } from "@/lib/platform/db/sql";
import { getEnv } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { MESH_LEVELS, PERIOD_KINDS } from "@/lib/schemas/indicator-catalogue";
import { cleanCurvesExist, ensureDepartementProfiles, refreshChargeCaches, type ChargeCachesRefresh } from "@/lib/indicators/charge-caches";
import { LOCK_CHARGE_CACHES_SQL } from "@/lib/indicators/sql/charge-caches";
import { buildStatements, insertStatements, type RunPlan } from "@/lib/indicators/sql/run-statements";
import { defaultSeriesSql, finishRunSql, insertRunSql, runCountsSql, RUN_SETTINGS_SQL } from "@/lib/indicators/sql/run-record";
import { revisionStatements } from "@/lib/indicators/sql/revisions";
import { resolveMonths, wholeYears } from "@/lib/indicators/resolve-period";
import { METHOD_VERSION } from "@/lib/indicators/revisions";
import { runSecondarySuppression } from "@/lib/indicators/suppression/run-suppression";
import { slotsOfMonths } from "@/lib/indicators/sql/slot-calendar";
import { assertNotPurged } from "@/lib/programme/programme-status";
import { parseInput } from "@/lib/schemas/validation";
import { computeIndicatorsSchema, type ComputeIndicatorsInput } from "@/lib/schemas/indicators";

export type RunScope = "full" | "partial" | "filtered";

export interface ComputeIndicatorsResult {
  runId: string;
  scope: RunScope;
  firstMonth: string;
  endMonth: string;
  seriesId: number | null;
  cellCount: number;
  withheldCount: number;
  /** Primary cells some of whose positive figures no hypercube could protect to ±10 % (0 expected). */
  unprotectedCount: number;
  valueCount: number;
  carbonGapHours: number;
  durationMs: number;
  /** Milliseconds per SQL step, for the benchmark. */
  steps: Record<string, number>;
  /** What the run recomputed of the charge caches (null: the run computed from the charges). */
  caches: ChargeCachesRefresh | null;
}

/**
 * Computes every indicator for every mesh × period × channel cell over whole months of
 * [from, to) in set-based SQL, applies primary and secondary suppression, and stores the result
 * as a new run (earlier runs are kept). One transaction: a failed run leaves nothing behind.
 *
 * A run of every station, mesh level and period kind is a "full" run, the only kind the committee
 * reads: it covers whole calendar years (from January of the first month's year to the end of
 * the last month's year, or to the end of the current month for the current year), so that the
 * months, quarters and year of a year are published by one run and suppressed together. It
 * replaces, for those years, the run published before it, and records which figures it revises
 * (lib/indicators/revisions.ts). Runs of some levels or kinds ("partial") or of some stations
 * ("filtered") compute exactly the range asked and are checks, never published.
 */
export async function computeIndicators(input: ComputeIndicatorsInput, options: { prisma?: PrismaClient } = {}): Promise<ComputeIndicatorsResult> {
  const data = parseInput(computeIndicatorsSchema, input);
  const prisma = options.prisma ?? (await db());
  // After the purge a run would publish empty figures over the ones computed from the data.
  await assertNotPurged(prisma, "Les indicateurs publiés restent consultables ; ils ne peuvent plus être recalculés.");
  const env = getEnv();
  const asked = resolveMonths(data.from, data.to);
  if (asked.endMonth <= asked.firstMonth)
    throw new AppError("INVALID_INPUT", "Période vide : la fin doit être après le début.", [{ path: "to", message: "fin avant le début" }]);
  const levels = data.meshLevels ? MESH_LEVELS.filter((l) => data.meshLevels!.includes(l)) : [...MESH_LEVELS];
  const kinds = data.periodKinds ? PERIOD_KINDS.filter((k) => data.periodKinds!.includes(k)) : [...PERIOD_KINDS];
  const scope: RunScope = data.stationIds ? "filtered" : levels.length < MESH_LEVELS.length || kinds.length < PERIOD_KINDS.length ? "partial" : "full";
  const { firstMonth, endMonth } = scope === "full" ? wholeYears(asked, new Date()) : asked;
  const started = Date.now();
  const runId = randomUUID();

  const seriesId = data.seriesId ?? (await defaultSeries(prisma, firstMonth, endMonth));
  if (data.seriesId !== undefined && (await prisma.carbonSeries.count({ where: { id: data.seriesId } })) === 0) {
    throw new AppError("NOT_FOUND", "Série carbone introuvable.", [{ path: "seriesId", message: "série introuvable" }]);
  }
  const plan: Omit<RunPlan, "hasCurves" | "fromCaches" | "profilesFromCache"> = {
    firstMonth,
    endMonth,
    slots: await slotsOfMonths(prisma, firstMonth, endMonth),
    seriesId,
    stationIds: data.stationIds ?? null,
    levels,
    kinds,
    minStations: env.ANON_MIN_STATIONS,
    minBeneficiaries: env.ANON_MIN_BENEFICIARIES,
  };
  const steps: Record<string, number> = {};
  let caches: ChargeCachesRefresh | null = null;
  const result = await prisma.$transaction(
    async (tx) => {
      const timed = async (name: string, statement: SqlFragment) => {
        const t = Date.now();
        const n = await execute(tx, statement);
        steps[name] = (steps[name] ?? 0) + Date.now() - t;
        return n;
      };
      // First, before any query takes the snapshot (charge-caches.ts).
      await timed("settings", LOCK_CHARGE_CACHES_SQL);
      for (const statement of RUN_SETTINGS_SQL) await timed("settings", statement);
      // Runs of every station read the charge caches; a run of some stations computes from the
      // charges, and so does the energy per commune.
      const fromCaches = plan.stationIds === null;
      if (fromCaches) caches = await refreshChargeCaches(tx, timed);
      const chargesRead = !fromCaches || levels.includes("commune");
      // Down to départements, the leaf hours are the département profiles of the run's series.
      const profilesFromCache = !chargesRead && seriesId !== null;
      if (profilesFromCache) await ensureDepartementProfiles(tx, timed, seriesId);
      const runPlan: RunPlan = { ...plan, fromCaches, profilesFromCache, hasCurves: chargesRead && (await cleanCurvesExist(tx)) };
      const record = { runId, computedBy: data.computedBy, firstMonth, endMonth, seriesId, scope, levels, kinds };
      await execute(tx, insertRunSql({ ...record, minStations: plan.minStations, minBeneficiaries: plan.minBeneficiaries }));
      for (const st of buildStatements(runPlan)) await timed(st.name, st.sql);
      const t = Date.now();
      const suppression = await runSecondarySuppression(tx, { levels, kinds }, 0.1, steps);
      steps["secondary-suppression"] = Date.now() - t;
      let valueCount = 0;
      for (const st of insertStatements(runPlan, runId)) valueCount += await timed(st.name, st.sql);
      const [counts] = await queryRows<{ cells: number; withheld: number; gap: number }>(tx, runCountsSql(kinds));
      const durationMs = Date.now() - started;
      await execute(tx, finishRunSql({ runId, cells: counts.cells, withheld: counts.withheld, durationMs, gap: counts.gap, methodVersion: METHOD_VERSION }));
      if (scope === "full") for (const st of revisionStatements(runId)) await timed(st.name, st.sql);
      return { cells: counts.cells, withheld: counts.withheld, gap: counts.gap, valueCount, durationMs, unprotected: suppression.unprotected.size };
    },
    // One snapshot for every statement: coverage, energy and the curve check see the same data
    // even while operators keep posting.
    { timeout: 30 * 60_000, maxWait: 60_000, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
  return {
    runId,
    scope,
    firstMonth,
    endMonth,
    seriesId,
    cellCount: result.cells,
    withheldCount: result.withheld,
    unprotectedCount: result.unprotected,
    valueCount: result.valueCount,
    carbonGapHours: result.gap,
    durationMs: Date.now() - started,
    steps,
    caches,
  };
}

/** The series covering most hours of the range; the newest import wins a tie. */
async function defaultSeries(prisma: PrismaClient, firstMonth: string, endMonth: string): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(prisma, defaultSeriesSql(firstMonth, endMonth));
  return rows[0]?.id ?? null;
}
