import { db } from "@/lib/platform/db/database";
import { canViewDossier, type Viewer } from "@/lib/dossiers/get-dossier-view";
import { getPointReports, type PointReport } from "@/lib/dossiers/get-point-reports";
import { exportPointCharges, listPointCharges } from "@/lib/charges/list-point-charges";

const isUuid = (v: string) => /^[0-9a-f-]{36}$/i.test(v);

/**
 * A charge point of a dossier as the portal receives it: the dossier it belongs to, or null when
 * it is not a point of this dossier or the dossier is not the viewer's (pages answer 404 either
 * way, as for getStationView).
 */
export async function findViewablePoint({ dossierId, pointId, viewer }: { dossierId: string; pointId: string; viewer: Viewer }) {
  if (!isUuid(dossierId) || !isUuid(pointId)) return null;
  const prisma = await db();
  const point = await prisma.chargePoint.findUnique({
    where: { id: pointId },
    select: {
      id: true,
      stationId: true,
      idPdcItinerance: true,
      pointCode: true,
      station: { select: { stationCode: true, dossierId: true, dossier: { select: { id: true, reference: true, beneficiaryId: true, channel: true } } } },
    },
  });
  const dossier = point?.station.dossier;
  if (!point || !dossier || point.station.dossierId !== dossierId || !canViewDossier(viewer, dossier.beneficiaryId)) return null;
  return {
    id: point.id,
    stationId: point.stationId,
    chargePointId: point.id,
    label: point.idPdcItinerance ?? point.pointCode,
    stationCode: point.station.stationCode,
    dossier: { id: dossier.id, reference: dossier.reference, channel: dossier.channel },
  };
}

/**
 * What a charge point reported (production data): its latest status, when it last reported, and
 * a page of its charges, most recent first. Null when not the viewer's (see findViewablePoint).
 */
export async function getPointActivity(input: { dossierId: string; pointId: string; viewer: Viewer; page?: number; now?: Date }) {
  const point = await findViewablePoint(input);
  if (!point) return null;
  const [reports, charges] = await Promise.all([getPointReports([point], { now: input.now }), listPointCharges(point, input.page ?? 1)]);
  const report: PointReport = reports.get(point.id) ?? { status: null, lastReportAt: null };
  return { point, ...report, charges };
}

/** The point's charges for its CSV export (see exportPointCharges). Null when not the viewer's. */
export async function getPointChargesExport(input: { dossierId: string; pointId: string; viewer: Viewer }) {
  const point = await findViewablePoint(input);
  if (!point) return null;
  return { point, ...(await exportPointCharges(point)) };
}

export type PointActivity = NonNullable<Awaited<ReturnType<typeof getPointActivity>>>;
