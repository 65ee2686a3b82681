import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { SLOT_SECONDS, energyPiecesSql } from "@/lib/indicators/sql/energy-steps";

export interface EnergyStep {
  /** Step start, UTC. */
  start: Date;
  wh: number;
}

/**
 * Energy per 30-minute or hourly step (UTC) of the given stations between two instants, from
 * their curves or operations (lib/indicators/sql/energy-steps.ts). Steps without energy are
 * absent. Internal building block (individual data): never expose it to committee pages.
 */
export async function getEnergySteps(
  input: { stationIds: string[]; from: Date; to: Date; step?: "30min" | "hour" },
  options: { prisma?: PrismaClient } = {},
): Promise<EnergyStep[]> {
  const prisma = options.prisma ?? (await db());
  const per = input.step === "hour" ? 2 : 1;
  const L = sql.constant(SLOT_SECONDS);
  const pieces = energyPiecesSql({
    stationsTable: sql`fs`,
    slotFrom: sql`floor(extract(epoch FROM ${input.from.toISOString()}::timestamptz) / ${L})::int`,
    slotTo: sql`ceil(extract(epoch FROM ${input.to.toISOString()}::timestamptz) / ${L})::int`,
  });
  const rows = await queryRows<{ start_s: number; wh: number }>(
    prisma,
    sql`WITH fs AS (SELECT unnest(${input.stationIds}::uuid[]) AS station_id),
          p AS (${pieces})
     SELECT ((slot / ${sql.constant(per)}) * ${sql.constant(per)} * ${L})::float8 AS start_s, sum(wh)::float8 AS wh
       FROM p GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((r) => ({ start: new Date(Number(r.start_s) * 1000), wh: Number(r.wh) }));
}
