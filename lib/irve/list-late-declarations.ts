import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { declarationDeadline, type Deadline } from "@/lib/irve/declaration-deadline";

export interface LateDeclaration extends Deadline {
  dossierReference: string;
  operatorName: string;
  stationCode: string;
  idPdcItinerance: string;
}

/** Charge points whose static data reached the portal after its 10-working-day deadline. */
export async function listLateDeclarations(): Promise<LateDeclaration[]> {
  const prisma = await db();
  const points = await prisma.chargePoint.findMany({
    where: { irve: { not: Prisma.AnyNull }, staticDeclaredAt: { not: null } },
    select: {
      idPdcItinerance: true,
      staticDeclaredAt: true,
      irve: true,
      station: { select: { stationCode: true, dossier: { select: { reference: true, operator: { select: { name: true } } } } } },
    },
  });
  const late: LateDeclaration[] = [];
  for (const p of points) {
    const irve = p.irve as Record<string, string>;
    const d = declarationDeadline({ commissionedOn: irve.date_mise_en_service || null, changedOn: irve.date_maj || null, declaredAt: p.staticDeclaredAt! });
    if (d?.late)
      late.push({
        ...d,
        dossierReference: p.station.dossier.reference,
        operatorName: p.station.dossier.operator.name,
        stationCode: p.station.stationCode,
        idPdcItinerance: p.idPdcItinerance ?? "",
      });
  }
  return late.sort((a, b) => b.daysLate - a.daysLate || a.dossierReference.localeCompare(b.dossierReference));
}
