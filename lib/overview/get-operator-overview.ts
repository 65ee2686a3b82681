import { db } from "@/lib/platform/db/database";

/** What an operator sees of itself: its UserID, its credentials (never secrets), its stations. */
export async function getOperatorOverview({ operatorId }: { operatorId: string }) {
  const prisma = await db();
  const operator = await prisma.operator.findUniqueOrThrow({
    where: { id: operatorId },
    select: {
      id: true,
      name: true,
      siren: true,
      credentials: {
        orderBy: { createdAt: "desc" },
        select: { id: true, username: true, env: true, label: true, createdAt: true, lastUsedAt: true, revokedAt: true },
      },
      stations: {
        orderBy: { stationCode: "asc" },
        select: {
          id: true,
          stationCode: true,
          channel: true,
          pointCount: true,
          chargePoints: { orderBy: { pointCode: "asc" }, select: { idPdcItinerance: true } },
          nominalPowerKw: true,
          withdrawnOn: true,
          dossier: { select: { reference: true, attestation: { select: { signedAt: true } } } },
        },
      },
    },
  });
  return {
    ...operator,
    stations: operator.stations.map((s) => ({
      id: s.id,
      stationCode: s.stationCode,
      channel: s.channel,
      /** For GIREVE, the EVSE ids (id_pdc_itinerance) the supervision relays. */
      pointIds: s.chargePoints.map((p) => p.idPdcItinerance).filter((id): id is string => Boolean(id)),
      pointCount: s.pointCount,
      nominalPowerKw: Number(s.nominalPowerKw),
      withdrawnOn: s.withdrawnOn,
      /** Null for a station declared by the operator's QualiCharge client only. */
      dossierReference: s.dossier?.reference ?? null,
      attestationSigned: Boolean(s.dossier?.attestation?.signedAt),
    })),
  };
}

export type OperatorOverview = Awaited<ReturnType<typeof getOperatorOverview>>;
