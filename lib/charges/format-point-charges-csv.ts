import { formatCsv, type CsvFormat } from "@/lib/platform/csv/format-csv";
import { EXPORT_MAX, type PointCharge } from "@/lib/charges/list-point-charges";

export const POINT_CHARGES_CSV_HEADER = [
  "Début",
  "Fin",
  "Durée (min)",
  "Énergie (kWh)",
  "Indicateurs de qualité",
  "Identifiant de la recharge",
  "Canal",
  "Reçue le",
];

const DOORS: Record<string, string> = { GIREVE: "GIREVE", QUALICHARGE: "API QualiCharge", ADVENIR: "Web service ADVENIR" };

/** What the export holds, as its first line, and when it stops at the maximum. */
export function pointChargesExportTitle(point: { label: string; dossierReference: string }, total: number): string {
  const head = `Recharges du point de charge ${point.label} (dossier ${point.dossierReference}) — données de production — ${total} recharge(s)`;
  return total > EXPORT_MAX ? `${head}, les ${EXPORT_MAX} plus récentes exportées` : head;
}

export function formatPointChargesCsv(charges: PointCharge[], point: { label: string; dossierReference: string }, total: number, format: CsvFormat): string {
  return formatCsv(
    POINT_CHARGES_CSV_HEADER,
    charges.map((c) => [
      c.startAt,
      c.stopAt,
      Math.round(c.durationS / 6) / 10,
      c.energyWh === null ? null : c.energyWh / 1000,
      c.flags.map((f) => f.label).join(" ; "),
      c.transactionId,
      DOORS[c.door] ?? c.door,
      c.receivedAt,
    ]),
    { format, preamble: [pointChargesExportTitle(point, total)] },
  );
}
