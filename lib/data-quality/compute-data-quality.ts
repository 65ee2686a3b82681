import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";
import { parisMidnight, parisNextMidnight } from "@/lib/platform/time/paris-time";
import type { RuleWindow } from "@/lib/data-quality/rule";
import { DATA_QUALITY_RULES } from "@/lib/data-quality/rules";
import { stageDay, type ScopeFilter } from "@/lib/data-quality/staging";

// The daily data-quality computation (issue 19, docs/data-quality.md, ADR 0027): for one Paris
// day, every rule per operational unit and per ADVENIR operator. One transaction: the day's rows
// are staged once (staging.ts), then each rule is one statement that counts the rows it checks
// and breaks per scope, stores the result and the first OFFENDER_CAP breaking rows. A recomputed
// day replaces its results (for the scopes computed). Scopes with no row to check get no result
// for that rule (the report says "nothing to check").

/** The breaking rows kept per day, scope and rule (what the operator downloads). */
export const OFFENDER_CAP = 1000;

export interface DataQualityDayResult {
  day: string;
  results: number;
  failed: number;
  offenders: number;
  durationMs: number;
}

function scopeWhere(only: ScopeFilter | undefined) {
  if (!only) return sql`true`;
  return sql`((scope_kind = 'unit' AND scope_code = ANY(${only.units}::text[]))
           OR (scope_kind = 'operator' AND scope_code = ANY(${only.operatorIds.map(String)}::text[])))`;
}

export async function computeDataQualityDay(day: string, options: { prisma?: PrismaClient; only?: ScopeFilter } = {}): Promise<DataQualityDayResult> {
  const prisma = options.prisma ?? (await db());
  const w: RuleWindow = { day, from: parisMidnight(day), to: parisNextMidnight(day) };
  const t = Date.now();
  return prisma.$transaction(
    async (tx) => {
      // One computation at a time: two writers of the same day would interleave their rows.
      await execute(tx, sql`LOCK TABLE data_quality_result, data_quality_offender IN SHARE ROW EXCLUSIVE MODE`);
      await execute(tx, sql`DELETE FROM data_quality_result WHERE day = ${day}::date AND ${scopeWhere(options.only)}`);
      await execute(tx, sql`DELETE FROM data_quality_offender WHERE day = ${day}::date AND ${scopeWhere(options.only)}`);
      await stageDay(tx, w, options.only);
      let results = 0;
      let failed = 0;
      let offenders = 0;
      for (const rule of DATA_QUALITY_RULES) {
        const [r] = await queryRows<{ results: number; failed: number; offenders: number }>(
          tx,
          sql`WITH checked AS MATERIALIZED (
                SELECT * FROM (${rule.rows(w)}) r WHERE r.scope_kind = ANY(${[...rule.scopes]}::text[])
              ), agg AS (
                SELECT scope_kind, scope_code, operator_id, count(*)::int AS checked, count(*) FILTER (WHERE breaks)::int AS breaking
                  FROM checked GROUP BY scope_kind, scope_code, operator_id
              ), written AS (
                INSERT INTO data_quality_result (day, scope_kind, scope_code, operator_id, rule_code, checked, breaking, share, tolerance, passed, computed_at)
                SELECT ${day}::date, scope_kind, scope_code, operator_id, ${rule.code}, checked, breaking, breaking::float8 / checked,
                       ${rule.tolerance}::numeric, breaking <= ${rule.tolerance}::numeric * checked, now()
                  FROM agg
                RETURNING passed
              ), kept AS (
                INSERT INTO data_quality_offender (day, scope_kind, scope_code, operator_id, rule_code, rank, ref, at, detail)
                SELECT ${day}::date, scope_kind, scope_code, operator_id, ${rule.code}, rn, ref, at, coalesce(detail, '')
                  FROM (SELECT c.*, row_number() OVER (PARTITION BY scope_kind, scope_code ORDER BY at NULLS LAST, ref) AS rn
                          FROM checked c WHERE breaks) b
                 WHERE rn <= ${OFFENDER_CAP}
                RETURNING 1
              )
              SELECT (SELECT count(*) FROM written)::int AS results, (SELECT count(*) FROM written WHERE NOT passed)::int AS failed,
                     (SELECT count(*) FROM kept)::int AS offenders`,
        );
        results += r.results;
        failed += r.failed;
        offenders += r.offenders;
      }
      return { day, results, failed, offenders, durationMs: Date.now() - t };
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}
