import type { DataQualityRule } from "@/lib/data-quality/rule";
import { STATIC_RULES } from "@/lib/data-quality/static-rules";
import { SESSION_RULES } from "@/lib/data-quality/session-rules";
import { STATUS_RULES } from "@/lib/data-quality/status-rules";
import { CROSS_RULES } from "@/lib/data-quality/cross-rules";

// Every rule, in the order of the report. Codes are stable (the history is keyed by them): a rule
// that changes meaning gets a new code. docs/data-quality.md lists them.
export const DATA_QUALITY_RULES: readonly DataQualityRule[] = [...STATIC_RULES, ...SESSION_RULES, ...STATUS_RULES, ...CROSS_RULES];

export const FAMILY_LABELS: Record<DataQualityRule["family"], string> = {
  static: "Données statiques",
  sessions: "Sessions et charges",
  statuses: "Statuts",
  across: "Statuts et sessions",
};

export function findRule(code: string): DataQualityRule | undefined {
  return DATA_QUALITY_RULES.find((r) => r.code === code);
}
