import { GEO_FILES, readDataFile } from "@/lib/reference-data/reference-files";

// Département and région boundaries shipped in data/geo (IGN Admin Express via
// france-geojson, Licence Ouverte; simplified to ~100 m), for the choropleth. WGS84,
// properties {code, nom}; overseas départements and régions included.

export interface BoundaryFeature {
  type: "Feature";
  properties: { code: string; nom: string };
  geometry: { type: "MultiPolygon"; coordinates: number[][][][] };
}

export interface BoundaryCollection {
  type: "FeatureCollection";
  features: BoundaryFeature[];
}

const cache = new Map<string, BoundaryCollection>();

export function getBoundaries(level: "departement" | "region"): BoundaryCollection {
  let fc = cache.get(level);
  if (!fc) {
    fc = JSON.parse(readDataFile(level === "region" ? GEO_FILES.regionBoundaries : GEO_FILES.departementBoundaries).toString("utf8")) as BoundaryCollection;
    cache.set(level, fc);
  }
  return fc;
}
