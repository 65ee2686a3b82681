import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { evseIdOfIrve } from "@/lib/channels/gireve/simulate/evse-plan";

/** The EVSE ids (eMI3 form) and nominal powers of a dossier's declared charge points, in id order: what the simulator sends for. */
export async function listDossierEvses(
  input: { reference: string },
  options: { prisma?: PrismaClient } = {},
): Promise<{ evseId: string; nominalPowerKw: number }[]> {
  const prisma = options.prisma ?? (await db());
  const dossier = await prisma.dossier.findUnique({ where: { reference: input.reference }, select: { id: true } });
  if (!dossier) throw new AppError("NOT_FOUND", `Dossier introuvable : ${input.reference}.`);
  const points = await prisma.chargePoint.findMany({
    where: { station: { dossierId: dossier.id }, idPdcItinerance: { not: null }, withdrawnAt: null },
    select: { idPdcItinerance: true, nominalPowerKw: true },
    orderBy: { idPdcItinerance: "asc" },
  });
  return points.map((p) => ({ evseId: evseIdOfIrve(p.idPdcItinerance!), nominalPowerKw: Number(p.nominalPowerKw) }));
}
