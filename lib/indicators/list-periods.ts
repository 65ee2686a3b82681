import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import type { MeshLevel, PeriodKind } from "@/lib/schemas/indicator-catalogue";
import { publishedRowSql } from "@/lib/indicators/read-cells";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { publishedForYearSql } from "@/lib/indicators/sql/revisions";

/**
 * Periods of a kind computed by a run ("YYYY-MM-DD" starts, ascending), read from the national
 * energy cells (every computed period with data has one), of the years the run is published for.
 */
export async function listPeriods(input: { runId: string; periodKind: PeriodKind }, options: { prisma?: PrismaClient } = {}): Promise<string[]> {
  const prisma = options.prisma ?? (await db());
  const rows = await queryRows<{ p: string }>(
    prisma,
    sql`SELECT DISTINCT to_char(period_start, 'YYYY-MM-DD') AS p FROM indicator_value
      WHERE run_id = ${input.runId}::uuid AND mesh_level = 'national' AND period_kind = ${input.periodKind} AND indicator_code = 'energy_kwh'
        AND ${publishedRowSql(input.runId)}
      ORDER BY 1`,
  );
  return rows.map((r) => r.p);
}

/**
 * Every published period of a kind with data, whichever run publishes it (one run per year):
 * the period selector of the committee pages.
 */
export async function listPublishedPeriods(input: { periodKind: PeriodKind }, options: { prisma?: PrismaClient } = {}): Promise<string[]> {
  const prisma = options.prisma ?? (await db());
  const rows = await queryRows<{ p: string }>(
    prisma,
    sql`SELECT DISTINCT to_char(v.period_start, 'YYYY-MM-DD') AS p
       FROM indicator_run r JOIN indicator_value v ON v.run_id = r.id
      WHERE r.scope = 'full' AND r.finished_at IS NOT NULL
        AND v.mesh_level = 'national' AND v.period_kind = ${input.periodKind} AND v.indicator_code = 'energy_kwh'
        AND ${publishedForYearSql("r", sql`date_trunc('year', v.period_start::timestamp)`)}
      ORDER BY 1`,
  );
  return rows.map((r) => r.p);
}

/**
 * Areas of a mesh level that have at least one cell in the run (withheld or not: the area's name
 * and code are public reference data), with their names, for the area selector.
 */
export async function listMeshAreas(
  input: { runId: string; meshLevel: Exclude<MeshLevel, "national"> },
  options: { prisma?: PrismaClient } = {},
): Promise<{ code: string; name: string; published: boolean }[]> {
  const prisma = options.prisma ?? (await db());
  const names =
    input.meshLevel === "region"
      ? sql`SELECT code, name FROM region`
      : input.meshLevel === "departement"
        ? sql`SELECT code, name FROM departement`
        : sql`SELECT insee_code AS code, name FROM commune`;
  // `published`: the area has at least one cell not withheld in the run (what the pages default to).
  return queryRows<{ code: string; name: string; published: boolean }>(
    prisma,
    sql`WITH c AS (SELECT mesh_code, bool_or(NOT withheld) AS published FROM indicator_value
                 WHERE run_id = ${input.runId}::uuid AND mesh_level = ${input.meshLevel} AND indicator_code = 'energy_kwh'
                 GROUP BY mesh_code)
     SELECT c.mesh_code AS code, coalesce(n.name, c.mesh_code) AS name, c.published
       FROM c LEFT JOIN (${names}) n ON n.code = c.mesh_code
      ORDER BY c.mesh_code`,
  );
}
