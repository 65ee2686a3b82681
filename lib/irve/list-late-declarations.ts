import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { declarationDeadline } from "@/lib/irve/declaration-deadline";
import { parisDay } from "@/lib/platform/time/paris-time";

export type LateKind = "mise_en_service" | "modification" | "correction" | "retrait";

export interface LateDeclaration {
  kind: LateKind;
  eventDate: string;
  dueDate: string;
  declaredOn: string;
  daysLate: number;
  dossierReference: string;
  operatorName: string;
  stationCode: string;
  /** The point concerned, when the declaration is about one point. */
  idPdcItinerance: string | null;
  /** For counting only (lib/irve/summarize-late-declarations.ts): never shown to the committee. */
  operatorId: string;
  stationId: string;
  beneficiaryId: string;
  inseeCode: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Declarations that reached the portal after their 10-working-day deadline (protocol §4.2 A):
 * IRVE static data of charge points (from commissioning or their date_maj), and corrections and
 * withdrawals of stations and points (lib/stations). Individual data: for the admin only.
 */
export async function listLateDeclarations(): Promise<LateDeclaration[]> {
  const prisma = await db();
  const stationSelect = {
    id: true,
    stationCode: true,
    inseeCode: true,
    operatorId: true,
    dossier: { select: { reference: true, beneficiaryId: true, operator: { select: { name: true } } } },
  } as const;
  const [points, changes] = await Promise.all([
    prisma.chargePoint.findMany({
      // The 10-working-day rule binds beneficiaries' dossiers; an operator's QualiCharge declarations are not under it.
      where: { irve: { not: Prisma.AnyNull }, staticDeclaredAt: { not: null }, station: { dossierId: { not: null } } },
      select: { idPdcItinerance: true, staticDeclaredAt: true, irve: true, station: { select: stationSelect } },
    }),
    prisma.stationChange.findMany({
      where: { daysLate: { gt: 0 }, station: { dossierId: { not: null } } },
      select: {
        kind: true,
        effectiveOn: true,
        dueOn: true,
        declaredAt: true,
        daysLate: true,
        chargePoint: { select: { idPdcItinerance: true, pointCode: true } },
        station: { select: stationSelect },
      },
    }),
  ]);
  type StationFacts = (typeof points)[number]["station"];
  const about = (s: StationFacts) => ({
    dossierReference: s.dossier!.reference,
    operatorName: s.dossier!.operator.name,
    stationCode: s.stationCode,
    operatorId: s.operatorId,
    stationId: s.id,
    beneficiaryId: s.dossier!.beneficiaryId,
    inseeCode: s.inseeCode,
  });
  const late: LateDeclaration[] = [];
  for (const p of points) {
    const irve = p.irve as Record<string, string>;
    const d = declarationDeadline({ commissionedOn: irve.date_mise_en_service || null, changedOn: irve.date_maj || null, declaredAt: p.staticDeclaredAt! });
    if (d?.late)
      late.push({
        kind: d.eventKind,
        eventDate: d.eventDate,
        dueDate: d.dueDate,
        declaredOn: d.declaredOn,
        daysLate: d.daysLate,
        idPdcItinerance: p.idPdcItinerance,
        ...about(p.station),
      });
  }
  for (const c of changes)
    late.push({
      kind: c.kind === "retrait" ? "retrait" : "correction",
      eventDate: day(c.effectiveOn),
      dueDate: day(c.dueOn),
      declaredOn: parisDay(c.declaredAt),
      daysLate: c.daysLate,
      idPdcItinerance: c.chargePoint ? (c.chargePoint.idPdcItinerance ?? c.chargePoint.pointCode) : null,
      ...about(c.station),
    });
  return late.sort((a, b) => b.daysLate - a.daysLate || a.dossierReference.localeCompare(b.dossierReference) || a.stationCode.localeCompare(b.stationCode));
}

export const LATE_KIND_LABELS: Record<LateKind, string> = {
  mise_en_service: "Mise en service",
  modification: "Modification des données statiques",
  correction: "Correction de la station",
  retrait: "Retrait",
};
