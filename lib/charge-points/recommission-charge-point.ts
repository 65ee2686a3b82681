import { db } from "@/lib/platform/db/database";

// QualiCharge's POST /statique/{id}/up: the point is back in service, and its station with it.
// Idempotent: a point in service stays as it is.

export type RecommissionOutcome = "recommissioned" | "already" | "not-found";

export async function recommissionChargePoint(input: { idPdcItinerance: string; now?: Date }): Promise<RecommissionOutcome> {
  const now = input.now ?? new Date();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const [point] = await tx.$queryRaw<{ station_id: string }[]>`
      UPDATE charge_point SET decommissioned_at = NULL, updated_at = ${now}
      WHERE id_pdc_itinerance = ${input.idPdcItinerance} AND decommissioned_at IS NOT NULL
      RETURNING station_id::text`;
    if (!point) {
      const exists = await tx.chargePoint.count({ where: { idPdcItinerance: input.idPdcItinerance } });
      return exists ? "already" : "not-found";
    }
    await tx.$executeRaw`UPDATE station SET decommissioned_at = NULL WHERE id = ${point.station_id}::uuid AND decommissioned_at IS NOT NULL`;
    return "recommissioned";
  });
}
