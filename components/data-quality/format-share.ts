const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 2 });

/** "0,1 %": a share (0–1) as the report shows it; a share below 0.005 % that is not zero reads "< 0,01 %". */
export function formatShare(share: number): string {
  if (share > 0 && share < 0.0001) return `< ${percent.format(0.0001)}`;
  return percent.format(share);
}
