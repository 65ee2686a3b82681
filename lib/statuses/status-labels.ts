// The French words of a charge point's state and occupancy (etat_pdc, occupation_pdc as the core
// stores them, whatever the door: QualiCharge's values, and GIREVE's planned and deleted EVSEs,
// ADR 0022), for pages and exports. One place: every page says the same word for one state.

export const ETAT_PDC_LABELS: Record<string, string> = {
  en_service: "En service",
  hors_service: "Hors service",
  planifie: "Pas encore en service",
  supprime: "Supprimé",
  inconnu: "État inconnu",
};

export const OCCUPATION_PDC_LABELS: Record<string, string> = {
  libre: "Libre",
  occupe: "Occupé",
  reserve: "Réservé",
  inconnu: "Occupation inconnue",
};

/** The French word of a state; a value the portal does not know is shown as it is. */
export function etatPdcLabel(value: string): string {
  return Object.hasOwn(ETAT_PDC_LABELS, value) ? ETAT_PDC_LABELS[value] : value;
}

/** The French word of an occupancy; a value the portal does not know is shown as it is. */
export function occupationPdcLabel(value: string): string {
  return Object.hasOwn(OCCUPATION_PDC_LABELS, value) ? OCCUPATION_PDC_LABELS[value] : value;
}
