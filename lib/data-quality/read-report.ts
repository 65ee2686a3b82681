import { db } from "@/lib/platform/db/database";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { addCalendarDays } from "@/lib/platform/time/paris-time";
import type { DataQualityRule } from "@/lib/data-quality/rule";
import { DATA_QUALITY_RULES } from "@/lib/data-quality/rules";

// What the operator's report shows (and the admin's list): the results of the latest day computed
// and the trend of the days before it. Every read is filtered by the operator's id: an operator
// reads only the scopes computed for it (its units, its ADVENIR data).

/** Days shown in the trend, the latest included. */
export const TREND_DAYS = 14;

export interface RuleResult {
  checked: number;
  breaking: number;
  share: number;
  passed: boolean;
}

export interface ReportRule {
  rule: DataQualityRule;
  /** The latest day's result; null when the scope had no row to check for this rule. */
  result: RuleResult | null;
  /** Oldest first: the days of the trend on which the rule had rows to check. */
  trend: { day: string; share: number; passed: boolean }[];
}

export interface ReportScope {
  kind: "unit" | "operator";
  code: string;
  rules: ReportRule[];
}

export interface OperatorReport {
  /** The latest day computed for the operator, null when none yet. */
  day: string | null;
  scopes: ReportScope[];
}

interface ResultRow extends RuleResult {
  day: string;
  scope_kind: "unit" | "operator";
  scope_code: string;
  rule_code: string;
}

export async function getOperatorReport(operatorId: string, options: { day?: string } = {}): Promise<OperatorReport> {
  const prisma = await db();
  const [{ latest }] = await queryRows<{ latest: string | null }>(
    prisma,
    sql`SELECT to_char(max(day), 'YYYY-MM-DD') AS latest FROM data_quality_result
         WHERE operator_id = ${operatorId}::uuid AND (${options.day ?? null}::date IS NULL OR day <= ${options.day ?? null}::date)`,
  );
  if (!latest) return { day: null, scopes: [] };
  const rows = await queryRows<ResultRow>(
    prisma,
    sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, scope_kind, scope_code, rule_code, checked, breaking, share, passed
          FROM data_quality_result
         WHERE operator_id = ${operatorId}::uuid AND day > ${addCalendarDays(latest, -TREND_DAYS)}::date AND day <= ${latest}::date
         ORDER BY scope_kind DESC, scope_code, day`,
  );
  const scopes = new Map<string, ReportScope>();
  for (const r of rows) {
    const key = `${r.scope_kind}:${r.scope_code}`;
    if (!scopes.has(key)) {
      const rules = DATA_QUALITY_RULES.filter((rule) => rule.scopes.includes(r.scope_kind)).map((rule) => ({ rule, result: null, trend: [] }));
      scopes.set(key, { kind: r.scope_kind, code: r.scope_code, rules });
    }
    const entry = scopes.get(key)!.rules.find((x) => x.rule.code === r.rule_code);
    if (!entry) continue; // a rule retired since
    entry.trend.push({ day: r.day, share: r.share, passed: r.passed });
    if (r.day === latest) entry.result = { checked: r.checked, breaking: r.breaking, share: r.share, passed: r.passed };
  }
  return { day: latest, scopes: [...scopes.values()] };
}

export interface OperatorQualityLine {
  operatorId: string;
  operatorName: string;
  scopeKind: "unit" | "operator";
  scopeCode: string;
  checkedRules: number;
  failedRules: string[];
}

/** The admin's list: for a day (the latest computed by default), every operator's scopes with the rules they fail. */
export async function listOperatorsQuality(options: { day?: string } = {}): Promise<{ day: string | null; lines: OperatorQualityLine[] }> {
  const prisma = await db();
  const [{ latest }] = await queryRows<{ latest: string | null }>(
    prisma,
    sql`SELECT to_char(coalesce(${options.day ?? null}::date, max(day)), 'YYYY-MM-DD') AS latest FROM data_quality_result`,
  );
  if (!latest) return { day: null, lines: [] };
  const rows = await queryRows<{
    operator_id: string;
    name: string;
    scope_kind: "unit" | "operator";
    scope_code: string;
    checked_rules: number;
    failed: string[];
  }>(
    prisma,
    sql`SELECT r.operator_id::text, o.name, r.scope_kind, r.scope_code, count(*)::int AS checked_rules,
               coalesce(array_agg(r.rule_code ORDER BY r.rule_code) FILTER (WHERE NOT r.passed), '{}') AS failed
          FROM data_quality_result r JOIN operator o ON o.id = r.operator_id
         WHERE r.day = ${latest}::date
         GROUP BY r.operator_id, o.name, r.scope_kind, r.scope_code
         ORDER BY o.name, r.scope_kind DESC, r.scope_code`,
  );
  const order = new Map(DATA_QUALITY_RULES.map((r, i) => [r.code, i]));
  return {
    day: latest,
    lines: rows.map((r) => ({
      operatorId: r.operator_id,
      operatorName: r.name,
      scopeKind: r.scope_kind,
      scopeCode: r.scope_code,
      checkedRules: r.checked_rules,
      failedRules: [...r.failed].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
    })),
  };
}

export interface ResultExportRow extends RuleResult {
  day: string;
  operatorName: string;
  scopeKind: "unit" | "operator";
  scopeCode: string;
  ruleCode: string;
  tolerance: number;
}

/** Every result of a day (the admin's CSV). */
export async function exportDayResults(day: string): Promise<ResultExportRow[]> {
  const rows = await queryRows<{
    day: string;
    name: string;
    scope_kind: "unit" | "operator";
    scope_code: string;
    rule_code: string;
    checked: number;
    breaking: number;
    share: number;
    tolerance: string;
    passed: boolean;
  }>(
    await db(),
    sql`SELECT to_char(r.day, 'YYYY-MM-DD') AS day, o.name, r.scope_kind, r.scope_code, r.rule_code, r.checked, r.breaking, r.share,
               r.tolerance::text AS tolerance, r.passed
          FROM data_quality_result r JOIN operator o ON o.id = r.operator_id
         WHERE r.day = ${day}::date ORDER BY o.name, r.scope_kind DESC, r.scope_code, r.rule_code`,
  );
  return rows.map((r) => ({
    day: r.day,
    operatorName: r.name,
    scopeKind: r.scope_kind,
    scopeCode: r.scope_code,
    ruleCode: r.rule_code,
    checked: r.checked,
    breaking: r.breaking,
    share: r.share,
    tolerance: Number(r.tolerance),
    passed: r.passed,
  }));
}

/** The operator whose report the admin opens, or null when there is none of that id. */
export async function findReportOperator(operatorId: string): Promise<{ id: string; name: string } | null> {
  const prisma = await db();
  return prisma.operator.findUnique({ where: { id: operatorId }, select: { id: true, name: true } });
}
