import type { Prisma } from "@/generated/prisma/client";
import { coverageGaps, type ParsedCarbonSeries } from "@/lib/carbon/parse-carbon-file";

export const CARBON_DEFAULTS = {
  electricitymaps: {
    name: "electricitymaps-fr",
    source: "Electricity Maps, zone FR, intensité directe (données RTE eCO2mix via ODRÉ)",
    licence: "Open Database License (ODbL) 1.0",
    attribution: "Electricity Maps",
  },
  rte_eco2mix: {
    name: "rte-eco2mix",
    source: "RTE, eCO2mix national (taux de CO2, moyenne horaire des pas de 15 minutes)",
    licence: "Licence Ouverte 2.0",
    attribution: "RTE eCO2mix",
  },
} as const;

// Serialises series writers (imports and the reference loader) across processes.
export const CARBON_LOCK_SQL = "SELECT pg_advisory_xact_lock(728341993)::text AS locked";

type Tx = Pick<Prisma.TransactionClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

export interface SeriesMeta {
  name: string;
  source: string;
  licence: string;
  attribution: string;
  fileSha256: string;
  importedBy: string;
}

/**
 * Writes a new version of a series and its hours in one set-based statement. Call inside a
 * transaction that took CARBON_LOCK_SQL, so two imports never get the same version.
 */
export async function storeCarbonSeries(tx: Tx, meta: SeriesMeta, parsed: Pick<ParsedCarbonSeries, "format" | "hours">) {
  const hours = [...parsed.hours.keys()];
  const gaps = coverageGaps(parsed.hours);
  const from = hours.length ? new Date(hours[0]) : null;
  const to = hours.length ? new Date(hours[hours.length - 1] + 3_600_000) : null;
  const [row] = await tx.$queryRawUnsafe<{ id: number; version: number }[]>(
    `INSERT INTO carbon_series (name, version, source, licence, attribution, format, covers_from, covers_to, hour_count, gaps, file_sha256, imported_by)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz, $8, $9::jsonb, $10, $11
       FROM carbon_series WHERE name = $1
     RETURNING id, version`,
    meta.name, meta.source, meta.licence, meta.attribution, parsed.format,
    from?.toISOString() ?? null, to?.toISOString() ?? null, hours.length, JSON.stringify(gaps), meta.fileSha256, meta.importedBy,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO carbon_intensity (series_id, hour_start, g_per_kwh)
     SELECT $1, to_timestamp(h), v FROM unnest($2::float8[], $3::float8[]) AS t(h, v)`,
    row.id,
    hours.map((h) => h / 1000),
    [...parsed.hours.values()],
  );
  return { id: row.id, version: row.version, hourCount: hours.length, gaps, coversFrom: from, coversTo: to };
}
