// Field rules of the national IRVE static schema (etalab schema-irve v2.3.0), plus the checks the
// schema cannot express: eMI3 station/point prefixes, PDL required for a direct connection,
// coordinates inside France (overseas included), commissioning date not in the future.

/** eMI3 station id as the schema describes it: "FR" + 3-character AFIREV operator code + "P"
 *  + id, no separators, at most 35 characters. */
export const EMI3_STATION = /^FR[A-Z0-9]{3}P[A-Z0-9]{1,29}$/;
/** eMI3 charge-point (EVSE) id: "FR" + operator code + "E" + id. */
export const EMI3_POINT = /^FR[A-Z0-9]{3}E[A-Z0-9]{1,29}$/;
/** The schema's own pattern, shared by both ids. */
export const SCHEMA_ITINERANCE = /^[A-Z]{2}[A-Z0-9]{4,33}$/;

export function emi3Prefix(id: string): string {
  return id.slice(0, 5);
}

/** The schema's "format: email" fields. Deliberately plain: one @, a dot in the domain, no space. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** INSEE commune code format (the list check is separate: lib/irve/insee.ts). */
export const INSEE_CODE = /^([013-9]\d|2[AB1-9])\d{3}$/;

/** Enedis PDL / PRM: 14 digits. */
export const PDL = /^\d{14}$/;

// Opening hours: "24/7", or comma-separated OSM-style rules "Mo-Fr 08:00-12:00" where days are
// optional and a rule may list several time ranges ("Mo-Fr 08:00-12:00 14:00-18:00").
const DAY = "(Mo|Tu|We|Th|Fr|Sa|Su|PH)";
const DAYS = `${DAY}(-${DAY})?(,${DAY}(-${DAY})?)*`;
const TIME = "([01]?\\d|2[0-4]):[0-5]\\d";
const RANGE = `${TIME}-${TIME}`;
const RULE = `(${DAYS} )?(${RANGE})( ${RANGE})*|${DAYS} off`;
export const HORAIRES = new RegExp(`^(24/7|(${RULE})(, ?(${RULE}))*)$`);

interface Box {
  name: string;
  lon: [number, number];
  lat: [number, number];
}

// Generous boxes around each territory of the French Republic where IRVE are declared.
export const FRENCH_TERRITORIES: Box[] = [
  { name: "France métropolitaine et Corse", lon: [-5.3, 9.7], lat: [41.3, 51.2] },
  { name: "Guadeloupe", lon: [-61.9, -60.9], lat: [15.8, 16.6] },
  { name: "Martinique", lon: [-61.3, -60.8], lat: [14.3, 14.95] },
  { name: "Guyane", lon: [-54.7, -51.5], lat: [2.1, 5.9] },
  { name: "La Réunion", lon: [55.2, 55.9], lat: [-21.45, -20.8] },
  { name: "Mayotte", lon: [44.9, 45.35], lat: [-13.1, -12.6] },
  { name: "Saint-Pierre-et-Miquelon", lon: [-56.5, -56.1], lat: [46.7, 47.2] },
  { name: "Saint-Barthélemy et Saint-Martin", lon: [-63.2, -62.7], lat: [17.8, 18.2] },
  { name: "Polynésie française", lon: [-154.8, -134.4], lat: [-27.7, -7.8] },
  { name: "Nouvelle-Calédonie", lon: [163.5, 168.2], lat: [-22.9, -19.5] },
  { name: "Wallis-et-Futuna", lon: [-178.3, -176.1], lat: [-14.4, -13.1] },
];

export function territoryOf(lon: number, lat: number): string | null {
  const box = FRENCH_TERRITORIES.find((b) => lon >= b.lon[0] && lon <= b.lon[1] && lat >= b.lat[0] && lat <= b.lat[1]);
  return box?.name ?? null;
}

/** "[lon, lat]" (the schema's geopoint as array) → numbers, or null when unreadable. */
export function parseCoordinates(value: string): { lon: number; lat: number } | null {
  const match = /^\s*\[\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\]\s*$/.exec(value);
  if (!match) return null;
  return { lon: Number(match[1]), lat: Number(match[2]) };
}

const TRUE = new Set(["true", "1", "oui", "vrai"]);
const FALSE = new Set(["false", "0", "non", "faux"]);

/** Frictionless-style booleans as found in real files: true/True/TRUE/1, false/False/FALSE/0. */
export function parseBoolean(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return null;
}
