import { db } from "@/lib/db";

/** The beneficiary's own dossiers with their progress; never another beneficiary's. */
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
      _count: { select: { stations: true } },
    },
  });
  return dossiers.map((d) => ({
    id: d.id,
    reference: d.reference,
    siteName: d.siteName,
    inseeCode: d.inseeCode,
    channel: d.channel,
    operatorName: d.operator.name,
    signedAt: d.attestation?.signedAt ?? null,
    stationCount: d._count.stations,
  }));
}

export type BeneficiaryOverview = Awaited<ReturnType<typeof getBeneficiaryOverview>>;
