// The certified quantity of a statement (décret 2019-570 as amended in 2022, docs/tiruert.md).
// Provisionally, each quarter: declared energy × 25 %. In the year's last quarter, the year's
// certified quantity is recomputed with the share of renewable electricity in France observed by
// the European Commission over the two previous years (the mean of years Y−2 and Y−1, Eurostat
// SHARES RES-E), and the correction is that definitive quantity minus the provisional quantities
// of the year's four quarters. A missing share leaves the correction "en attente": never a guess.
// Quantities are in Wh, kept exact (energy in whole Wh × 25 % is a multiple of 0.25 Wh).

export const PROVISIONAL_SHARE_PERCENT = 25;

export function provisionalCertifiedWh(energyWh: number): number {
  return (energyWh * PROVISIONAL_SHARE_PERCENT) / 100;
}

export type Q4Correction =
  | { status: "en_attente"; shareYears: [number, number]; missingYears: number[] }
  | {
      status: "calculee";
      shareYears: [number, number];
      sharesPercent: [number, number];
      /** Mean of the two years' shares, in percent. */
      meanSharePercent: number;
      yearEnergyWh: number;
      provisionalCertifiedWh: number;
      definitiveCertifiedWh: number;
      correctionWh: number;
    };

/** Rounds to the hundredth of a Wh (the precision stored), away from float noise. */
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The Q4 correction of `year`, given the energy of its four quarters (Wh) and the shares known by year. */
export function q4Correction(input: { year: number; yearEnergyWh: number; shares: ReadonlyMap<number, number> }): Q4Correction {
  const shareYears: [number, number] = [input.year - 2, input.year - 1];
  const missingYears = shareYears.filter((y) => !input.shares.has(y));
  if (missingYears.length > 0) return { status: "en_attente", shareYears, missingYears };
  const sharesPercent: [number, number] = [input.shares.get(shareYears[0])!, input.shares.get(shareYears[1])!];
  const meanSharePercent = (sharesPercent[0] + sharesPercent[1]) / 2;
  const provisional = provisionalCertifiedWh(input.yearEnergyWh);
  const definitive = round2((input.yearEnergyWh * meanSharePercent) / 100);
  return {
    status: "calculee",
    shareYears,
    sharesPercent,
    meanSharePercent,
    yearEnergyWh: input.yearEnergyWh,
    provisionalCertifiedWh: provisional,
    definitiveCertifiedWh: definitive,
    correctionWh: round2(definitive - provisional),
  };
}
