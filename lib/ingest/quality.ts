// Quality flags: data that is possible but implausible is stored, flagged, answered as a warning
// and left out of indicators. Thresholds (documented in docs/api-advenir.md):
//   duree_excessive               an operation or curve lasting more than 7 days;
//   energie_superieure_puissance  an operation whose energy exceeds what the station can deliver
//                                 over its duration: nominal power per point × number of points
//                                 (data may aggregate all points) × duration, + 10 %, + 1 Wh
//                                 (meter resolution);
//   saut_de_puissance             a curve with an interval between two consecutive points whose
//                                 energy exceeds that same ceiling over the interval.

export const MAX_DURATION_S = 7 * 86_400;
export const POWER_TOLERANCE = 0.1;
export const RESOLUTION_WH = 1;

export type QualityFlag = "duree_excessive" | "energie_superieure_puissance" | "saut_de_puissance";

export const QUALITY_MESSAGES: Record<QualityFlag, string> = {
  duree_excessive: "durée supérieure à 7 jours : données enregistrées mais exclues des indicateurs",
  energie_superieure_puissance:
    "énergie supérieure à ce que la puissance nominale de la station permet sur cette durée : données enregistrées mais exclues des indicateurs",
  saut_de_puissance:
    "saut d'énergie entre deux points supérieur à ce que la puissance nominale de la station permet : données enregistrées mais exclues des indicateurs",
};

/** Most energy (Wh) a station can deliver in `seconds`, tolerance included. */
export function maxEnergyWh(stationPowerKw: number, seconds: number): number {
  return (stationPowerKw * 1000 * seconds * (1 + POWER_TOLERANCE)) / 3600 + RESOLUTION_WH;
}

export function operationFlags(op: { startS: number; stopS: number; startWh: number; stopWh: number }, stationPowerKw: number): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const duration = op.stopS - op.startS;
  if (duration > MAX_DURATION_S) flags.push("duree_excessive");
  if (op.stopWh - op.startWh > maxEnergyWh(stationPowerKw, duration)) flags.push("energie_superieure_puissance");
  return flags;
}

export function curveFlags(curve: { timestamps: number[]; values: number[] }, stationPowerKw: number): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const { timestamps: t, values: v } = curve;
  if (t[t.length - 1] - t[0] > MAX_DURATION_S) flags.push("duree_excessive");
  for (let i = 1; i < t.length; i++) {
    if (v[i] - v[i - 1] > maxEnergyWh(stationPowerKw, t[i] - t[i - 1])) {
      flags.push("saut_de_puissance");
      break;
    }
  }
  return flags;
}
