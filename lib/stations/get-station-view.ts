import { db } from "@/lib/platform/db/database";
import { canViewDossier, type Viewer } from "@/lib/dossiers/get-dossier-view";
import { declarationDeadline } from "@/lib/irve/declaration-deadline";

const isUuid = (v: string) => /^[0-9a-f-]{36}$/i.test(v);

/**
 * A station of a dossier as its beneficiary corrects it: current values, its charge points, its
 * declared changes with their deadlines. Null when not found or not the viewer's (pages answer 404).
 */
export async function getStationView({ dossierId, stationId, viewer }: { dossierId: string; stationId: string; viewer: Viewer }) {
  if (!isUuid(dossierId) || !isUuid(stationId)) return null;
  const prisma = await db();
  const station = await prisma.station.findUnique({
    where: { id: stationId },
    select: {
      id: true,
      dossierId: true,
      stationCode: true,
      channel: true,
      pointCount: true,
      nominalPowerKw: true,
      inseeCode: true,
      createdAt: true,
      withdrawnOn: true,
      withdrawnAt: true,
      dossier: { select: { id: true, reference: true, beneficiaryId: true } },
      chargePoints: {
        orderBy: { pointCode: "asc" },
        select: { id: true, idPdcItinerance: true, nominalPowerKw: true, staticDeclaredAt: true, irve: true, withdrawnOn: true },
      },
      changes: {
        orderBy: { id: "desc" },
        select: {
          id: true,
          kind: true,
          effectiveOn: true,
          dueOn: true,
          declaredAt: true,
          daysLate: true,
          details: true,
          chargePoint: { select: { idPdcItinerance: true } },
        },
      },
    },
  });
  if (!station?.dossier || station.dossierId !== dossierId || !canViewDossier(viewer, station.dossier.beneficiaryId)) return null;
  const dossier = station.dossier;
  const received = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT (SELECT count(*) FROM charge_operation WHERE station_id = ${station.id}::uuid)
         + (SELECT count(*) FROM load_curve WHERE station_id = ${station.id}::uuid) AS n`;
  return {
    ...station,
    dossier,
    dossierId,
    nominalPowerKw: Number(station.nominalPowerKw),
    dataReceived: Number(received[0]?.n ?? 0) > 0,
    points: station.chargePoints.map((p) => {
      const irve = (p.irve ?? {}) as Record<string, string>;
      return {
        id: p.id,
        idPdcItinerance: p.idPdcItinerance,
        nominalPowerKw: Number(p.nominalPowerKw),
        withdrawnOn: p.withdrawnOn,
        irve,
        deadline: p.staticDeclaredAt
          ? declarationDeadline({ commissionedOn: irve.date_mise_en_service || null, changedOn: irve.date_maj || null, declaredAt: p.staticDeclaredAt })
          : null,
      };
    }),
    changes: station.changes.map((c) => ({ ...c, id: c.id.toString(), pointId: c.chargePoint?.idPdcItinerance ?? null })),
  };
}

export type StationView = NonNullable<Awaited<ReturnType<typeof getStationView>>>;
