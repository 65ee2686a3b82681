import { readFileSync } from "node:fs";
import type { StationInput } from "@/lib/schemas/stations";
import { CliUsageError } from "@/cli/args";

const INT = /^\d+$/;
const DECIMAL = /^\d+([.,]\d+)?$/;
const toNumber = (v: string) => Number(v.replace(",", "."));

/** `--station CODE:points:kW`, split on the last two colons (codes may contain colons). */
export function parseStationSpec(spec: string): StationInput {
  const parts = spec.split(":");
  const kw = parts.pop();
  const points = parts.pop();
  const code = parts.join(":");
  if (!code || !points || !kw) throw new CliUsageError(`--station "${spec}" : format attendu CODE:points:kW (ex. ST-001:2:22).`);
  if (!INT.test(points)) throw new CliUsageError(`--station "${spec}" : nombre de points « ${points} » invalide (entier attendu).`);
  if (!DECIMAL.test(kw)) throw new CliUsageError(`--station "${spec}" : puissance « ${kw} » invalide (nombre de kW attendu, ex. 7.4).`);
  return { stationCode: code, pointCount: Number(points), nominalPowerKw: toNumber(kw) };
}

export const CSV_COLUMNS = ["station_code", "point_count", "nominal_power_kw", "insee_code"] as const;

/**
 * A CSV file with the header station_code,point_count,nominal_power_kw[,insee_code]. Comma or
 * semicolon separated (a French spreadsheet writes `;` and decimal commas); UTF-8, BOM allowed.
 */
export function parseStationsCsv(text: string, file = "fichier CSV"): StationInput[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines[0]?.trim() ?? "";
  const sep = header.includes(";") && !header.includes(",") ? ";" : ",";
  const columns = header.split(sep).map((c) => c.trim().toLowerCase());
  const expected = CSV_COLUMNS.slice(0, columns.length);
  if (columns.length < 3 || columns.length > 4 || columns.some((c, i) => c !== expected[i]))
    throw new CliUsageError(`${file} : en-tête attendu « station_code,point_count,nominal_power_kw[,insee_code] », trouvé « ${header} ».`);
  const stations: StationInput[] = [];
  lines.slice(1).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const where = `${file}, ligne ${i + 2}`;
    const cells = line.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
    if (cells.length !== columns.length) throw new CliUsageError(`${where} : ${columns.length} colonnes attendues, ${cells.length} trouvées.`);
    const [code, points, kw, insee] = cells;
    if (!INT.test(points)) throw new CliUsageError(`${where} : point_count « ${points} » invalide (entier attendu).`);
    if (!DECIMAL.test(kw)) throw new CliUsageError(`${where} : nominal_power_kw « ${kw} » invalide (nombre attendu).`);
    stations.push({ stationCode: code, pointCount: Number(points), nominalPowerKw: toNumber(kw), ...(insee ? { inseeCode: insee } : {}) });
  });
  if (stations.length === 0) throw new CliUsageError(`${file} : aucune station (seulement l'en-tête).`);
  return stations;
}

export function readStationsCsv(file: string): StationInput[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new CliUsageError(`--csv : impossible de lire ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  return parseStationsCsv(text, file);
}
