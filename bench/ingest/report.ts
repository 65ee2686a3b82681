import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// The "Ingestion over HTTP" section of docs/benchmarks.md, between its markers: only this
// section is added or replaced; the others belong to other benchmarks.

export const START = "<!-- bench:ingest -->";
export const END = "<!-- /bench:ingest -->";

export function writeSection(markdown: string): string {
  const file = path.join(process.cwd(), "docs", "benchmarks.md");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const block = `${START}\n${markdown.trim()}\n${END}`;
  const s = current.indexOf(START);
  const e = current.indexOf(END);
  const next = s >= 0 && e > s ? current.slice(0, s) + block + current.slice(e + END.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
  return file;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const mib = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MiB`;
export const verdict = (ok: boolean) => (ok ? "✅ met" : "❌ missed");
