import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { formatIrveCsv } from "@/lib/irve/format-irve-csv";
import type { IrveColumn } from "@/lib/schemas/irve";

/** The declared charge points in service of a dossier (or of every dossier) as a schema-valid IRVE CSV. */
export async function exportIrve({ dossierId }: { dossierId?: string }): Promise<string> {
  const prisma = await db();
  const points = await prisma.chargePoint.findMany({
    where: { irve: { not: Prisma.AnyNull }, withdrawnAt: null, ...(dossierId ? { station: { dossierId } } : {}) },
    orderBy: [{ station: { stationCode: "asc" } }, { pointCode: "asc" }],
    select: { irve: true },
  });
  return formatIrveCsv(points.map((p) => p.irve as Record<IrveColumn, string>));
}
