import { db } from "@/lib/platform/db/database";
import { getStationActivity } from "@/lib/dossiers/get-station-activity";
import { dossierState, missingSteps } from "@/lib/dossiers/dossier-status";

/** The beneficiary's own dossiers with their state; never another beneficiary's. */
export async function getBeneficiaryOverview({ beneficiaryId }: { beneficiaryId: string }) {
  const prisma = await db();
  const dossiers = await prisma.dossier.findMany({
    where: { beneficiaryId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      reference: true,
      siteName: true,
      inseeCode: true,
      channel: true,
      operator: { select: { name: true } },
      attestation: { select: { signedAt: true } },
      stations: { select: { id: true, _count: { select: { chargePoints: true } } } },
    },
  });
  const activity = await getStationActivity(
    prisma,
    dossiers.flatMap((d) => d.stations.map((s) => s.id)),
  );
  return dossiers.map((d) => {
    const facts = {
      signed: Boolean(d.attestation?.signedAt),
      stationCount: d.stations.length,
      declaredPointCount: d.stations.reduce((n, s) => n + s._count.chargePoints, 0),
      channel: d.channel,
      stationsWithData: d.stations.filter((s) => activity.has(s.id)).length,
    };
    return {
      id: d.id,
      reference: d.reference,
      siteName: d.siteName,
      inseeCode: d.inseeCode,
      channel: d.channel,
      operatorName: d.operator.name,
      signedAt: d.attestation?.signedAt ?? null,
      stationCount: d.stations.length,
      state: dossierState(facts),
      missing: missingSteps(facts),
    };
  });
}

export type BeneficiaryOverview = Awaited<ReturnType<typeof getBeneficiaryOverview>>;
