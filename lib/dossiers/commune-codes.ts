import { AppError } from "@/lib/platform/errors";
import { GEO_FILES, readDataFile } from "@/lib/reference-data/reference-files";

// The official INSEE code list (COG 2024, shipped in data/geo, arrondissements included), read
// once per process: a dossier's commune must exist, not just look like a code.
let codes: Set<string> | undefined;

function communeCodes(): Set<string> {
  if (!codes) {
    const lines = readDataFile(GEO_FILES.communes).toString("utf8").split("\n").slice(1);
    codes = new Set(lines.map((l) => l.slice(0, l.indexOf(","))).filter(Boolean));
  }
  return codes;
}

export function isKnownCommune(code: string): boolean {
  return communeCodes().has(code);
}

/** Refuses an INSEE code absent from the official list, naming the field. */
export function assertKnownCommune(code: string, path = "inseeCode"): void {
  if (!isKnownCommune(code))
    throw new AppError("INVALID_INPUT", `Le code INSEE ${code} n'existe pas dans le code officiel géographique 2024.`, [
      { path, message: `code INSEE ${code} inconnu du code officiel géographique (vérifiez : ce n'est pas le code postal)` },
    ]);
}
