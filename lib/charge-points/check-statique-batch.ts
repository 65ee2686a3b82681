import { STATION_FIELDS, type Statique } from "@/lib/schemas/qualicharge-statique";
import { canonicalJson } from "@/lib/charge-points/record-declarations";
import { StatiqueRefused } from "@/lib/charge-points/statique-errors";

// The consistency of one write (a bulk) that no single item shows: the points of one station
// carry identical station fields, one coordinate has one address, and a point sent twice is sent
// twice identically (then kept once). QualiCharge refuses these with a 400, storing nothing.

export function checkStatiqueBatch(items: Statique[]): Statique[] {
  const points = new Map<string, { item: Statique; text: string }>();
  const conflictingPoints = new Set<string>();
  for (const item of items) {
    const text = canonicalJson(item);
    const seen = points.get(item.id_pdc_itinerance);
    if (!seen) points.set(item.id_pdc_itinerance, { item, text });
    else if (seen.text !== text) conflictingPoints.add(item.id_pdc_itinerance);
  }
  if (conflictingPoints.size > 0) throw new StatiqueRefused({ kind: "inconsistent-point", ids: [...conflictingPoints] });
  const unique = [...points.values()].map((p) => p.item);

  const stations = new Map<string, string>();
  const conflictingStations = new Set<string>();
  const places = new Map<string, string>();
  const conflictingPlaces = new Set<string>();
  for (const item of unique) {
    const station = canonicalJson(STATION_FIELDS.map((f) => item[f]));
    const known = stations.get(item.id_station_itinerance);
    if (known === undefined) stations.set(item.id_station_itinerance, station);
    else if (known !== station) conflictingStations.add(item.id_station_itinerance);
    const place = canonicalJson([item.adresse_station, item.code_insee_commune]);
    const knownPlace = places.get(item.coordonneesXY);
    if (knownPlace === undefined) places.set(item.coordonneesXY, place);
    else if (knownPlace !== place) conflictingPlaces.add(item.coordonneesXY);
  }
  if (conflictingStations.size > 0) throw new StatiqueRefused({ kind: "inconsistent-station", stationIds: [...conflictingStations] });
  if (conflictingPlaces.size > 0) throw new StatiqueRefused({ kind: "inconsistent-place", coordinates: [...conflictingPlaces] });
  return unique;
}
