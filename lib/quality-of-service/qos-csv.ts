import { csvFileName, formatCsv, type CsvFormat } from "@/lib/platform/csv/format-csv";
import { QOS_LEVEL_LABELS, qosLevelInText } from "@/lib/schemas/quality-of-service";
import { qosIndicator, qosNumber } from "@/lib/quality-of-service/qos-catalogue";
import { qosTableColumns, qosTableRow } from "@/lib/quality-of-service/qos-table";
import type { QosDashboard } from "@/lib/quality-of-service/get-qos-dashboard";
import { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";

// The CSV files of the quality-of-service pages: the table of the level ("tableau") and the
// trend of availability ("tendance"), with the same rows as the page, after a line saying what
// the file holds.

export type QosCsvView = "tableau" | "tendance";

export function qosCsv(d: QosDashboard, view: QosCsvView, format: CsvFormat, audience: "comite" | "operateur"): { fileName: string; body: string } {
  const whose = audience === "operateur" ? "vos points" : "figures publiées (secret statistique appliqué)";
  if (view === "tendance") {
    const availability = qosIndicator("disponibilite");
    const header = [
      "Période",
      "Début",
      "Fin (exclue)",
      "France entière : disponibilité (%)",
      ...(audience === "operateur" ? ["Vos points : disponibilité (%)"] : []),
    ];
    const rows = d.trend.map((t) => {
      const national = !t.national ? null : t.national.secret ? SECRET_LABEL : qosNumber("share", availability.value(t.national.figures));
      const own = !t.own || t.own.secret ? null : qosNumber("share", availability.value(t.own.figures));
      return [t.label, t.period.fromDay, t.period.toDay, national, ...(audience === "operateur" ? [own] : [])];
    });
    return {
      fileName: csvFileName(["qualite-de-service", "tendance", d.kind, d.period?.fromDay ?? ""]),
      body: formatCsv(header, rows, { format, preamble: [`Qualité de service : taux de disponibilité par période jusqu'à ${d.label} (${whose})`] }),
    };
  }
  const columns = qosTableColumns(QOS_LEVEL_LABELS[d.level]);
  const rows = d.cells.map((c) => {
    const row = qosTableRow(c);
    return columns.map((col) => row[col.key]);
  });
  return {
    fileName: csvFileName(["qualite-de-service", d.level, d.kind, d.period?.fromDay ?? ""]),
    body: formatCsv(
      columns.map((c) => c.label),
      rows,
      { format, preamble: [`Qualité de service par ${qosLevelInText(d.level)}, ${d.label} (${whose})`] },
    ),
  };
}
