import { csvFileName, formatCsv, type CsvCell, type CsvFormat } from "@/lib/platform/csv/format-csv";
import { USAGE_LEVEL_LABELS } from "@/lib/schemas/usage-indicators";
import { SECRET_LABEL } from "@/lib/quality-of-service/sessions/usage-catalogue";
import { areaLabel, hourRows, usageRows } from "@/lib/quality-of-service/sessions/usage-table";
import type { UsageView } from "@/lib/quality-of-service/sessions/get-usage-view";
import type { UsageCell } from "@/lib/quality-of-service/sessions/compute-usage-indicators";

// The CSV files of the usage page: the same figures as its tables, one row per figure (area,
// QualiCharge code, our name, detail, value, unit), a withheld area as one "secret statistique"
// row; or the hourly chart's rows (vue=u5). A first line says what the file holds.

const HEADER = ["Zone (code)", "Zone", "Code QualiCharge", "Indicateur", "Détail", "Valeur", "Unité"];

function cellRows(cell: UsageCell): CsvCell[][] {
  const zone = [cell.code, areaLabel(cell)];
  if (cell.secret) return [[...zone, "", "", "", SECRET_LABEL, ""]];
  return usageRows(cell.figures, { withHours: true }).map((r) => [...zone, r.code, r.label, r.detail, r.value, r.unit]);
}

export function usageCsv(view: UsageView, format: CsvFormat): { body: string; fileName: string } {
  const q = view.query;
  const scope = view.cell ? areaLabel(view.cell) : `${USAGE_LEVEL_LABELS[q.maille]} : toutes les zones`;
  const preamble = [
    `Indicateurs d'usage (codes QualiCharge) — ${view.periodLabel} — ${scope} — secret statistique sous ${view.indicators.thresholds.minStations} stations ou ${view.indicators.thresholds.minBeneficiaries} propriétaires — publié le ${view.computedAt.toISOString()}`,
  ];
  const name = csvFileName([
    "usages",
    q.vue === "u5" ? "u5" : "indicateurs",
    q.type,
    view.indicators.period.firstDay,
    q.maille,
    view.cell?.code ?? "toutes",
    format,
  ]);
  if (q.vue === "u5") {
    const cell = view.cell;
    const rows: CsvCell[][] = !cell ? [] : cell.secret ? [[SECRET_LABEL, ""]] : hourRows(cell.figures).map((r) => [r.heure, r.sessions]);
    return { body: formatCsv(["Heure de début (Paris)", "Sessions (u5)"], rows, { format, preamble }), fileName: name };
  }
  const cells = view.cell ? [view.cell] : view.areas;
  return { body: formatCsv(HEADER, cells.flatMap(cellRows), { format, preamble }), fileName: name };
}
