import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { SLOT_SECONDS, energyPiecesSql } from "@/lib/indicators/energy-steps-sql";

export interface EnergyStep {
  /** Step start, UTC. */
  start: Date;
  wh: number;
}

/**
 * Energy per 30-minute or hourly step (UTC) of the given stations between two instants, from
 * their curves or operations (lib/indicators/energy-steps-sql.ts). Steps without energy are
 * absent. Internal building block (individual data): never expose it to committee pages.
 */
export async function getEnergySteps(
  input: { stationIds: string[]; from: Date; to: Date; step?: "30min" | "hour" },
  options: { prisma?: PrismaClient } = {},
): Promise<EnergyStep[]> {
  const prisma = options.prisma ?? (await db());
  const per = input.step === "hour" ? 2 : 1;
  const rows = await prisma.$queryRawUnsafe<{ start_s: number; wh: number }[]>(
    `WITH fs AS (SELECT unnest($1::uuid[]) AS station_id),
          p AS (${energyPiecesSql({ stationsTable: "fs", slotFrom: `floor(extract(epoch FROM $2::timestamptz) / ${SLOT_SECONDS})::int`, slotTo: `ceil(extract(epoch FROM $3::timestamptz) / ${SLOT_SECONDS})::int` })})
     SELECT ((slot / ${per}) * ${per} * ${SLOT_SECONDS})::float8 AS start_s, sum(wh)::float8 AS wh
       FROM p GROUP BY 1 ORDER BY 1`,
    input.stationIds,
    input.from.toISOString(),
    input.to.toISOString(),
  );
  return rows.map((r) => ({ start: new Date(Number(r.start_s) * 1000), wh: Number(r.wh) }));
}
