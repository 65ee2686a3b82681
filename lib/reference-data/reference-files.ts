import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

// The reference files shipped in data/ (see data/README.md for their source and licence).

export const DATA_DIR = path.join(process.cwd(), "data");

export function readDataFile(relative: string): Buffer {
  const raw = readFileSync(/*turbopackIgnore: true*/ path.join(DATA_DIR, relative));
  return relative.endsWith(".gz") ? gunzipSync(raw) : raw;
}

/** Shipped default carbon series: one series from the two yearly Electricity Maps files. */
export const SHIPPED_CARBON_FILES = ["carbon/electricitymaps_FR_2022_hourly.csv.gz", "carbon/electricitymaps_FR_2023_hourly.csv.gz"];
export const SHIPPED_CARBON_NAME = "electricitymaps-fr";

export const GEO_FILES = {
  regions: "geo/regions-2024.csv",
  departements: "geo/departements-2024.csv",
  communes: "geo/communes-2024.csv.gz",
  departementBoundaries: "geo/departements-avec-outre-mer.geojson.gz",
  regionBoundaries: "geo/regions-avec-outre-mer.geojson.gz",
} as const;
