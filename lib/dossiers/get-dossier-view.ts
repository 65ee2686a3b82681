import type { Role } from "@/generated/prisma/enums";
import { db } from "@/lib/platform/db/database";
import { dossierState, missingSteps, type DossierFacts } from "@/lib/dossiers/dossier-status";
import { getStationActivity, noActivity } from "@/lib/dossiers/get-station-activity";
import { getPointReports } from "@/lib/dossiers/get-point-reports";
import { declarationDeadline } from "@/lib/irve/declaration-deadline";

export interface Viewer {
  role: Role;
  beneficiaryId: string | null;
}

/** Whether a viewer may see a dossier of this beneficiary: its own, or any for the admin. */
export function canViewDossier(viewer: Viewer, dossierBeneficiaryId: string): boolean {
  return viewer.role === "admin" || (viewer.role === "beneficiaire" && viewer.beneficiaryId === dossierBeneficiaryId);
}

/**
 * A dossier as its beneficiary sees it: state, what is missing, attestation, stations with
 * whether data arrives (aggregates only), and for GIREVE the points with their deadlines, their
 * latest status and when they last reported.
 * Null when it does not exist or is not the viewer's, so pages answer "not found" either way.
 */
export async function getDossierView({ dossierId, viewer }: { dossierId: string; viewer: Viewer }) {
  if (!/^[0-9a-f-]{36}$/i.test(dossierId)) return null;
  const prisma = await db();
  const dossier = await prisma.dossier.findUnique({
    where: { id: dossierId },
    select: {
      id: true,
      reference: true,
      beneficiaryId: true,
      siteName: true,
      address: true,
      inseeCode: true,
      siteType: true,
      channel: true,
      createdAt: true,
      updatedAt: true,
      operator: { select: { id: true, name: true } },
      beneficiary: { select: { name: true } },
      attestation: {
        select: {
          textVersion: true,
          textSha256: true,
          signerName: true,
          signerCapacity: true,
          consent: true,
          signedAt: true,
          onBehalf: true,
          ipAddress: true,
          userAgent: true,
        },
      },
      stations: {
        orderBy: { stationCode: "asc" },
        select: {
          id: true,
          stationCode: true,
          pointCount: true,
          nominalPowerKw: true,
          inseeCode: true,
          channel: true,
          withdrawnOn: true,
          chargePoints: {
            orderBy: { pointCode: "asc" },
            select: { id: true, idPdcItinerance: true, nominalPowerKw: true, commissionedOn: true, staticDeclaredAt: true, irve: true, withdrawnOn: true },
          },
        },
      },
    },
  });
  if (!dossier || !canViewDossier(viewer, dossier.beneficiaryId)) return null;
  const [activity, reports] = await Promise.all([
    getStationActivity(
      prisma,
      dossier.stations.map((s) => s.id),
    ),
    getPointReports(dossier.stations.flatMap((s) => s.chargePoints.map((p) => ({ stationId: s.id, chargePointId: p.id })))),
  ]);
  const stations = dossier.stations.map((s) => ({
    id: s.id,
    stationCode: s.stationCode,
    pointCount: s.pointCount,
    nominalPowerKw: Number(s.nominalPowerKw),
    inseeCode: s.inseeCode,
    withdrawnOn: s.withdrawnOn,
    activity: activity.get(s.id) ?? noActivity(s.id),
    points: s.chargePoints.map((p) => {
      const irve = (p.irve ?? {}) as Record<string, string>;
      return {
        id: p.id,
        idPdcItinerance: p.idPdcItinerance,
        nominalPowerKw: Number(p.nominalPowerKw),
        withdrawnOn: p.withdrawnOn,
        /** Latest status and last report (production data). */
        report: reports.get(p.id) ?? { status: null, lastReportAt: null },
        deadline: p.staticDeclaredAt
          ? declarationDeadline({ commissionedOn: irve.date_mise_en_service || null, changedOn: irve.date_maj || null, declaredAt: p.staticDeclaredAt })
          : null,
      };
    }),
  }));
  const facts: DossierFacts = {
    signed: Boolean(dossier.attestation?.signedAt),
    stationCount: stations.filter((s) => !s.withdrawnOn).length,
    declaredPointCount: stations.reduce((n, s) => n + s.points.filter((p) => !p.withdrawnOn).length, 0),
    channel: dossier.channel,
    stationsWithData: stations.filter((s) => s.activity.lastDataAt !== null).length,
  };
  const deadlines = stations.flatMap((s) => s.points.map((p) => p.deadline).filter((d) => d !== null));
  return {
    ...dossier,
    stations,
    state: dossierState(facts),
    missing: missingSteps(facts),
    lateDeclarations: deadlines.filter((d) => d.late).length,
    latestDueDate:
      deadlines
        .map((d) => d.dueDate)
        .sort()
        .at(-1) ?? null,
  };
}

export type DossierView = NonNullable<Awaited<ReturnType<typeof getDossierView>>>;
