import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { PrismaClient } from "@/generated/prisma/client";
import { parseElectricityMaps } from "@/lib/carbon/parse-carbon-file";
import { CARBON_DEFAULTS, CARBON_LOCK_SQL, storeCarbonSeries } from "@/lib/carbon/store-carbon-series";
import { GEO_FILES, SHIPPED_CARBON_FILES, SHIPPED_CARBON_NAME, readDataFile } from "@/lib/reference-data/reference-files";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";

// Loads the reference data shipped in data/ into the database, idempotently and set-based:
// régions, départements and communes are upserted from arrays in three statements (skipped when
// a checksum of the table already matches the files); the default carbon series is imported
// once (recognised by the checksum of its files). Safe to run from several processes at once.

function rows(relative: string): string[][] {
  return (parse(readDataFile(relative), { bom: true, from_line: 2 }) as string[][]).map((r) => r.map((f) => f.trim()));
}

const md5 = (s: string) => createHash("md5").update(s, "utf8").digest("hex");

const TABLES = [
  { table: "region", key: "code", cols: ["code", "name"], file: GEO_FILES.regions },
  { table: "departement", key: "code", cols: ["code", "name", "region_code"], file: GEO_FILES.departements },
  { table: "commune", key: "insee_code", cols: ["insee_code", "name", "departement_code"], file: GEO_FILES.communes },
] as const;

export interface ReferenceLoadResult {
  regions: number;
  departements: number;
  communes: number;
  geoChanged: boolean;
  carbonSeriesId: number;
  carbonSeriesCreated: boolean;
}

export async function loadReferenceData(prisma: PrismaClient): Promise<ReferenceLoadResult> {
  const data = TABLES.map((t) => ({ ...t, rows: rows(t.file).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) }));
  const counts = data.map((d) => d.rows.length);
  const carbonFiles = SHIPPED_CARBON_FILES.map(readDataFile);
  const carbonSha = createHash("sha256").update(Buffer.concat(carbonFiles)).digest("hex");

  return prisma.$transaction(
    async (tx) => {
      await queryRows(tx, CARBON_LOCK_SQL);
      let geoChanged = false;
      for (const d of data) {
        const table = sql.identifier(d.table);
        const key = sql.identifier(d.key);
        const cols = sql.join(d.cols.map((c) => sql.identifier(c)));
        const [{ sum }] = await queryRows<{ sum: string | null }>(
          tx,
          sql`SELECT md5(string_agg(concat_ws('|', ${cols}), E'\\n' ORDER BY ${key} COLLATE "C")) AS sum FROM ${table}`,
        );
        if (sum === md5(d.rows.map((r) => r.join("|")).join("\n"))) continue;
        geoChanged = true;
        const sets = sql.join(d.cols.slice(1).map((c) => sql`${sql.identifier(c)} = ${sql.identifier("excluded", c)}`));
        const distinct = sql.join(
          d.cols.slice(1).map((c) => sql`${sql.identifier(d.table, c)} IS DISTINCT FROM ${sql.identifier("excluded", c)}`),
          sql` OR `,
        );
        const columns = sql.join(d.cols.map((_, i) => sql`${d.rows.map((r) => r[i])}::text[]`));
        await execute(
          tx,
          sql`INSERT INTO ${table} (${cols})
           SELECT * FROM unnest(${columns})
           ON CONFLICT (${key}) DO UPDATE SET ${sets} WHERE ${distinct}`,
        );
      }
      const existing = await queryRows<{ id: number }>(
        tx,
        sql`SELECT id FROM carbon_series WHERE name = ${SHIPPED_CARBON_NAME} AND file_sha256 = ${carbonSha} ORDER BY version LIMIT 1`,
      );
      let carbonSeriesId = existing[0]?.id;
      if (carbonSeriesId === undefined) {
        const hours = new Map<number, number>();
        for (const file of carbonFiles) for (const [h, v] of parseElectricityMaps(file).hours) hours.set(h, v);
        const d = CARBON_DEFAULTS.electricitymaps;
        const stored = await storeCarbonSeries(
          tx,
          {
            name: SHIPPED_CARBON_NAME,
            source: `${d.source}, 2022–2023 (fichiers livrés avec le portail)`,
            licence: d.licence,
            attribution: d.attribution,
            fileSha256: carbonSha,
            importedBy: "reference-data",
          },
          { format: "electricitymaps", hours: new Map([...hours].sort(([a], [b]) => a - b)) },
        );
        carbonSeriesId = stored.id;
      }
      return {
        regions: counts[0],
        departements: counts[1],
        communes: counts[2],
        geoChanged,
        carbonSeriesId,
        carbonSeriesCreated: existing.length === 0,
      };
    },
    { timeout: 120_000 },
  );
}
