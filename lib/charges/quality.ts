// Charges as the core knows them, whatever door they came through (ADVENIR operations and curves
// today, QualiCharge sessions next): meter readings in Wh, times in seconds.

/** A charge operation's readings: start and stop times (s) and meter index (Wh). */
export interface OperationReadings {
  startS: number;
  stopS: number;
  startWh: number;
  stopWh: number;
}

/** Where a curve's cumulative index decreases (sorted positions; `rank` is the point's place in the body). */
export interface IndexDecrease {
  /** The first point lower than its predecessor. */
  at: { index: number; rank: number };
  /** The one point whose removal leaves a non-decreasing series, when there is one (and its energy is unambiguous). */
  outlier: { index: number; rank: number } | null;
}

/** A load curve's readings: sorted timestamps (s), the cumulative index (Wh), its energy and where it decreases. */
export interface CurveReadings {
  timestamps: number[];
  values: number[];
  /** Energy delivered (Wh), null when a decreasing index leaves it undetermined. */
  energyWh: number | null;
  decrease: IndexDecrease | null;
}

// Quality flags: data that is possible but implausible is stored, flagged, answered as a warning
// and left out of indicators. Thresholds (documented in docs/api-advenir.md):
//   duree_excessive               an operation or curve lasting more than 7 days;
//   energie_superieure_puissance  an operation whose energy exceeds what the station can deliver
//                                 over its duration: nominal power per point × number of points
//                                 (data may aggregate all points) × duration, + 10 %, + 1 Wh
//                                 (meter resolution);
//   saut_de_puissance             a curve with an interval between two consecutive points whose
//                                 energy exceeds that same ceiling over the interval;
//   energie_excessive             an operation or curve delivering more than 1,000 kWh, whatever
//                                 the station's power (QualiCharge's absolute rule);
//   index_decroissant             a cumulative index that decreases: an operation's StopValue
//                                 below its StartValue, or a curve with a point below the one
//                                 before it (docs/decisions/0007-implausible-is-not-impossible.md).

export const MAX_DURATION_S = 7 * 86_400;
export const POWER_TOLERANCE = 0.1;
export const RESOLUTION_WH = 1;
/** QualiCharge refuses sessions above 1,000 kWh and counts them as a quality failure. */
export const MAX_ENERGY_WH = 1_000_000;

export const QUALITY_FLAGS = ["duree_excessive", "energie_superieure_puissance", "saut_de_puissance", "energie_excessive", "index_decroissant"] as const;
export type QualityFlag = (typeof QUALITY_FLAGS)[number];

const EXCLUDED = "données enregistrées mais exclues des indicateurs";

export const QUALITY_MESSAGES: Record<QualityFlag, string> = {
  duree_excessive: `durée supérieure à 7 jours : ${EXCLUDED}`,
  energie_superieure_puissance: `énergie supérieure à ce que la puissance nominale de la station permet sur cette durée : ${EXCLUDED}`,
  saut_de_puissance: `saut d'énergie entre deux points supérieur à ce que la puissance nominale de la station permet : ${EXCLUDED}`,
  energie_excessive: `énergie supérieure à 1 000 kWh pour une seule charge : ${EXCLUDED}`,
  index_decroissant: `index d'énergie cumulée qui décroît : ${EXCLUDED}`,
};

/** Short French labels of the flags, for pages (the full explanations are QUALITY_MESSAGES). */
export const FLAG_LABELS: Record<QualityFlag, string> = {
  duree_excessive: "Durée supérieure à 7 jours",
  energie_superieure_puissance: "Énergie supérieure à la puissance de la station",
  saut_de_puissance: "Saut d'énergie entre deux points",
  energie_excessive: "Énergie supérieure à 1 000 kWh",
  index_decroissant: "Index d'énergie décroissant",
};

export function flagLabel(flag: string): { label: string; explanation: string } {
  const known = flag in FLAG_LABELS ? (flag as QualityFlag) : null;
  return known ? { label: FLAG_LABELS[known], explanation: QUALITY_MESSAGES[known] } : { label: flag, explanation: "" };
}

/** A transaction's flags, with what the warning adds to a flag's message. */
export interface Assessment {
  readonly flags: readonly QualityFlag[];
  readonly details: Readonly<Partial<Record<QualityFlag, string>>>;
}

const NO_FLAG: Assessment = Object.freeze({ flags: Object.freeze([]), details: Object.freeze({}) });

/** Most energy (Wh) a station can deliver in `seconds`, tolerance included. */
export function maxEnergyWh(stationPowerKw: number, seconds: number): number {
  return (stationPowerKw * 1000 * seconds * (1 + POWER_TOLERANCE)) / 3600 + RESOLUTION_WH;
}

const wh = (v: number) => `${v} Wh`;

export function assessOperation(op: OperationReadings, stationPowerKw: number): Assessment {
  const duration = op.stopS - op.startS;
  const energy = op.stopWh - op.startWh;
  const tooLong = duration > MAX_DURATION_S;
  const aboveThePower = energy > maxEnergyWh(stationPowerKw, duration);
  const aboveTheCeiling = energy > MAX_ENERGY_WH;
  const decreasing = energy < 0;
  // Most operations raise no flag: they share one assessment (a large body has 50,000 of them).
  if (!tooLong && !aboveThePower && !aboveTheCeiling && !decreasing) return NO_FLAG;
  const flags: QualityFlag[] = [];
  if (tooLong) flags.push("duree_excessive");
  if (aboveThePower) flags.push("energie_superieure_puissance");
  if (aboveTheCeiling) flags.push("energie_excessive");
  if (decreasing) flags.push("index_decroissant");
  const details: Partial<Record<QualityFlag, string>> = {};
  if (decreasing) details.index_decroissant = `StopValue (${wh(op.stopWh)}) inférieur à StartValue (${wh(op.startWh)}) : énergie indéterminée`;
  return { flags, details };
}

export function assessCurve(curve: CurveReadings, stationPowerKw: number): Assessment {
  const a = { flags: [] as QualityFlag[], details: {} as Partial<Record<QualityFlag, string>> };
  const { timestamps: t, values: v, decrease } = curve;
  if (t[t.length - 1] - t[0] > MAX_DURATION_S) a.flags.push("duree_excessive");
  // Intervals between consecutive points, stepping over the outlier; none when the index is ambiguous.
  if (!decrease || decrease.outlier) {
    const skip = decrease?.outlier?.index ?? -1;
    let prev = -1;
    for (let i = 0; i < t.length; i++) {
      if (i === skip) continue;
      if (prev >= 0 && v[i] - v[prev] > maxEnergyWh(stationPowerKw, t[i] - t[prev])) {
        a.flags.push("saut_de_puissance");
        break;
      }
      prev = i;
    }
  }
  if (curve.energyWh !== null && curve.energyWh > MAX_ENERGY_WH) a.flags.push("energie_excessive");
  if (decrease) {
    a.flags.push("index_decroissant");
    const { index, rank } = decrease.at;
    const fall = `point ${rank} (timestamp ${t[index]}) : ${wh(v[index])} après ${wh(v[index - 1])} au timestamp ${t[index - 1]}`;
    a.details.index_decroissant = decrease.outlier
      ? `${fall} ; un seul point rompt la croissance (point ${decrease.outlier.rank}, timestamp ${t[decrease.outlier.index]}) : énergie calculée sans lui, ${wh(curve.energyWh!)}`
      : `${fall} ; aucun point isolé n'explique la baisse (deux compteurs sous une même transaction ?) : énergie indéterminée`;
  }
  return a;
}

/** The warning of each flag: "<flag> : <explanation> (<detail>)". */
export function flagMessages(a: Assessment): string[] {
  if (a.flags.length === 0) return [];
  return a.flags.map((f) => `${f} : ${QUALITY_MESSAGES[f]}${a.details[f] ? ` (${a.details[f]})` : ""}`);
}
