import { sql, type SqlFragment } from "@/lib/platform/db/sql";
import type { MeshLevel, PeriodKind } from "@/lib/schemas/indicator-catalogue";

// The statements that record an indicator run in indicator_run, around its computing statements
// (lib/indicators/sql/run-statements.ts), and what the run reads before starting.

/** Each statement runs once over a large input: LLVM compilation (about half a second per large statement here) costs more than it saves. */
export const RUN_SETTINGS_SQL: SqlFragment[] = [sql`SET LOCAL work_mem = '256MB'`, sql`SET LOCAL jit = off`];

export function insertRunSql(r: {
  runId: string;
  computedBy: string;
  firstMonth: string;
  endMonth: string;
  seriesId: number | null;
  scope: string;
  levels: MeshLevel[];
  kinds: PeriodKind[];
  minStations: number;
  minBeneficiaries: number;
}): SqlFragment {
  return sql`INSERT INTO indicator_run (id, computed_by, period_from, period_to, series_id, scope, mesh_levels, period_kinds,
                                        anon_min_stations, anon_min_beneficiaries)
         VALUES (${r.runId}::uuid, ${r.computedBy}::text,
                 ${r.firstMonth}::timestamp AT TIME ZONE 'Europe/Paris', ${r.endMonth}::timestamp AT TIME ZONE 'Europe/Paris',
                 ${r.seriesId}::int, ${r.scope}::text, ${r.levels}::text[], ${r.kinds}::text[], ${r.minStations}::int, ${r.minBeneficiaries}::int)`;
}

/** Cells computed and withheld of the run's kinds, and hours without carbon intensity, read from the run's temporary tables. */
export function runCountsSql(kinds: PeriodKind[]): SqlFragment {
  return sql`SELECT (SELECT count(*) FROM ix_cell WHERE kind = ANY(${kinds}::text[]))::int AS cells,
                (SELECT count(*) FROM ix_cell WHERE withheld AND kind = ANY(${kinds}::text[]))::int AS withheld,
                (SELECT coalesce(sum(gap_hours), 0) FROM ix_period WHERE kind = 'month')::int AS gap`;
}

/**
 * The wall-clock time, not the transaction's start: runs wait on each other's lock, and the
 * newest finished run is the one published.
 */
export function finishRunSql(r: { runId: string; cells: number; withheld: number; durationMs: number; gap: number; methodVersion: number }): SqlFragment {
  return sql`UPDATE indicator_run SET finished_at = clock_timestamp(), cell_count = ${r.cells}::int, withheld_count = ${r.withheld}::int,
                duration_ms = ${r.durationMs}::int, carbon_gap_hours = ${r.gap}::int, method_version = ${r.methodVersion}::int
          WHERE id = ${r.runId}::uuid`;
}

/** The series covering most hours of the Paris months [firstMonth, endMonth); the newest import wins a tie. */
export function defaultSeriesSql(firstMonth: string, endMonth: string): SqlFragment {
  return sql`SELECT cs.id FROM carbon_series cs
       CROSS JOIN LATERAL (SELECT count(*) AS n FROM carbon_intensity ci
                            WHERE ci.series_id = cs.id
                              AND ci.hour_start >= ${firstMonth}::timestamp AT TIME ZONE 'Europe/Paris'
                              AND ci.hour_start < ${endMonth}::timestamp AT TIME ZONE 'Europe/Paris') x
      WHERE x.n > 0
      ORDER BY x.n DESC, cs.imported_at DESC, cs.id DESC LIMIT 1`;
}
