import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/platform/errors";
import { canViewDossier, type Viewer } from "@/lib/dossiers/get-dossier-view";
import { formatDay } from "@/lib/platform/format";

/** A station of a dossier the viewer may manage, locked for the caller's transaction; else "not found". */
export async function findOwnStation(tx: Prisma.TransactionClient, stationId: string, viewer: Viewer) {
  // FOR UPDATE: two corrections of one station run one after the other.
  await tx.$queryRaw`SELECT id FROM station WHERE id = ${stationId}::uuid FOR UPDATE`;
  const station = await tx.station.findUnique({
    where: { id: stationId },
    select: {
      id: true,
      stationCode: true,
      channel: true,
      pointCount: true,
      nominalPowerKw: true,
      operatorId: true,
      dossierId: true,
      withdrawnOn: true,
      withdrawnAt: true,
      dossier: { select: { reference: true, beneficiaryId: true } },
    },
  });
  // A station without a dossier (declared by an operator's QualiCharge client) is no beneficiary's.
  if (!station?.dossier || !station.dossierId || !canViewDossier(viewer, station.dossier.beneficiaryId))
    throw new AppError("NOT_FOUND", "Station introuvable.", [{ path: "stationId", message: "Station introuvable" }]);
  return { ...station, dossier: station.dossier, dossierId: station.dossierId, channel: station.channel ?? "ADVENIR" };
}

export function assertNotWithdrawn(what: "station" | "point", withdrawnOn: Date | null): void {
  if (!withdrawnOn) return;
  const day = formatDay(withdrawnOn);
  throw new AppError("CONFLICT", what === "station" ? `Cette station est retirée depuis le ${day}.` : `Ce point de charge est retiré depuis le ${day}.`);
}
