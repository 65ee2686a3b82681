import { db } from "@/lib/platform/db/database";

// QualiCharge's DELETE /statique/{id} (ADR 0019): the point is decommissioned softly, its station
// too when it was its last point in service, and its latest status is dropped (dynamic data for
// it is then refused). Idempotent: a decommissioned point stays as it is.

export type DecommissionOutcome = "decommissioned" | "already" | "not-found";

export async function decommissionChargePoint(input: { idPdcItinerance: string; now?: Date }): Promise<DecommissionOutcome> {
  const now = input.now ?? new Date();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const [point] = await tx.$queryRaw<{ id: string; station_id: string }[]>`
      UPDATE charge_point SET decommissioned_at = ${now}, updated_at = ${now}
      WHERE id_pdc_itinerance = ${input.idPdcItinerance} AND decommissioned_at IS NULL
      RETURNING id::text, station_id::text`;
    if (!point) {
      const exists = await tx.chargePoint.count({ where: { idPdcItinerance: input.idPdcItinerance } });
      return exists ? "already" : "not-found";
    }
    await tx.$executeRaw`
      UPDATE station SET decommissioned_at = ${now}
      WHERE id = ${point.station_id}::uuid AND decommissioned_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM charge_point WHERE station_id = ${point.station_id}::uuid AND decommissioned_at IS NULL)`;
    await tx.$executeRaw`DELETE FROM charge_point_status WHERE station_id = ${point.station_id}::uuid AND charge_point_id = ${point.id}::uuid`;
    return "decommissioned";
  });
}
