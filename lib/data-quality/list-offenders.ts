import { db } from "@/lib/platform/db/database";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { OFFENDER_CAP } from "@/lib/data-quality/compute-data-quality";

// The rows that broke the rules on a day, for the operator they belong to only (the filter on
// operator_id is the tenancy: an operator never reads another's rows). At most OFFENDER_CAP rows
// per rule and scope were kept; `truncated` tells which rules broke on more rows than listed.

export interface Offender {
  scopeKind: "unit" | "operator";
  scopeCode: string;
  ruleCode: string;
  ref: string;
  at: Date | null;
  detail: string;
}

export interface OffendersExport {
  day: string | null;
  items: Offender[];
  /** Rules (and scopes) whose breaking rows were more than the OFFENDER_CAP listed. */
  truncated: { scopeCode: string; ruleCode: string; breaking: number }[];
}

export async function listOffenders(input: { operatorId: string; day?: string; ruleCode?: string }): Promise<OffendersExport> {
  const prisma = await db();
  const [{ latest }] = await queryRows<{ latest: string | null }>(
    prisma,
    sql`SELECT to_char(coalesce(${input.day ?? null}::date, max(day)), 'YYYY-MM-DD') AS latest FROM data_quality_result
         WHERE operator_id = ${input.operatorId}::uuid`,
  );
  if (!latest) return { day: null, items: [], truncated: [] };
  const rule = input.ruleCode ?? null;
  const rows = await queryRows<{ scope_kind: "unit" | "operator"; scope_code: string; rule_code: string; ref: string; at: Date | null; detail: string }>(
    prisma,
    sql`SELECT scope_kind, scope_code, rule_code, ref, at, detail FROM data_quality_offender
         WHERE operator_id = ${input.operatorId}::uuid AND day = ${latest}::date AND (${rule}::text IS NULL OR rule_code = ${rule}::text)
         ORDER BY scope_kind DESC, scope_code, rule_code, rank`,
  );
  const truncated = await queryRows<{ scope_code: string; rule_code: string; breaking: number }>(
    prisma,
    sql`SELECT scope_code, rule_code, breaking FROM data_quality_result
         WHERE operator_id = ${input.operatorId}::uuid AND day = ${latest}::date AND breaking > ${OFFENDER_CAP}
           AND (${rule}::text IS NULL OR rule_code = ${rule}::text)
         ORDER BY scope_code, rule_code`,
  );
  return {
    day: latest,
    items: rows.map((r) => ({ scopeKind: r.scope_kind, scopeCode: r.scope_code, ruleCode: r.rule_code, ref: r.ref, at: r.at, detail: r.detail })),
    truncated: truncated.map((t) => ({ scopeCode: t.scope_code, ruleCode: t.rule_code, breaking: t.breaking })),
  };
}
