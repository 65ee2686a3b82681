import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { SECRET_LABEL, type IndicatorChannel, type MeshLevel, type PeriodKind } from "@/lib/schemas/indicator-catalogue";
import { queryRows, sql, type SqlFragment } from "@/lib/platform/db/sql";
import { revisionNote } from "@/lib/indicators/revisions";
import { publishedForYearSql } from "@/lib/indicators/sql/revisions";

// Shared by the committee read functions: the only way to the stored figures. Withheld figures
// never leave the database: the SQL replaces the value, the profile and every coverage figure of
// a withheld cell by NULL, and the rows are mapped to a "secret statistique" marker. A full run
// is read only for the years it is the published run of (lib/indicators/revisions.ts): the
// figures of a run replaced by a newer one stay stored as published, and are no longer served.
// No function here reads individual charges.

export interface RunInfo {
  runId: string;
  computedAt: Date;
  periodFrom: Date;
  periodTo: Date;
  anonMinStations: number;
  anonMinBeneficiaries: number;
  carbonGapHours: number;
  series: { id: number; name: string; version: number; source: string; licence: string; attribution: string } | null;
}

export interface Coverage {
  stationsReporting: number;
  stationsRegistered: number;
  energyKwh: number;
  chargeCount: number;
}

/** A figure that differs from the one published before it for the same cell: when and why (French note). */
export interface Revision {
  at: Date;
  reason: string;
  note: string;
}

export type Cell<T> =
  { secret: false; value: T; coverage: Coverage; revision: Revision | null } | { secret: true; label: typeof SECRET_LABEL; reason: "primaire" | "secondaire" };

export interface CellRow {
  indicator_code: string;
  mesh_level: string;
  mesh_code: string;
  period_kind: string;
  period_start: string;
  channel: string;
  value: number | null;
  series: number[] | null;
  withheld: boolean;
  reason: string | null;
  stations_reporting: number | null;
  stations_registered: number | null;
  energy_wh: number | null;
  charge_count: number | null;
  revised_at: Date | null;
  revision_reason: string | null;
}

export function toCell<T>(row: CellRow, pick: (r: CellRow) => T): Cell<T> {
  if (row.withheld) return { secret: true, label: SECRET_LABEL, reason: row.reason === "secondaire" ? "secondaire" : "primaire" };
  return {
    secret: false,
    value: pick(row),
    coverage: {
      stationsReporting: Number(row.stations_reporting),
      stationsRegistered: Number(row.stations_registered),
      energyKwh: Number(row.energy_wh) / 1000,
      chargeCount: Number(row.charge_count),
    },
    revision: row.revised_at ? { at: new Date(row.revised_at), reason: row.revision_reason ?? "donnees", note: revisionNote(row.revision_reason) } : null,
  };
}

export const scalar = (r: CellRow): number | null => (r.value === null ? null : Number(r.value));
export const profile = (r: CellRow): (number | null)[] => (r.series ?? []).map((v) => (v === null ? null : Number(v)));

/**
 * The run to read: the given one; else, for a period, the run published for the period's year
 * (the newest finished full run covering any of that year) if it computed that whole period,
 * else none (never another period's run); without a period, the newest finished full run.
 */
export async function resolveRun(
  q: { runId?: string; meshLevel?: MeshLevel; periodKind?: PeriodKind; periodStart?: string },
  prisma?: PrismaClient,
): Promise<RunInfo | null> {
  const client = prisma ?? (await db());
  const runId = sql`${q.runId ?? null}::uuid`;
  const meshLevel = sql`${q.meshLevel ?? null}::text`;
  const periodKind = sql`${q.periodKind ?? null}::text`;
  const periodStart = sql`${q.periodStart ?? null}::date`;
  const rows = await queryRows<{
    id: string;
    finished_at: Date;
    period_from: Date;
    period_to: Date;
    k: number;
    b: number;
    gap: number;
    s_id: number | null;
    s_name: string | null;
    s_version: number | null;
    s_source: string | null;
    s_licence: string | null;
    s_attr: string | null;
  }>(
    client,
    sql`WITH asked AS (
       SELECT (${periodStart}::timestamp AT TIME ZONE 'Europe/Paris') AS p0,
              ((${periodStart}::timestamp + CASE coalesce(${periodKind}, 'month') WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
                                      ELSE interval '1 year' END) AT TIME ZONE 'Europe/Paris') AS p1,
              date_trunc('year', ${periodStart}::timestamp) AS y)
     SELECT r.id, r.finished_at, r.period_from, r.period_to, r.anon_min_stations AS k, r.anon_min_beneficiaries AS b,
            r.carbon_gap_hours AS gap, s.id AS s_id, s.name AS s_name, s.version AS s_version, s.source AS s_source,
            s.licence AS s_licence, s.attribution AS s_attr
       FROM indicator_run r LEFT JOIN carbon_series s ON s.id = r.series_id, asked
      WHERE r.finished_at IS NOT NULL
        AND (${runId} IS NOT NULL AND r.id = ${runId}
             OR ${runId} IS NULL AND r.scope = 'full'
                AND (${meshLevel} IS NULL OR ${meshLevel} = ANY(r.mesh_levels))
                AND (${periodKind} IS NULL OR ${periodKind} = ANY(r.period_kinds))
                AND (${periodStart} IS NULL OR asked.p0 >= r.period_from AND asked.p1 <= r.period_to AND ${publishedForYearSql("r", sql`asked.y`)}))
      ORDER BY r.finished_at DESC LIMIT 1`,
  );
  const r = rows[0];
  if (!r) {
    if (q.runId) throw new AppError("NOT_FOUND", "Calcul d'indicateurs introuvable.", [{ path: "runId", message: "calcul introuvable" }]);
    return null;
  }
  return {
    runId: r.id,
    computedAt: r.finished_at,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    anonMinStations: r.k,
    anonMinBeneficiaries: r.b,
    carbonGapHours: r.gap,
    series: r.s_id === null ? null : { id: r.s_id, name: r.s_name!, version: r.s_version!, source: r.s_source!, licence: r.s_licence!, attribution: r.s_attr! },
  };
}

/**
 * SQL condition on indicator_value rows of run `runId`: the row's year is one the run is published
 * for. Runs that are not full (checks of some stations, levels or kinds) are never published:
 * they are read only by their id, by tests and checks.
 */
export function publishedRowSql(runId: string): SqlFragment {
  return sql`EXISTS (SELECT 1 FROM indicator_run r WHERE r.id = ${runId}::uuid
           AND (r.scope <> 'full' OR ${publishedForYearSql("r", sql`date_trunc('year', period_start::timestamp)`)}))`;
}

/** Cells of one run (of the years it is published for), withheld figures replaced by NULL in SQL. */
export async function readCells(
  runId: string,
  f: { codes: string[]; meshLevel?: MeshLevel; meshCode?: string; periodKind?: PeriodKind; periodStart?: string; channel?: IndicatorChannel },
  prisma?: PrismaClient,
): Promise<CellRow[]> {
  const client = prisma ?? (await db());
  const [meshLevel, meshCode, periodKind, channel] = [f.meshLevel, f.meshCode, f.periodKind, f.channel].map((x) => sql`${x ?? null}::text`);
  const periodStart = sql`${f.periodStart ?? null}::date`;
  return queryRows<CellRow>(
    client,
    sql`SELECT indicator_code, mesh_level, mesh_code, period_kind, to_char(period_start, 'YYYY-MM-DD') AS period_start, channel,
            CASE WHEN withheld THEN NULL ELSE value END AS value,
            CASE WHEN withheld THEN NULL ELSE series END AS series,
            withheld, CASE WHEN withheld_reason = 'secondaire' THEN 'secondaire' WHEN withheld THEN 'primaire' END AS reason,
            CASE WHEN withheld THEN NULL ELSE stations_reporting END AS stations_reporting,
            CASE WHEN withheld THEN NULL ELSE stations_registered END AS stations_registered,
            CASE WHEN withheld THEN NULL ELSE energy_wh END AS energy_wh,
            CASE WHEN withheld THEN NULL ELSE charge_count END AS charge_count,
            CASE WHEN withheld THEN NULL ELSE revised_at END AS revised_at,
            CASE WHEN withheld THEN NULL ELSE revision_reason END AS revision_reason
       FROM indicator_value
      WHERE run_id = ${runId}::uuid AND indicator_code = ANY(${f.codes}::text[]) AND ${publishedRowSql(runId)}
        AND (${meshLevel} IS NULL OR mesh_level = ${meshLevel}) AND (${meshCode} IS NULL OR mesh_code = ${meshCode})
        AND (${periodKind} IS NULL OR period_kind = ${periodKind}) AND (${periodStart} IS NULL OR period_start = ${periodStart})
        AND (${channel} IS NULL OR channel = ${channel})
      ORDER BY period_start, mesh_code, indicator_code`,
  );
}
