import type { BenchPoint } from "./context";

// Statuses as an operator's client posts them: random points, horodatage in the last 23 hours.

const ETATS = ["en_service", "en_service", "en_service", "hors_service", "inconnu"];
const OCCUPATIONS = ["libre", "libre", "occupe", "reserve", "inconnu"];

export interface PostedStatus {
  id_pdc_itinerance: string;
  etat_pdc: string;
  occupation_pdc: string;
  horodatage: string;
  etat_prise_type_2: string;
}

export function randomStatus(points: BenchPoint[], i: number, now = Date.now()): PostedStatus {
  const point = points[Math.floor(Math.random() * points.length)];
  return {
    id_pdc_itinerance: point.idPdcItinerance,
    etat_pdc: ETATS[i % ETATS.length],
    occupation_pdc: OCCUPATIONS[(i >> 2) % OCCUPATIONS.length],
    horodatage: new Date(now - 60_000 - Math.floor(Math.random() * 23 * 3_600_000)).toISOString(),
    etat_prise_type_2: "fonctionnel",
  };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
