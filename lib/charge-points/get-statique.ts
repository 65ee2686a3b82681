import { db } from "@/lib/platform/db/database";

/** A point's static data, when it has some and is in service (QualiCharge's read); else null. */
export async function getStatique(idPdcItinerance: string): Promise<Record<string, string> | null> {
  const prisma = await db();
  const point = await prisma.chargePoint.findUnique({
    where: { idPdcItinerance },
    select: { irve: true, decommissionedAt: true, withdrawnAt: true },
  });
  if (!point || !point.irve || point.decommissionedAt || point.withdrawnAt) return null;
  return point.irve as Record<string, string>;
}
