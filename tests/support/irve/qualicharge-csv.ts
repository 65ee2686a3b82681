import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { IRVE_COLUMNS } from "@/lib/schemas/irve";
import { formatIrveCsv } from "@/lib/irve/format-irve-csv";

// The 29,109 real charge points of the national consolidation (../shared/data/irve), converted
// from JSON lines to a CSV in the schema. The file is too large to copy into the repository;
// tests that need it say so when ../shared is absent.
export const QUALICHARGE_JSONL = path.resolve(process.cwd(), "..", "shared", "data", "irve", "qualicharge_irve-statique_2024.jsonl.gz");
export const DOUBLONS_CSV = path.resolve(process.cwd(), "..", "shared", "data", "irve", "consolidation-irve_subset_doublons_2024-06-05.csv.gz");

export function sharedDataAvailable(): boolean {
  return existsSync(QUALICHARGE_JSONL) && existsSync(DOUBLONS_CSV);
}

export function qualichargeCsv(): string {
  const lines = gunzipSync(readFileSync(QUALICHARGE_JSONL)).toString("utf8").split("\n").filter(Boolean);
  return formatIrveCsv(
    lines.map((l) => {
      const o = JSON.parse(l) as Record<string, string | null>;
      return Object.fromEntries(IRVE_COLUMNS.map((c) => [c, o[c] ?? ""])) as Record<(typeof IRVE_COLUMNS)[number], string>;
    }),
  );
}

export function doublonsCsv(): string {
  return gunzipSync(readFileSync(DOUBLONS_CSV)).toString("utf8");
}
