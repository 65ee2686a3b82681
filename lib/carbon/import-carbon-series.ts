import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseCarbonFile } from "@/lib/carbon/parse-carbon-file";
import { CARBON_DEFAULTS, CARBON_LOCK_SQL, storeCarbonSeries } from "@/lib/carbon/store-carbon-series";
import { parseInput } from "@/lib/schemas/validation";
import { importCarbonSeriesSchema, type ImportCarbonSeriesInput } from "@/lib/schemas/reference-data";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { queryRows } from "@/lib/platform/db/sql";

/**
 * Imports an hourly carbon-intensity series (RTE eCO2mix export or Electricity Maps CSV, plain
 * or gzip) as a new version of its series. The whole file is validated first: on any error
 * nothing is stored and the French message names each line and column. Hours without intensity
 * are returned (and stored) as coverage gaps, never filled.
 */
export async function importCarbonSeries(input: ImportCarbonSeriesInput & AuditActor & { content: string | Buffer }, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(importCarbonSeriesSchema, input);
  const raw = typeof input.content === "string" ? Buffer.from(input.content, "utf8") : input.content;
  const content = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  const parsed = parseCarbonFile(content, data.format);
  const defaults = CARBON_DEFAULTS[parsed.format];
  const prisma = options.prisma ?? (await db());
  const stored = await prisma.$transaction(
    async (tx) => {
      await queryRows(tx, CARBON_LOCK_SQL);
      const series = await storeCarbonSeries(
        tx,
        {
          name: data.name ?? defaults.name,
          source: data.source ?? defaults.source,
          licence: data.licence ?? defaults.licence,
          attribution: data.attribution ?? defaults.attribution,
          fileSha256: createHash("sha256").update(content).digest("hex"),
          importedBy: who.actor,
        },
        parsed,
      );
      await recordAudit(
        {
          ...who,
          action: "carbon_series.imported",
          targetType: "carbon_series",
          targetId: String(series.id),
          details: {
            name: data.name ?? defaults.name,
            version: series.version,
            format: parsed.format,
            hours: series.hourCount,
            gapHours: series.gaps.reduce((n, g) => n + g.hours, 0),
          },
        },
        tx,
      );
      return series;
    },
    { timeout: 60_000 },
  );
  return {
    ...stored,
    name: data.name ?? defaults.name,
    format: parsed.format,
    rowCount: parsed.rowCount,
    ignoredRows: parsed.ignoredRows,
    gapHours: stored.gaps.reduce((n, g) => n + g.hours, 0),
  };
}
