// A dossier moves through four states; the page shows the current one and what is missing.
export type DossierState = "brouillon" | "attestation_signee" | "stations_declarees" | "donnees_recues";

export const DOSSIER_STATE_LABELS: Record<DossierState, string> = {
  brouillon: "Brouillon",
  attestation_signee: "Attestation signée",
  stations_declarees: "Stations déclarées",
  donnees_recues: "Données reçues",
};

export interface DossierFacts {
  signed: boolean;
  stationCount: number;
  /** Charge points with IRVE static data (GIREVE channel). */
  declaredPointCount: number;
  channel: "ADVENIR" | "GIREVE";
  stationsWithData: number;
}

export function dossierState(f: DossierFacts): DossierState {
  if (!f.signed) return "brouillon";
  const registered = f.channel === "GIREVE" ? f.declaredPointCount > 0 : f.stationCount > 0;
  if (!registered) return "attestation_signee";
  return f.stationsWithData > 0 ? "donnees_recues" : "stations_declarees";
}

/** What the beneficiary (or its operator) still has to do, in French. */
export function missingSteps(f: DossierFacts): string[] {
  const steps: string[] = [];
  if (!f.signed) steps.push("Signer l'attestation sur l'honneur : aucune donnée n'est acceptée avant.");
  if (f.channel === "ADVENIR" && f.stationCount === 0) steps.push("Déclarer les stations et les identifiants (StationID) que l'opérateur enverra.");
  if (f.channel === "GIREVE" && f.declaredPointCount === 0) steps.push("Déclarer les données statiques IRVE de chaque point de charge.");
  if (f.stationCount > 0 && f.stationsWithData < f.stationCount)
    steps.push(`${f.stationCount - f.stationsWithData} station(s) sans données reçues : vérifiez avec votre opérateur.`);
  return steps;
}
