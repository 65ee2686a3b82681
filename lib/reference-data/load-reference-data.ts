import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { PrismaClient } from "@/generated/prisma/client";
import { parseElectricityMaps } from "@/lib/carbon/parse-carbon-file";
import { CARBON_DEFAULTS, CARBON_LOCK_SQL, storeCarbonSeries } from "@/lib/carbon/store-carbon-series";
import { GEO_FILES, SHIPPED_CARBON_FILES, SHIPPED_CARBON_NAME, readDataFile } from "@/lib/reference-data/reference-files";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";

// Loads the reference data shipped in data/ into the database, idempotently and set-based:
// régions, départements, EPCIs and communes (with their EPCI) are upserted from arrays in four
// statements (skipped when a checksum of the table already matches the files); the default
// carbon series is imported once (recognised by the checksum of its files). Safe to run from
// several processes at once.

function rows(relative: string): string[][] {
  return (parse(readDataFile(relative), { bom: true, from_line: 2 }) as string[][]).map((r) => r.map((f) => f.trim()));
}

/** The communes with their EPCI, null for those in none (the EPCI file lists only the others). */
function communeRows(): (string | null)[][] {
  const epciOf = new Map(rows(GEO_FILES.communeEpcis).map(([commune, epci]) => [commune, epci]));
  return rows(GEO_FILES.communes).map(([code, name, departement]) => [code, name, departement, epciOf.get(code) ?? null]);
}

const md5 = (s: string) => createHash("md5").update(s, "utf8").digest("hex");

// In the order of their foreign keys.
const TABLES = [
  { table: "region", key: "code", cols: ["code", "name"], read: () => rows(GEO_FILES.regions) },
  { table: "departement", key: "code", cols: ["code", "name", "region_code"], read: () => rows(GEO_FILES.departements) },
  { table: "epci", key: "code", cols: ["code", "name", "nature"], read: () => rows(GEO_FILES.epcis) },
  { table: "commune", key: "insee_code", cols: ["insee_code", "name", "departement_code", "epci_code"], read: communeRows },
] as const;

export interface ReferenceLoadResult {
  regions: number;
  departements: number;
  epcis: number;
  communes: number;
  geoChanged: boolean;
  carbonSeriesId: number;
  carbonSeriesCreated: boolean;
}

export async function loadReferenceData(prisma: PrismaClient): Promise<ReferenceLoadResult> {
  const data = TABLES.map((t) => ({ ...t, rows: t.read().sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0)) }));
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
        // concat_ws skips NULLs: so does the files' side.
        if (sum === md5(d.rows.map((r) => r.filter((f) => f !== null).join("|")).join("\n"))) continue;
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
        epcis: counts[2],
        communes: counts[3],
        geoChanged,
        carbonSeriesId,
        carbonSeriesCreated: existing.length === 0,
      };
    },
    { timeout: 120_000 },
  );
}
