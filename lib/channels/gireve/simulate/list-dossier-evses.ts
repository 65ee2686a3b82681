import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { evseIdOfIrve } from "@/lib/channels/gireve/simulate/evse-plan";

/** The EVSE ids (eMI3 form) of a dossier's declared charge points, in id order: what the simulator sends for. */
export async function listDossierEvses(input: { reference: string }, options: { prisma?: PrismaClient } = {}): Promise<string[]> {
  const prisma = options.prisma ?? (await db());
  const dossier = await prisma.dossier.findUnique({ where: { reference: input.reference }, select: { id: true } });
  if (!dossier) throw new AppError("NOT_FOUND", `Dossier introuvable : ${input.reference}.`);
  const points = await prisma.chargePoint.findMany({
    where: { station: { dossierId: dossier.id }, idPdcItinerance: { not: null }, withdrawnAt: null },
    select: { idPdcItinerance: true },
    orderBy: { idPdcItinerance: "asc" },
  });
  return points.map((p) => evseIdOfIrve(p.idPdcItinerance!));
}
