// CSV exports people open in a spreadsheet, in two formats:
//   "excel-fr" (default): what French Excel opens as columns: `;` between cells, decimal comma,
//              dates as jj/mm/aaaa hh:mm:ss (Paris time), UTF-8 with a byte-order mark;
//   "standard": RFC 4180 for programs: `,` between cells, decimal point, ISO 8601 instants (UTC),
//              UTF-8 without byte-order mark.
// Both end lines with CRLF and quote cells when needed. A text cell that a spreadsheet would run
// as a formula (=, +, -, @ first) is prefixed with an apostrophe: exported names and labels are
// typed by people.

import { parisParts } from "@/lib/platform/time/paris-time";

export type CsvFormat = "excel-fr" | "standard";
export type CsvCell = string | number | boolean | Date | null | undefined;

export const CSV_FORMATS: readonly CsvFormat[] = ["excel-fr", "standard"];

/** The format asked for in a query string (`format=standard`), French Excel otherwise. */
export function csvFormatOf(value: string | null | undefined): CsvFormat {
  return value === "standard" ? "standard" : "excel-fr";
}

/** "jj/mm/aaaa hh:mm:ss" in Paris time. */
function parisDateTime(d: Date): string {
  const p = parisParts(d);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

function text(value: CsvCell, format: CsvFormat): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return format === "standard" ? value.toISOString() : parisDateTime(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    // Plain digits (no thousands separator, no exponent for ordinary values): spreadsheets read them as numbers.
    const plain = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
    return format === "standard" ? plain : plain.replace(".", ",");
  }
  if (typeof value === "boolean") return format === "standard" ? String(value) : value ? "oui" : "non";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quote(cell: string, separator: string): string {
  return cell.includes(separator) || /["\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * The CSV text of a header and rows; `preamble` lines (e.g. what the file holds) come first, each
 * a single cell, or several cells when given as an array.
 */
export function formatCsv(header: string[], rows: CsvCell[][], options: { format?: CsvFormat; preamble?: (string | CsvCell[])[] } = {}): string {
  const format = options.format ?? "excel-fr";
  const separator = format === "standard" ? "," : ";";
  const line = (cells: CsvCell[]) => cells.map((c) => quote(text(c, format), separator)).join(separator);
  const lines = [...(options.preamble ?? []).map((p) => line(Array.isArray(p) ? p : [p])), line(header), ...rows.map(line)];
  return `${format === "excel-fr" ? "\uFEFF" : ""}${lines.join("\r\n")}\r\n`;
}

/** A file name safe in a Content-Disposition header: letters, digits, dot, dash, underscore. */
export function csvFileName(parts: string[]): string {
  const base = parts
    .map((p) =>
      p
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[^A-Za-z0-9._-]+/g, "-")
        .replace(/^-+|-+$/g, ""),
    )
    .filter(Boolean)
    .join("_");
  return `${base || "export"}.csv`;
}

/** HTTP headers of a CSV download. */
export function csvHeaders(fileName: string): Record<string, string> {
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${fileName}"`,
    "cache-control": "no-store",
  };
}
