import type { PrismaClient } from "@/generated/prisma/client";
import { parseIrveCsv, type IrveCellError } from "@/lib/irve/parse-irve-csv";
import { declareChargePoints, type DeclareResult } from "@/lib/irve/declare-charge-points";
import { parisDay } from "@/lib/platform/time/paris-time";

export type ImportMode = "tout-ou-rien" | "lignes-valides";

export interface ImportReport {
  layout: "schema" | "consolidation";
  rowCount: number;
  validCount: number;
  errors: IrveCellError[];
  duplicates: { idPdcItinerance: string; lines: number[] }[];
  /** Null when nothing was stored (all-or-nothing with errors, or no valid row). */
  stored: DeclareResult | null;
}

/**
 * Imports an IRVE static-data CSV into a GIREVE dossier: validates every row, then stores all
 * rows (only when every row is valid) or the valid rows only, as the user chose.
 */
export async function importIrveFile(
  input: {
    dossierId: string;
    content: string;
    mode: ImportMode;
    actor: string;
    actorUserId?: string | null;
    onProgress?: (phase: "validation" | "enregistrement", done: number, total: number) => void | Promise<void>;
  },
  options: { prisma?: PrismaClient } = {},
): Promise<ImportReport> {
  const parsed = await parseIrveCsv(input.content, {
    today: parisDay(new Date()),
    onProgress: input.onProgress ? (done, total) => input.onProgress!("validation", done, total) : undefined,
  });
  const report: ImportReport = {
    layout: parsed.layout,
    rowCount: parsed.rowCount,
    validCount: parsed.valid.length,
    errors: parsed.errors,
    duplicates: parsed.duplicates,
    stored: null,
  };
  const refuse = parsed.valid.length === 0 || (input.mode === "tout-ou-rien" && parsed.errors.length > 0);
  if (refuse) return report;
  await input.onProgress?.("enregistrement", 0, parsed.valid.length);
  report.stored = await declareChargePoints({ dossierId: input.dossierId, rows: parsed.valid, actor: input.actor, actorUserId: input.actorUserId }, options);
  await input.onProgress?.("enregistrement", parsed.valid.length, parsed.valid.length);
  return report;
}
