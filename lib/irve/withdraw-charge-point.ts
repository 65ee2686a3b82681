import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { withdrawChargePointSchema, type WithdrawChargePointInput } from "@/lib/schemas/station-changes";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import type { Viewer } from "@/lib/dossiers/get-dossier-view";
import { assertNotWithdrawn, findOwnStation } from "@/lib/stations/find-own-station";
import { changeDeadline, dateColumn } from "@/lib/stations/change-deadline";

/**
 * Withdraws one charge point of a GIREVE dossier (taken out of service on a given day). It leaves
 * the IRVE export; its station's point count and power follow its remaining points. Same
 * transaction, deadline and audit as a station's withdrawal.
 */
export async function withdrawChargePoint(
  input: WithdrawChargePointInput & AuditActor & { viewer: Viewer; now?: Date },
  options: { prisma?: PrismaClient } = {},
) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(withdrawChargePointSchema, input);
  const now = input.now ?? new Date();
  const deadline = changeDeadline(data.effectiveOn, now);
  const prisma = options.prisma ?? (await db());
  return prisma.$transaction(async (tx) => {
    const point = await tx.chargePoint.findUnique({
      where: { id: data.chargePointId },
      select: { id: true, stationId: true, idPdcItinerance: true, pointCode: true },
    });
    if (!point) throw new AppError("NOT_FOUND", "Point de charge introuvable.", [{ path: "chargePointId", message: "Point de charge introuvable" }]);
    const station = await findOwnStation(tx, point.stationId, input.viewer);
    const locked = await tx.chargePoint.findUniqueOrThrow({ where: { id: point.id }, select: { withdrawnOn: true } });
    assertNotWithdrawn("point", locked.withdrawnOn);
    const day = dateColumn(deadline.effectiveOn);
    await tx.chargePoint.update({ where: { id: point.id }, data: { withdrawnOn: day, withdrawnAt: now } });
    // The station's totals follow its points in service (as after a declaration); a station left
    // without any is withdrawn with its last point.
    const left = await tx.chargePoint.aggregate({
      where: { stationId: station.id, withdrawnAt: null },
      _count: { _all: true },
      _max: { nominalPowerKw: true },
    });
    if (left._count._all > 0)
      await tx.station.update({ where: { id: station.id }, data: { pointCount: left._count._all, nominalPowerKw: left._max.nominalPowerKw ?? 0 } });
    else await tx.station.update({ where: { id: station.id }, data: { withdrawnOn: day, withdrawnAt: now } });
    const code = point.idPdcItinerance ?? point.pointCode;
    const change = await tx.stationChange.create({
      data: {
        stationId: station.id,
        chargePointId: point.id,
        kind: "retrait",
        effectiveOn: day,
        dueOn: dateColumn(deadline.dueOn),
        declaredAt: now,
        daysLate: deadline.daysLate,
        actorUserId: who.actorUserId ?? null,
        details: { idPdcItinerance: code, stationWithdrawn: left._count._all === 0 },
      },
      select: { id: true },
    });
    await recordAudit(
      {
        ...who,
        action: "charge_point.withdrawn",
        targetType: "charge_point",
        targetId: point.id,
        details: { reference: station.dossier.reference, idPdcItinerance: code, ...deadline, change: change.id.toString() },
      },
      tx,
    );
    return { chargePointId: point.id, idPdcItinerance: code, stationWithdrawn: left._count._all === 0, deadline };
  });
}
