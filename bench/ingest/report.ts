import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// The "Ingestion over HTTP" section of docs/benchmarks.md, between its markers: only this
// section is added or replaced; the others belong to other benchmarks.

export const START = "<!-- bench:ingest -->";
export const END = "<!-- /bench:ingest -->";

/** Writes a section between its markers (`bench:<name>`), replacing only that section. */
export function writeSection(markdown: string, name = "ingest"): string {
  const file = path.join(process.cwd(), "docs", "benchmarks.md");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const [start, end] = name === "ingest" ? [START, END] : [`<!-- bench:${name} -->`, `<!-- /bench:${name} -->`];
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const s = current.indexOf(start);
  const e = current.indexOf(end);
  const next = s >= 0 && e > s ? current.slice(0, s) + block + current.slice(e + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
  return file;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const mib = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MiB`;
export const verdict = (ok: boolean) => (ok ? "✅ met" : "❌ missed");
