import type { PrismaClient } from "@/generated/prisma/client";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import type { AnomalyFilters } from "@/lib/schemas/operator-console";
import { flagLabel } from "@/lib/charges/quality";

export const ANOMALIES_PAGE_SIZE = 25;

interface Row {
  kind: "operation" | "courbe";
  env: "production" | "sandbox";
  station_code: string;
  transaction_id: string;
  start_at: Date;
  stop_at: Date;
  energy_wh: bigint | null;
  quality_flags: string[];
  received_at: Date;
  submission_id: bigint | null;
  total: bigint;
}

/**
 * The operator's stored data that carries quality flags (operations and curves together),
 * newest first, paginated: stored, answered as warnings, left out of indicators.
 */
export async function listAnomalies(input: { operatorId: string; filters: AnomalyFilters; pageSize?: number }, options: { prisma?: PrismaClient } = {}) {
  const prisma = options.prisma ?? (await db());
  const pageSize = input.pageSize ?? ANOMALIES_PAGE_SIZE;
  const envs = input.filters.env ? [input.filters.env] : ["production", "sandbox"];
  const offset = (input.filters.page - 1) * pageSize;
  const rows = await prisma.$queryRaw<Row[]>(Prisma.sql`
    WITH flagged AS (
      SELECT 'operation' AS kind, o.env::text AS env, o.station_id, o.transaction_id, o.start_at, o.stop_at,
             CASE WHEN o.stop_wh >= o.start_wh THEN o.stop_wh - o.start_wh END AS energy_wh, o.quality_flags, o.received_at, o.submission_id
        FROM charge_operation o
       WHERE o.operator_id = ${input.operatorId}::uuid AND o.env::text = ANY(${envs}::text[]) AND cardinality(o.quality_flags) > 0
      UNION ALL
      SELECT 'courbe', c.env::text, c.station_id, c.transaction_id, c.start_at, c.stop_at,
             c.energy_wh, c.quality_flags, c.received_at, c.submission_id
        FROM load_curve c
       WHERE c.operator_id = ${input.operatorId}::uuid AND c.env::text = ANY(${envs}::text[]) AND cardinality(c.quality_flags) > 0
    )
    SELECT f.kind, f.env, s.station_code, f.transaction_id, f.start_at, f.stop_at, f.energy_wh, f.quality_flags,
           f.received_at, f.submission_id, count(*) OVER () AS total
      FROM flagged f JOIN station s ON s.id = f.station_id
     ORDER BY f.received_at DESC, s.station_code, f.transaction_id
     LIMIT ${pageSize} OFFSET ${offset}`);
  const total = rows.length > 0 ? Number(rows[0].total) : 0;
  return {
    items: rows.map((r) => ({
      kind: r.kind,
      env: r.env,
      stationCode: r.station_code,
      transactionId: r.transaction_id,
      startAt: r.start_at,
      stopAt: r.stop_at,
      /** Null when the index decreases and no energy can be told. */
      energyWh: r.energy_wh === null ? null : Number(r.energy_wh),
      flags: r.quality_flags.map((f) => ({ code: f, ...flagLabel(f) })),
      receivedAt: r.received_at,
      submissionId: r.submission_id === null ? null : r.submission_id.toString(),
    })),
    total,
    page: input.filters.page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

export type AnomalyList = Awaited<ReturnType<typeof listAnomalies>>;
