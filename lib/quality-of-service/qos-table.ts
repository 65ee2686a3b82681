import { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";
import { QOS_INDICATORS, QOS_UNIT_LABEL, qosNumber } from "@/lib/quality-of-service/qos-catalogue";
import type { QosCell } from "@/lib/quality-of-service/read-qos-cells";

// The rows of a quality-of-service table, the same for the page and its CSV files: one row per
// cell, withheld cells as "secret statistique" in every figure.

export interface QosTableColumn {
  key: string;
  label: string;
}

export type QosTableValue = string | number | null;

export function qosTableColumns(zoneLabel: string): QosTableColumn[] {
  return [
    { key: "code", label: "Code" },
    { key: "zone", label: zoneLabel },
    { key: "points", label: "Points" },
    { key: "stations", label: "Stations" },
    ...QOS_INDICATORS.map((i) => ({
      key: i.key,
      label: `${i.label}${i.qualichargeCode ? ` [${i.qualichargeCode}]` : ""}${QOS_UNIT_LABEL[i.unit] ? ` (${QOS_UNIT_LABEL[i.unit]})` : ""}`,
    })),
    { key: "jour_min", label: "Disponibilité journalière : minimum (%)" },
    { key: "jour_max", label: "Disponibilité journalière : maximum (%)" },
    { key: "jour_moyenne", label: "Disponibilité journalière : moyenne (%)" },
    { key: "jour_ecart_type", label: "Disponibilité journalière : écart type (points de %)" },
    { key: "jour_dernier", label: "Disponibilité journalière : dernier jour (%)" },
  ];
}

export function qosTableRow(cell: QosCell): Record<string, QosTableValue> {
  const row: Record<string, QosTableValue> = { code: cell.code, zone: cell.label };
  if (cell.secret) {
    for (const c of qosTableColumns("").slice(2)) row[c.key] = SECRET_LABEL;
    return row;
  }
  const f = cell.figures;
  row.points = f.points;
  row.stations = f.stations;
  for (const i of QOS_INDICATORS) row[i.key] = qosNumber(i.unit, i.value(f));
  row.jour_min = qosNumber("share", f.daily.min);
  row.jour_max = qosNumber("share", f.daily.max);
  row.jour_moyenne = qosNumber("share", f.daily.mean);
  row.jour_ecart_type = qosNumber("share", f.daily.stddev);
  row.jour_dernier = qosNumber("share", f.daily.last);
  return row;
}
