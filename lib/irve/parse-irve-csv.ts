import { parse } from "csv-parse/sync";
import { IRVE_COLUMNS, IRVE_LABELS, irveRowSchema, type IrveColumn, type IrveRow, type IrveRowInput } from "@/lib/schemas/irve";
import { isKnownCommune } from "@/lib/dossiers/commune-codes";

// Reads a CSV in the national IRVE static schema (40 columns) or in the consolidated file's
// 59-column layout (same columns plus consolidation columns, and an unnamed index first), and
// validates every row. Nothing here touches the database.

export interface IrveCellError {
  /** Line in the file, header = 1 (what a spreadsheet shows). */
  line: number;
  column: string;
  message: string;
}

export interface ParsedIrveRow {
  line: number;
  row: IrveRow;
  /** Normalised text values in schema order, for storage and export. */
  values: Record<IrveColumn, string>;
}

export interface IrveParseResult {
  layout: "schema" | "consolidation";
  rowCount: number;
  valid: ParsedIrveRow[];
  errors: IrveCellError[];
  /** id_pdc_itinerance present on several lines (all but the first line are refused). */
  duplicates: { idPdcItinerance: string; lines: number[] }[];
}

const CONSOLIDATION_MARKERS = ["consolidated_longitude", "consolidated_latitude", "datagouv_dataset_id"];

/**
 * With `onProgress`, the validation yields to the event loop every 1,000 rows so that a
 * streaming response can send the progress while it runs.
 */
export async function parseIrveCsv(
  content: string,
  options: { today: string; onProgress?: (done: number, total: number) => void | Promise<void> },
): Promise<IrveParseResult> {
  const text = content.replace(/^\uFEFF/, "");
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
  const delimiter = firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as never;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    return {
      layout: "schema",
      rowCount: 0,
      valid: [],
      duplicates: [],
      errors: [{ line: err.lines ?? 1, column: "(fichier)", message: `CSV illisible : ${err.message}` }],
    };
  }
  if (records.length === 0) {
    return { layout: "schema", rowCount: 0, valid: [], duplicates: [], errors: [{ line: 1, column: "(fichier)", message: "Le fichier est vide." }] };
  }
  const header = records[0].record.map((h) => h.trim());
  const layout = CONSOLIDATION_MARKERS.some((m) => header.includes(m)) ? "consolidation" : "schema";
  const missing = IRVE_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return {
      layout,
      rowCount: records.length - 1,
      valid: [],
      duplicates: [],
      errors: [{ line: 1, column: "(en-tête)", message: `Colonnes manquantes : ${missing.join(", ")}` }],
    };
  }
  if (layout === "schema") {
    const unknown = header.filter((h) => h && !(IRVE_COLUMNS as readonly string[]).includes(h));
    if (unknown.length > 0) {
      return {
        layout,
        rowCount: records.length - 1,
        valid: [],
        duplicates: [],
        errors: [{ line: 1, column: "(en-tête)", message: `Colonnes inconnues du schéma IRVE : ${unknown.join(", ")}` }],
      };
    }
  }
  const index = new Map(IRVE_COLUMNS.map((c) => [c, header.indexOf(c)]));
  const schema = irveRowSchema({ today: options.today, isKnownCommune });
  const valid: ParsedIrveRow[] = [];
  const errors: IrveCellError[] = [];
  const seen = new Map<string, number[]>();
  const total = records.length - 1;

  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i];
    const line = info.lines;
    const input: IrveRowInput = {};
    for (const column of IRVE_COLUMNS) input[column] = record[index.get(column)!] ?? "";
    const pdc = input.id_pdc_itinerance?.trim();
    if (pdc) seen.set(pdc, [...(seen.get(pdc) ?? []), line]);
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ line, column: String(issue.path[0] ?? "(ligne)"), message: issue.message });
    } else if ((seen.get(pdc!) ?? []).length > 1) {
      errors.push({ line, column: "id_pdc_itinerance", message: `${IRVE_LABELS.id_pdc_itinerance} ${pdc} en double (déjà ligne ${seen.get(pdc!)![0]})` });
    } else {
      valid.push({ line, row: parsed.data, values: normalisedValues(parsed.data) });
    }
    if (options.onProgress && (i % 1000 === 0 || i === total)) {
      await options.onProgress(i, total);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const duplicates = [...seen].filter(([, lines]) => lines.length > 1).map(([idPdcItinerance, lines]) => ({ idPdcItinerance, lines }));
  return { layout, rowCount: total, valid, errors, duplicates };
}

/** Text values as the export writes them: trimmed, booleans as true/false, numbers plain. */
function normalisedValues(row: IrveRow): Record<IrveColumn, string> {
  const out = {} as Record<IrveColumn, string>;
  for (const column of IRVE_COLUMNS) {
    const value = row[column];
    if (value === undefined) out[column] = "";
    else if (typeof value === "boolean") out[column] = value ? "true" : "false";
    else if (typeof value === "number") out[column] = String(value);
    else if (typeof value === "object") out[column] = `[${value.lon}, ${value.lat}]`;
    else out[column] = value;
  }
  return out;
}
