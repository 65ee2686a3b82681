import type { QosFigures } from "@/lib/quality-of-service/read-qos-cells";

// The quality-of-service indicators as the pages, tables and CSV files show them: French name and
// definition, QualiCharge's code where it planned one (q1–q3), unit. docs/indicators.md gives the
// same definitions.

export type QosUnit = "share" | "hours" | "seconds" | "count";

export interface QosIndicator {
  key: string;
  label: string;
  /** QualiCharge's code, so that our figures can be set beside theirs. */
  qualichargeCode: string | null;
  unit: QosUnit;
  definition: (validityHours: number) => string;
  value: (f: QosFigures) => number | null;
  /** Better when higher (true), lower (false); for rankings and maps. */
  higherIsBetter: boolean;
}

export const QOS_INDICATORS: readonly QosIndicator[] = [
  {
    key: "disponibilite",
    label: "Taux de disponibilité",
    qualichargeCode: "q1",
    unit: "share",
    definition: () =>
      "Temps « en service » des points ÷ temps où leur état est connu (en service ou hors service). Le temps « inconnu » et le temps sans statut en vigueur sont comptés à part, jamais comme disponibles.",
    value: (f) => f.availability,
    higherIsBetter: true,
  },
  {
    key: "inconnu",
    label: "Part du temps à l'état inconnu",
    qualichargeCode: null,
    unit: "share",
    definition: () => "Temps où le dernier statut reçu dit « inconnu » ÷ temps des points sur la période.",
    value: (f) => f.unknownShare,
    higherIsBetter: false,
  },
  {
    key: "sans_statut",
    label: "Part du temps sans statut",
    qualichargeCode: null,
    unit: "share",
    definition: (h) =>
      `Temps sans statut en vigueur (avant le premier statut d'un point, ou plus de ${h} heures après son dernier statut) ÷ temps des points sur la période.`,
    value: (f) => f.silentShare,
    higherIsBetter: false,
  },
  {
    key: "occupation",
    label: "Taux d'occupation",
    qualichargeCode: "q2",
    unit: "share",
    definition: () => "Temps « occupé » pendant que le point est en service ÷ temps en service.",
    value: (f) => f.utilisation,
    higherIsBetter: true,
  },
  {
    key: "saturation",
    label: "Saturation des stations",
    qualichargeCode: "q3",
    unit: "share",
    definition: () => "Temps où tous les points d'une station sont occupés ÷ temps des stations sur la période.",
    value: (f) => f.saturation,
    higherIsBetter: false,
  },
  {
    key: "remise_en_service_mediane",
    label: "Délai de remise en service (médiane)",
    qualichargeCode: null,
    unit: "hours",
    definition: () =>
      "Un épisode commence au premier statut « hors service » d'un point et finit à son statut « en service » suivant. Médiane des durées des épisodes terminés sur la période ; les épisodes encore ouverts à sa fin sont comptés à part.",
    value: (f) => f.restoreMedianHours,
    higherIsBetter: false,
  },
  {
    key: "remise_en_service_moyenne",
    label: "Délai de remise en service (moyenne)",
    qualichargeCode: null,
    unit: "hours",
    definition: () => "Moyenne des durées des épisodes hors service terminés sur la période.",
    value: (f) => f.restoreMeanHours,
    higherIsBetter: false,
  },
  {
    key: "remise_en_service_p90",
    label: "Délai de remise en service (9e décile)",
    qualichargeCode: null,
    unit: "hours",
    definition: () => "Durée sous laquelle se terminent 90 % des épisodes hors service terminés sur la période.",
    value: (f) => f.restoreP90Hours,
    higherIsBetter: false,
  },
  {
    key: "episodes_termines",
    label: "Épisodes hors service terminés",
    qualichargeCode: null,
    unit: "count",
    definition: () => "Nombre d'épisodes hors service terminés (remise en service) sur la période.",
    value: (f) => f.restored,
    higherIsBetter: false,
  },
  {
    key: "episodes_en_cours",
    label: "Épisodes hors service en cours à la fin",
    qualichargeCode: null,
    unit: "count",
    definition: () => "Épisodes commencés avant la fin de la période et pas encore terminés à sa fin (durée censurée).",
    value: (f) => f.openAtEnd,
    higherIsBetter: false,
  },
  {
    key: "hors_service_7j",
    label: "Points hors service depuis plus de 7 jours",
    qualichargeCode: null,
    unit: "share",
    definition: () => "Part des points dont l'épisode hors service en cours à la fin de la période a commencé plus de 7 jours avant.",
    value: (f) => f.outOver7DaysShare,
    higherIsBetter: false,
  },
  {
    key: "fraicheur",
    label: "Délai moyen de réception des statuts",
    qualichargeCode: null,
    unit: "seconds",
    definition: () => "Moyenne du délai entre l'horodatage d'un statut et sa réception par le portail.",
    value: (f) => f.freshnessSeconds,
    higherIsBetter: false,
  },
];

export const QOS_INDICATOR_KEYS = QOS_INDICATORS.map((i) => i.key);

export function qosIndicator(key: string | undefined): QosIndicator {
  return QOS_INDICATORS.find((i) => i.key === key) ?? QOS_INDICATORS[0];
}

const decimals = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const integers = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

/** "97,3 %", "4,5 h", "12 s", "3"; "—" without a value. */
export function formatQosValue(unit: QosUnit, v: number | null): string {
  if (v === null) return "—";
  if (unit === "share") return `${decimals.format(v * 100)} %`;
  if (unit === "hours") return `${decimals.format(v)} h`;
  if (unit === "seconds") return `${integers.format(v)} s`;
  return integers.format(v);
}

/** The value as a CSV or chart number: shares in percent, rounded to 0.01. */
export function qosNumber(unit: QosUnit, v: number | null): number | null {
  if (v === null) return null;
  return Math.round((unit === "share" ? v * 100 : v) * 100) / 100;
}

export const QOS_UNIT_LABEL: Record<QosUnit, string> = { share: "%", hours: "h", seconds: "s", count: "" };
