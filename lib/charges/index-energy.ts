import type { IndexDecrease } from "@/lib/charges/quality";

// A cumulative energy index, whatever door it came through (ADVENIR curves, GIREVE intermediate
// records): its energy and where it decreases (docs/decisions/0007-implausible-is-not-impossible.md).

/**
 * The energy of a cumulative series (sorted by time, n ≥ 3) and where it decreases. A single
 * drop at i (v[i] < v[i-1]) is explained by one point when removing v[i-1] (a spike) or v[i] (a
 * dip) leaves the series non-decreasing; when both would, the energy must not depend on the
 * choice. Two drops or more (two interleaved meters, a reset) have no such point: energy null.
 */
export function indexEnergy(v: number[], ranks: number[] | ((index: number) => number)): { energyWh: number | null; decrease: IndexDecrease | null } {
  const rankOf = typeof ranks === "function" ? ranks : (i: number) => ranks[i];
  const n = v.length;
  let drop = -1;
  for (let i = 1; i < n; i++) {
    if (v[i] >= v[i - 1]) continue;
    if (drop >= 0) return { energyWh: null, decrease: { at: { index: drop, rank: rankOf(drop) }, outlier: null } };
    drop = i;
  }
  if (drop < 0) return { energyWh: v[n - 1] - v[0], decrease: null };
  const at = { index: drop, rank: rankOf(drop) };
  const without = (k: number) => (k === n - 1 ? v[n - 2] : v[n - 1]) - (k === 0 ? v[1] : v[0]);
  const spike = drop - 1 === 0 || v[drop - 2] <= v[drop];
  const dip = drop === n - 1 || v[drop - 1] <= v[drop + 1];
  let outlier: number | null = null;
  if (spike && dip) outlier = without(drop - 1) === without(drop) ? drop : null;
  else if (spike) outlier = drop - 1;
  else if (dip) outlier = drop;
  if (outlier === null) return { energyWh: null, decrease: { at, outlier: null } };
  return { energyWh: without(outlier), decrease: { at, outlier: { index: outlier, rank: rankOf(outlier) } } };
}
