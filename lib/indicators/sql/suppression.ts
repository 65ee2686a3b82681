import { sql, type SqlFragment } from "@/lib/platform/db/sql";
import type { MeshLevel, PeriodKind } from "@/lib/schemas/indicator-catalogue";

// What the secondary suppression (lib/indicators/suppression/run-suppression.ts) reads from and
// writes to the run's temporary tables.

/** The places of the run's stations: each computed level under the nearest computed level above it. */
export const PLACES_SQL = sql`SELECT DISTINCT commune, dep, reg FROM ix_station`;

/** The computed periods of the kinds published. */
export function periodsSql(kinds: PeriodKind[]): SqlFragment {
  return sql`SELECT kind, to_char(pstart, 'YYYY-MM-DD') AS pstart FROM ix_period WHERE kind = ANY(${kinds}::text[])`;
}

/**
 * Two rows of text, one line per cell and per cell hour (the hours of `profileless` cells are not
 * read): through the driver's typed rows and arrays the same figures took several times as long
 * as the solving itself. PostgreSQL writes float8 in the shortest form that reads back exactly.
 */
export function cellsAsTextSql(kinds: PeriodKind[], profileless: MeshLevel): SqlFragment {
  return sql`SELECT (SELECT string_agg(concat_ws(',', c.id, c.level, c.code, c.channel, c.kind, to_char(c.pstart, 'YYYY-MM-DD'), c.withheld::int,
                                         c.wh, coalesce(c.wh_ci, 0), c.wh_cov, c.wh_peak, c.wh_off, c.charges, c.stations, coalesce(c.kw, 0)),
                               E'\n' ORDER BY c.id)
               FROM ix_cell c WHERE c.kind = ANY(${kinds}::text[])) AS cells,
            (SELECT string_agg(concat_ws(',', h.id, CASE WHEN h.weekend THEN 24 ELSE 0 END + h.lhour, h.wh, coalesce(h.wh_ci, 0)), E'\n')
               FROM ix_cellhour h JOIN ix_cell c ON c.id = h.id
              WHERE c.kind = ANY(${kinds}::text[]) AND c.level <> ${profileless}::text) AS hours`;
}

export function markSecondarySql(cellIds: number[]): SqlFragment {
  return sql`UPDATE ix_cell SET withheld = true, reason = 'secondaire' WHERE id = ANY(${cellIds}::int[])`;
}
