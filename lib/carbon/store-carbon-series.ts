import { coverageGaps, type ParsedCarbonSeries } from "@/lib/carbon/parse-carbon-file";
import { execute, queryRows, sql, type PrismaRaw } from "@/lib/platform/db/sql";

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
export const CARBON_LOCK_SQL = sql`SELECT pg_advisory_xact_lock(728341993)::text AS locked`;

type Tx = PrismaRaw;

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
  const name = sql`${meta.name}::text`;
  const [row] = await queryRows<{ id: number; version: number }>(
    tx,
    sql`INSERT INTO carbon_series (name, version, source, licence, attribution, format, covers_from, covers_to, hour_count, gaps, file_sha256, imported_by)
     SELECT ${name}, coalesce(max(version), 0) + 1, ${meta.source}, ${meta.licence}, ${meta.attribution}, ${parsed.format},
            ${from?.toISOString() ?? null}::timestamptz, ${to?.toISOString() ?? null}::timestamptz, ${hours.length}, ${JSON.stringify(gaps)}::jsonb,
            ${meta.fileSha256}, ${meta.importedBy}
       FROM carbon_series WHERE name = ${name}
     RETURNING id, version`,
  );
  await execute(
    tx,
    sql`INSERT INTO carbon_intensity (series_id, hour_start, g_per_kwh)
     SELECT ${row.id}, to_timestamp(h), v FROM unnest(${hours.map((h) => h / 1000)}::float8[], ${[...parsed.hours.values()]}::float8[]) AS t(h, v)`,
  );
  return { id: row.id, version: row.version, hourCount: hours.length, gaps, coversFrom: from, coversTo: to };
}
