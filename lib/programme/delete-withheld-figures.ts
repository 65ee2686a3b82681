import type { Prisma } from "@/generated/prisma/client";
import { execute, sql } from "@/lib/platform/db/sql";

/**
 * Part of the end-of-programme purge: deletes the figures of every withheld indicator cell — its
 * value or profile and its coverage and anonymity counts, all computed from a few stations or
 * beneficiaries (individual data under another name) — keeping the cell, its "secret
 * statistique" flag and the kind of secret. Published cells are not touched. Returns the number
 * of cells emptied. Runs in the purge's transaction.
 */
export async function deleteWithheldFigures(tx: Prisma.TransactionClient): Promise<number> {
  return execute(
    tx,
    sql`UPDATE indicator_value
        SET value = NULL, series = '{}', stations_reporting = NULL, stations_registered = NULL, energy_wh = NULL,
            charge_count = NULL, distinct_stations = NULL, distinct_beneficiaries = NULL
      WHERE withheld
        AND (value IS NOT NULL OR cardinality(series) > 0 OR stations_reporting IS NOT NULL OR stations_registered IS NOT NULL
             OR energy_wh IS NOT NULL OR charge_count IS NOT NULL OR distinct_stations IS NOT NULL OR distinct_beneficiaries IS NOT NULL)`,
  );
}
