import { parse } from "csv-parse/sync";
import { AppError, type FieldError } from "@/lib/platform/errors";
import { parisLocalToUtc } from "@/lib/platform/time/paris-time";

// Parsers of the carbon-intensity exports an admin imports. Both return hourly means in UTC;
// an hour without any value is absent (a coverage gap), never filled. Any invalid line makes the
// whole file invalid: errors name the line (1 = header) and the column, in French.

export type CarbonFormat = "electricitymaps" | "rte_eco2mix";

export interface ParsedCarbonSeries {
  format: CarbonFormat;
  /** UTC hour start (ms) → mean intensity g/kWh, ascending by hour. */
  hours: Map<number, number>;
  /** Data rows read, and rows ignored because they carried no intensity. */
  rowCount: number;
  ignoredRows: number;
}

const HOUR = 3_600_000;
const MAX_ERRORS = 20;

function readRows(content: string | Buffer, delimiter: string): { line: number; fields: string[] }[] {
  const text = typeof content === "string" ? content : content.toString("utf8");
  try {
    const records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return records.map((r) => ({ line: r.info.lines, fields: r.record.map((f) => f.trim()) }));
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new AppError("INVALID_INPUT", `Fichier illisible${line ? ` (ligne ${line})` : ""} : le format CSV n'est pas respecté.`);
  }
}

function fail(errors: FieldError[], what: string): never {
  const shown = errors.slice(0, MAX_ERRORS);
  const more = errors.length > shown.length ? ` (et ${errors.length - shown.length} autres)` : "";
  throw new AppError("INVALID_INPUT", `${what} invalide, rien n'a été importé : ${shown.map((e) => `${e.path} : ${e.message}`).join(" ; ")}${more}`, shown);
}

function at(line: number, column: string): string {
  return `ligne ${line}, colonne « ${column} »`;
}

function parseIntensity(raw: string): number | null | "invalid" {
  if (raw === "" || raw === "ND" || raw === "-") return null;
  const n = Number(raw.replace(",", "."));
  return Number.isFinite(n) && n >= 0 && n < 5000 ? n : "invalid";
}

/** Detects the format from the header line. */
export function detectCarbonFormat(content: string | Buffer): CarbonFormat {
  const head = (typeof content === "string" ? content : content.subarray(0, 4096).toString("utf8")).split(/\r?\n/, 1)[0];
  if (head.includes("Taux de CO2")) return "rte_eco2mix";
  if (/Datetime \(UTC\)/.test(head) && /Carbon Intensity/.test(head)) return "electricitymaps";
  throw new AppError(
    "INVALID_INPUT",
    "Format de fichier non reconnu : attendu un export eCO2mix de RTE (colonne « Taux de CO2 (g/kWh) ») ou un export horaire d'Electricity Maps (colonnes « Datetime (UTC) » et « Carbon Intensity … (direct) »).",
  );
}

const EM_DATE = [
  // 2022 exports: 01/01/2022 00:00
  { re: /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/, iso: (m: RegExpMatchArray) => `${m[3]}-${m[2]}-${m[1]}T${m[4]}:${m[5]}:00Z` },
  // 2023 exports: 2023-01-01 00:00:00 (also accepted: ISO with T and Z)
  {
    re: /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z?$/,
    iso: (m: RegExpMatchArray) => `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}Z`,
  },
];

/** Electricity Maps hourly CSV (`,`-separated, UTC, direct intensity). */
export function parseElectricityMaps(content: string | Buffer): ParsedCarbonSeries {
  const rows = readRows(content, ",");
  if (rows.length === 0) throw new AppError("INVALID_INPUT", "Fichier vide : aucune ligne à importer.");
  const header = rows[0].fields;
  const iDate = header.indexOf("Datetime (UTC)");
  const iValue = header.findIndex((h) => /^Carbon Intensity gCO.?eq\/kWh \(direct\)$/.test(h.normalize("NFKC")));
  const missing = [iDate < 0 && "Datetime (UTC)", iValue < 0 && "Carbon Intensity gCO₂eq/kWh (direct)"].filter(Boolean);
  if (missing.length)
    fail(
      missing.map((c) => ({ path: "ligne 1", message: `colonne « ${c} » absente` })),
      "En-tête",
    );
  const valueName = header[iValue];
  const errors: FieldError[] = [];
  const hours = new Map<number, number>();
  const seenAt = new Map<number, number>();
  let ignored = 0;
  for (const { line, fields } of rows.slice(1)) {
    if (fields.length !== header.length) {
      errors.push({ path: `ligne ${line}`, message: `${fields.length} colonnes au lieu de ${header.length}` });
      continue;
    }
    const raw = fields[iDate];
    const rule = EM_DATE.find((r) => r.re.test(raw));
    const text = rule ? rule.iso(raw.match(rule.re)!) : "";
    const parsedAt = Date.parse(text);
    // Date.parse rolls 31/02 over to March: only a date that prints back the same is valid.
    const t = !Number.isNaN(parsedAt) && new Date(parsedAt).toISOString().slice(0, 19) === text.slice(0, 19) ? parsedAt : NaN;
    if (Number.isNaN(t)) {
      errors.push({ path: at(line, "Datetime (UTC)"), message: `date « ${raw} » invalide (attendu JJ/MM/AAAA HH:MM ou AAAA-MM-JJ HH:MM:SS)` });
      continue;
    }
    if (t % HOUR !== 0) {
      errors.push({ path: at(line, "Datetime (UTC)"), message: `« ${raw} » n'est pas une heure pleine` });
      continue;
    }
    const v = parseIntensity(fields[iValue]);
    if (v === "invalid") {
      errors.push({ path: at(line, valueName), message: `intensité « ${fields[iValue]} » invalide (nombre positif en g/kWh attendu)` });
      continue;
    }
    if (seenAt.has(t)) {
      errors.push({ path: at(line, "Datetime (UTC)"), message: `heure ${raw} en double (déjà ligne ${seenAt.get(t)})` });
      continue;
    }
    seenAt.set(t, line);
    if (v === null) ignored++;
    else hours.set(t, v);
  }
  if (errors.length) fail(errors, "Fichier Electricity Maps");
  return { format: "electricitymaps", hours: sorted(hours), rowCount: rows.length - 1, ignoredRows: ignored };
}

const RTE_VALUE = "Taux de CO2 (g/kWh)";

/**
 * RTE eCO2mix export (`;`-separated, 15-minute rows in Paris time, in any order). The instant is
 * read from « Date - Heure » when present (it carries the UTC offset, so the repeated October
 * hour is unambiguous); otherwise from « Date » + « Heure » in Paris time, where the two
 * occurrences of a repeated wall-clock time are taken in file order (summer time first). Rows
 * without a value are ignored; hourly means average the quarter-hours present.
 */
export function parseRteEco2mix(content: string | Buffer): ParsedCarbonSeries {
  const rows = readRows(content, ";");
  if (rows.length === 0) throw new AppError("INVALID_INPUT", "Fichier vide : aucune ligne à importer.");
  const header = rows[0].fields;
  const iValue = header.indexOf(RTE_VALUE);
  const iStamp = header.indexOf("Date - Heure");
  const iDate = header.indexOf("Date");
  const iTime = header.indexOf("Heure");
  const errs: FieldError[] = [];
  if (iValue < 0) errs.push({ path: "ligne 1", message: `colonne « ${RTE_VALUE} » absente` });
  if (iStamp < 0 && (iDate < 0 || iTime < 0)) errs.push({ path: "ligne 1", message: "colonnes « Date - Heure » ou « Date » et « Heure » absentes" });
  if (errs.length) fail(errs, "En-tête");
  const errors: FieldError[] = [];
  const seenAt = new Map<number, number>();
  const sums = new Map<number, { sum: number; n: number }>();
  let ignored = 0;
  let dataRows = 0;
  for (const { line, fields } of rows.slice(1)) {
    // eCO2mix downloads end with a one-field disclaimer line.
    if (fields.length === 1) continue;
    dataRows++;
    if (fields.length < header.length) {
      errors.push({ path: `ligne ${line}`, message: `${fields.length} colonnes au lieu de ${header.length}` });
      continue;
    }
    let t: number;
    if (iStamp >= 0 && fields[iStamp] !== "") {
      const raw = fields[iStamp];
      t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/.test(raw) ? Date.parse(raw) : NaN;
      if (Number.isNaN(t)) {
        errors.push({ path: at(line, "Date - Heure"), message: `horodatage « ${raw} » invalide (attendu AAAA-MM-JJTHH:MM:SS+01:00)` });
        continue;
      }
    } else {
      const date = iDate >= 0 ? fields[iDate] : "";
      const time = iTime >= 0 ? fields[iTime] : "";
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        errors.push({ path: at(line, "Date"), message: `date « ${date} » invalide (attendu AAAA-MM-JJ)` });
        continue;
      }
      if (!/^\d{2}:\d{2}$/.test(time)) {
        errors.push({ path: at(line, "Heure"), message: `heure « ${time} » invalide (attendu HH:MM)` });
        continue;
      }
      const candidates = parisLocalToUtc(date, time);
      if (candidates.length === 0) {
        errors.push({ path: at(line, "Heure"), message: `${date} ${time} n'existe pas à Paris (passage à l'heure d'été)` });
        continue;
      }
      // Repeated October hour: first occurrence summer time, second winter time.
      const free = candidates.find((c) => !seenAt.has(c));
      t = free ?? candidates[0];
    }
    if (t % 900_000 !== 0) {
      errors.push({ path: at(line, iStamp >= 0 ? "Date - Heure" : "Heure"), message: "horodatage hors du pas de 15 minutes" });
      continue;
    }
    if (seenAt.has(t)) {
      errors.push({ path: at(line, iStamp >= 0 ? "Date - Heure" : "Heure"), message: `horodatage en double (déjà ligne ${seenAt.get(t)})` });
      continue;
    }
    seenAt.set(t, line);
    const v = parseIntensity(fields[iValue]);
    if (v === "invalid") {
      errors.push({ path: at(line, RTE_VALUE), message: `taux « ${fields[iValue]} » invalide (nombre positif en g/kWh attendu)` });
      continue;
    }
    if (v === null) {
      ignored++;
      continue;
    }
    const hour = t - (((t % HOUR) + HOUR) % HOUR);
    const s = sums.get(hour) ?? { sum: 0, n: 0 };
    s.sum += v;
    s.n++;
    sums.set(hour, s);
  }
  if (errors.length) fail(errors, "Fichier eCO2mix");
  const hours = new Map<number, number>();
  for (const [h, s] of sums) hours.set(h, s.sum / s.n);
  return { format: "rte_eco2mix", hours: sorted(hours), rowCount: dataRows, ignoredRows: ignored };
}

function sorted(m: Map<number, number>): Map<number, number> {
  return new Map([...m].sort(([a], [b]) => a - b));
}

/** Hours between the first and the last hour present that have no intensity, as UTC ranges. */
export function coverageGaps(hours: Map<number, number>): { from: string; to: string; hours: number }[] {
  const keys = [...hours.keys()];
  const gaps: { from: string; to: string; hours: number }[] = [];
  for (let i = 1; i < keys.length; i++) {
    const missing = (keys[i] - keys[i - 1]) / HOUR - 1;
    if (missing > 0) gaps.push({ from: new Date(keys[i - 1] + HOUR).toISOString(), to: new Date(keys[i]).toISOString(), hours: missing });
  }
  return gaps;
}

export function parseCarbonFile(content: string | Buffer, format?: CarbonFormat): ParsedCarbonSeries {
  const f = format ?? detectCarbonFormat(content);
  return f === "rte_eco2mix" ? parseRteEco2mix(content) : parseElectricityMaps(content);
}
