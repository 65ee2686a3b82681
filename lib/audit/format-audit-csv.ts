import { formatCsv, type CsvFormat } from "@/lib/platform/csv/format-csv";
import type { AuditFilters } from "@/lib/schemas/audit-filters";
import { actionLabel } from "@/lib/audit/audit-labels";
import { AUDIT_EXPORT_MAX, type AuditRow } from "@/lib/audit/list-audit-entries";

export const AUDIT_CSV_HEADER = ["Date", "Auteur", "Action", "Code de l'action", "Type d'objet", "Objet", "Identifiant de l'objet", "Détails"];

/** What the export holds, as its first line: the filters, and when it stops at the maximum. */
export function auditExportTitle(filters: AuditFilters, total: number): string {
  const parts = [
    filters.auteur && `auteur contenant « ${filters.auteur} »`,
    filters.action && `action « ${actionLabel(filters.action)} »`,
    filters.du && `du ${filters.du}`,
    filters.au && `au ${filters.au} inclus`,
  ].filter(Boolean);
  const head = `Journal d'audit du portail ADVENIR — ${parts.length ? `filtres : ${parts.join(", ")}` : "sans filtre"} — ${total} entrée(s)`;
  return total > AUDIT_EXPORT_MAX ? `${head}, les ${AUDIT_EXPORT_MAX} plus récentes exportées` : head;
}

export function formatAuditCsv(rows: AuditRow[], filters: AuditFilters, total: number, format: CsvFormat): string {
  return formatCsv(
    AUDIT_CSV_HEADER,
    rows.map((r) => [r.at, r.actor, r.actionLabel, r.action, r.targetTypeLabel, r.target, r.targetId, r.details]),
    { format, preamble: [auditExportTitle(filters, total)] },
  );
}

/** "journal-audit_2026-01-01_2026-01-31_login.failed_excel-fr.csv": the filters in the name. */
export function auditCsvParts(filters: AuditFilters, format: CsvFormat): string[] {
  return ["journal-audit", filters.du ?? "debut", filters.au ?? "fin", filters.action ?? "", filters.auteur ? `auteur-${filters.auteur}` : "", format];
}
