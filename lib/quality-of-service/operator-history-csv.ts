import { csvFileName, formatCsv, type CsvFormat } from "@/lib/platform/csv/format-csv";
import { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";
import { QOS_INDICATORS, qosNumber } from "@/lib/quality-of-service/qos-catalogue";
import type { OperatorQosHistory } from "@/lib/quality-of-service/get-operator-qos-history";
import { qosTableColumns, qosTableRow } from "@/lib/quality-of-service/qos-table";
import type { QosCell } from "@/lib/quality-of-service/read-qos-cells";
import type { OperatorMapLevel } from "@/lib/schemas/quality-of-service";
import { QOS_LEVEL_LABELS, qosLevelInText } from "@/lib/schemas/quality-of-service";

/** One operator's figures per period of the trend, as published to the committee. */
export function operatorHistoryCsv(h: OperatorQosHistory, format: CsvFormat): { fileName: string; body: string } {
  const header = ["Période", "Début", "Fin (exclue)", "Points", "Stations", ...QOS_INDICATORS.map((i) => i.label)];
  const rows = h.trend.map((t) => {
    const head = [t.label, t.period.fromDay, t.period.toDay];
    if (!t.own) return [...head, null, null, ...QOS_INDICATORS.map(() => null)];
    if (t.own.secret) return [...head, SECRET_LABEL, SECRET_LABEL, ...QOS_INDICATORS.map(() => SECRET_LABEL)];
    const f = t.own.figures;
    return [...head, f.points, f.stations, ...QOS_INDICATORS.map((i) => qosNumber(i.unit, i.value(f)))];
  });
  return {
    fileName: csvFileName(["qualite-de-service", "operateur", h.code.replace(":", "-"), h.kind, h.period?.fromDay ?? ""]),
    body: formatCsv(header, rows, { format, preamble: [`Qualité de service de ${h.label ?? h.code} par période jusqu'à ${h.periodLabel} (chiffres publiés)`] }),
  };
}

/** One operator's published cells of a month by région or département (its map), every indicator. */
export function operatorMapCsv(h: OperatorQosHistory, level: OperatorMapLevel, cells: QosCell[], format: CsvFormat): { fileName: string; body: string } {
  const columns = qosTableColumns(QOS_LEVEL_LABELS[level]);
  const rows = cells.map((c) => {
    const row = qosTableRow(c);
    return columns.map((col) => row[col.key]);
  });
  return {
    fileName: csvFileName(["qualite-de-service", "operateur", h.code.replace(":", "-"), level, h.period?.fromDay ?? ""]),
    body: formatCsv(
      columns.map((c) => c.label),
      rows,
      { format, preamble: [`Qualité de service de ${h.label ?? h.code} par ${qosLevelInText(level)}, ${h.periodLabel} (chiffres publiés)`] },
    ),
  };
}
