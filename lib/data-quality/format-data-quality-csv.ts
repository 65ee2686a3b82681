import { formatCsv, type CsvFormat } from "@/lib/platform/csv/format-csv";
import { formatDay } from "@/lib/platform/format";
import { OFFENDER_CAP } from "@/lib/data-quality/compute-data-quality";
import type { OffendersExport } from "@/lib/data-quality/list-offenders";
import type { ResultExportRow } from "@/lib/data-quality/read-report";
import { findRule } from "@/lib/data-quality/rules";

// The CSV files of the data-quality report: the operator's offending rows, the admin's results.

/** The scope as the report names it: "Unité FRXYZ", or "Données ADVENIR" for the operator's own charges. */
export function scopeLabel(kind: "unit" | "operator", code: string): string {
  return kind === "unit" ? `Unité ${code}` : "Données ADVENIR";
}

export function formatOffendersCsv(data: OffendersExport, format: CsvFormat): string {
  const preamble: string[] = [
    `Lignes ne respectant pas les règles de qualité des données — contrôle du ${data.day ? formatDay(data.day) : "—"}`,
    `Au plus ${OFFENDER_CAP} lignes par règle et par unité sont conservées.`,
    ...data.truncated.map((t) => `${t.ruleCode} (${t.scopeCode}) : ${t.breaking} lignes en défaut, ${OFFENDER_CAP} listées.`),
  ];
  return formatCsv(
    ["Règle", "Libellé", "Périmètre", "Référence", "Horodatage", "Détail"],
    data.items.map((o) => [o.ruleCode, findRule(o.ruleCode)?.label ?? "", scopeLabel(o.scopeKind, o.scopeCode), o.ref, o.at, o.detail]),
    { format, preamble },
  );
}

export function formatResultsCsv(day: string, rows: ResultExportRow[], format: CsvFormat): string {
  return formatCsv(
    ["Jour", "Opérateur", "Périmètre", "Règle", "Libellé", "Lignes contrôlées", "Lignes en défaut", "Part (%)", "Tolérance (%)", "Respectée"],
    rows.map((r) => [
      r.day,
      r.operatorName,
      scopeLabel(r.scopeKind, r.scopeCode),
      r.ruleCode,
      findRule(r.ruleCode)?.label ?? "",
      r.checked,
      r.breaking,
      Number((r.share * 100).toFixed(4)),
      Number((r.tolerance * 100).toFixed(4)),
      r.passed,
    ]),
    { format, preamble: [`Qualité des données par opérateur — contrôle du ${formatDay(day)}`] },
  );
}
