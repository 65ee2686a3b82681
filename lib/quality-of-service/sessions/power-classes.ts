// QualiCharge's power classes and its DC rule (../shared/docs/QUALICHARGE.md, "Indicators
// QualiCharge publishes"): [0, 7.4), [7.4, 22], (22, 50), [50, 150), [150, 350), ≥ 350 kW. 22 kW
// itself is in the second class (a closed bound there), 50 kW in the fourth. A point is DC when
// its nominal power is ≥ 50 kW or it has a CCS or CHAdeMO plug. The SQL below and these functions
// (usage-cells-sql.ts) say the same;
// the tests check both at every bound.

export const POWER_CLASSES = ["p0_7", "p7_22", "p22_50", "p50_150", "p150_350", "p350"] as const;
export type PowerClass = (typeof POWER_CLASSES)[number];

export const POWER_CLASS_LABELS: Record<PowerClass, string> = {
  p0_7: "moins de 7,4 kW",
  p7_22: "de 7,4 à 22 kW",
  p22_50: "plus de 22 à moins de 50 kW",
  p50_150: "de 50 à moins de 150 kW",
  p150_350: "de 150 à moins de 350 kW",
  p350: "350 kW et plus",
};

export function powerClassOf(kw: number): PowerClass {
  if (kw < 7.4) return "p0_7";
  if (kw <= 22) return "p7_22";
  if (kw < 50) return "p22_50";
  if (kw < 150) return "p50_150";
  if (kw < 350) return "p150_350";
  return "p350";
}

export function isDirectCurrent(kw: number, plugs: { combo_ccs: boolean; chademo: boolean }): boolean {
  return kw >= 50 || plugs.combo_ccs || plugs.chademo;
}
