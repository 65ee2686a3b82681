import { geoConicConformal, geoMercator, geoPath, type GeoPermissibleObjects, type GeoProjection, type GeoStream } from "d3-geo";
import type { FeatureCollection, Geometry } from "geojson";

// The geometry of the choropleth (components/map/choropleth-map.tsx), computed once per boundary
// set and kept: metropolitan France in a conformal conic projection, each overseas département
// or région in its own inset. Paths are drawn for a 640-pixel map: a vertex closer than half a
// pixel to the previous one is dropped and coordinates keep one decimal, which takes the
// départements from 2.8 MB of path text to a few hundred kB with no visible difference.

export const MAP_WIDTH = 640;
export const MAP_HEIGHT = 600;
const OVERSEAS: Record<string, string> = { "971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion", "976": "Mayotte" };
const OVERSEAS_REGIONS: Record<string, string> = { "01": "971", "02": "972", "03": "973", "04": "974", "06": "976" };
const MIN_STEP_PX = 0.5;

export interface MapShape {
  code: string;
  nom: string;
  d: string;
}

export interface MapInset {
  shape: MapShape;
  label: string;
  box: [[number, number], [number, number]];
}

export interface ProjectedMap {
  metro: MapShape[];
  insets: MapInset[];
  insetWidth: number;
}

type Boundaries = FeatureCollection<Geometry, { code: string; nom: string }>;
export type MapLevel = "departement" | "region";

/** The overseas département a shape stands for (its inset), or null for metropolitan France. */
function overseasKey(level: MapLevel, code: string): string | null {
  if (level === "departement") return OVERSEAS[code] ? code : null;
  return OVERSEAS_REGIONS[code] ?? null;
}

/** The projection, followed by a filter that drops vertices closer than MIN_STEP_PX to the last one kept. */
function thinned(projection: GeoProjection) {
  return {
    stream(output: GeoStream): GeoStream {
      let lastX = NaN;
      let lastY = NaN;
      const filter: GeoStream = {
        point(x, y) {
          if (Math.abs(x - lastX) < MIN_STEP_PX && Math.abs(y - lastY) < MIN_STEP_PX) return;
          lastX = x;
          lastY = y;
          output.point(x, y);
        },
        lineStart() {
          lastX = lastY = NaN;
          output.lineStart();
        },
        lineEnd: () => output.lineEnd(),
        polygonStart: () => output.polygonStart(),
        polygonEnd: () => output.polygonEnd(),
        sphere: () => output.sphere?.(),
      };
      return projection.stream(filter);
    },
  };
}

const pathOf = (projection: GeoProjection) => geoPath(thinned(projection)).digits(1);

const cache = new WeakMap<Boundaries, ProjectedMap>();

/** Projected shapes of a boundary set (cached per set: the shipped boundaries are loaded once). */
export function projectMap(boundaries: Boundaries, level: MapLevel): ProjectedMap {
  const hit = cache.get(boundaries);
  if (hit) return hit;
  // Région codes 01–06 are the overseas régions; département codes 01–06 are Ain…Alpes-Maritimes.
  const metroFeatures = boundaries.features.filter((f) => !overseasKey(level, f.properties.code));
  const insetFeatures = boundaries.features.filter((f) => overseasKey(level, f.properties.code));
  const projection = geoConicConformal()
    .parallels([44, 49])
    .rotate([-3, 0])
    .fitExtent(
      [
        [10, 10],
        [MAP_WIDTH - 10, MAP_HEIGHT - 110],
      ],
      { type: "FeatureCollection", features: metroFeatures } as GeoPermissibleObjects,
    );
  const metroPath = pathOf(projection);
  const insetWidth = MAP_WIDTH / Math.max(insetFeatures.length, 1);
  const projected: ProjectedMap = {
    metro: metroFeatures.map((f) => ({ code: f.properties.code, nom: f.properties.nom, d: metroPath(f as GeoPermissibleObjects) ?? "" })),
    insets: insetFeatures.map((f, i) => {
      const x = i * insetWidth;
      const box: [[number, number], [number, number]] = [
        [x + 8, MAP_HEIGHT - 95],
        [x + insetWidth - 8, MAP_HEIGHT - 20],
      ];
      const d = pathOf(geoMercator().fitExtent(box, f as GeoPermissibleObjects))(f as GeoPermissibleObjects) ?? "";
      return { shape: { code: f.properties.code, nom: f.properties.nom, d }, label: OVERSEAS[overseasKey(level, f.properties.code)!], box };
    }),
    insetWidth,
  };
  cache.set(boundaries, projected);
  return projected;
}
