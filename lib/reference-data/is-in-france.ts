import { getBoundaries } from "@/lib/reference-data/get-boundaries";

// Whether a point (WGS84 longitude, latitude) lies in France as QualiCharge's Statique rule means
// it: metropolitan France, Corse and the five DROM (Guadeloupe, Martinique, Guyane, La Réunion,
// Mayotte). Tested against the région boundaries the portal ships (data/geo, IGN Admin Express,
// simplified to ~100 m, rings under ~0.5 km² dropped): a point up to TOLERANCE_KM outside a
// boundary is accepted, so that a station on a quay, a beach or a small island next to the coast
// is not refused because of the simplification. A planar ray cast in degrees is exact enough at
// this scale, and much faster than a spherical test on 84,000 vertices.

const TOLERANCE_KM = 2;
const KM_PER_DEGREE_LAT = 111.32;

interface Ring {
  points: number[][];
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

let rings: Ring[] | null = null;

function loadRings(): Ring[] {
  if (rings) return rings;
  const loaded: Ring[] = [];
  for (const feature of getBoundaries("region").features)
    for (const polygon of feature.geometry.coordinates)
      for (const points of polygon) {
        const lons = points.map((p) => p[0]);
        const lats = points.map((p) => p[1]);
        loaded.push({ points, minLon: Math.min(...lons), maxLon: Math.max(...lons), minLat: Math.min(...lats), maxLat: Math.max(...lats) });
      }
  rings = loaded;
  return loaded;
}

/** Even-odd ray cast: holes (inner rings) cancel their outer ring. */
function crossings(ring: Ring, lon: number, lat: number): number {
  let inside = 0;
  const p = ring.points;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
    const [xi, yi] = p[i];
    const [xj, yj] = p[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside ^= 1;
  }
  return inside;
}

/** Distance in km from the point to the ring's nearest edge (local equirectangular plane). */
function distanceKm(ring: Ring, lon: number, lat: number): number {
  const kx = KM_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180);
  const ky = KM_PER_DEGREE_LAT;
  let best = Infinity;
  const p = ring.points;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
    const ax = (p[j][0] - lon) * kx;
    const ay = (p[j][1] - lat) * ky;
    const bx = (p[i][0] - lon) * kx;
    const by = (p[i][1] - lat) * ky;
    const dx = bx - ax;
    const dy = by - ay;
    const length2 = dx * dx + dy * dy;
    const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

// Points of one station come together (a bulk repeats its coordinates on every point).
const memo = new Map<string, boolean>();

export function isInFrance(lon: number, lat: number): boolean {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return false;
  const key = `${lon},${lat}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  if (memo.size > 10_000) memo.clear();
  const answer = locate(lon, lat);
  memo.set(key, answer);
  return answer;
}

function locate(lon: number, lat: number): boolean {
  const all = loadRings();
  let parity = 0;
  for (const ring of all) if (lon >= ring.minLon && lon <= ring.maxLon && lat >= ring.minLat && lat <= ring.maxLat) parity ^= crossings(ring, lon, lat);
  if (parity === 1) return true;
  const marginLat = TOLERANCE_KM / KM_PER_DEGREE_LAT;
  const marginLon = marginLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.1);
  return all.some(
    (ring) =>
      lon >= ring.minLon - marginLon &&
      lon <= ring.maxLon + marginLon &&
      lat >= ring.minLat - marginLat &&
      lat <= ring.maxLat + marginLat &&
      distanceKm(ring, lon, lat) <= TOLERANCE_KM,
  );
}
