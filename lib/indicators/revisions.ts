import type { IndicatorCode } from "@/lib/schemas/indicator-catalogue";

// Revised figures (issue 14, docs/indicators.md § Runs, publication and revisions).
//
// A full run publishes every figure of the calendar years it covers and replaces, for those
// years, the run published before it: the earlier run stays stored as it was published (its
// figures are never rewritten) and is marked revised once newer runs have replaced it for every
// year it covered. A figure of the new run is "revised" when it differs from the last figure
// published for the same cell (indicator × mesh × period × channel); it then carries the time of
// the run that changed it and why, and keeps them in later runs as long as it does not change
// again. Why: a change of the computation method that touches the indicator, else data received
// or corrected since.

/** Version of the computation method written on each run. */
export const METHOD_VERSION = 2;

/** Changes of method: from `version` on, the indicators listed are computed differently. */
export const METHOD_CHANGES: { version: number; reason: string; codes: IndicatorCode[] }[] = [
  { version: 2, reason: "puissance_par_point", codes: ["installed_power_kw", "coincidence_factor", "load_factor"] },
];

/** The short French note shown next to a revised figure and in the CSV exports. */
export const REVISION_NOTES: Record<string, string> = {
  puissance_par_point:
    "puissance installée recalculée point de charge par point de charge (puissance par point × nombre de points) ; elle ne comptait qu'un point par station",
  donnees: "données reçues ou corrigées après le calcul précédent",
};

export function revisionNote(reason: string | null | undefined): string {
  return (reason && REVISION_NOTES[reason]) ?? REVISION_NOTES.donnees;
}
