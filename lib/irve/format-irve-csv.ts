import { IRVE_COLUMNS, type IrveColumn } from "@/lib/schemas/irve";

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV in the national IRVE static schema: header in schema order, comma-separated, UTF-8. */
export function formatIrveCsv(rows: Iterable<Record<IrveColumn, string>>): string {
  const lines = [IRVE_COLUMNS.join(",")];
  for (const row of rows) lines.push(IRVE_COLUMNS.map((c) => cell(row[c] ?? "")).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
