import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { withdrawStationSchema, type WithdrawStationInput } from "@/lib/schemas/station-changes";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import type { Viewer } from "@/lib/dossiers/get-dossier-view";
import { assertNotWithdrawn, findOwnStation } from "@/lib/stations/find-own-station";
import { changeDeadline, dateColumn } from "@/lib/stations/change-deadline";

/**
 * Withdraws a station taken out of service (and its charge points), from the day its beneficiary
 * gives. Nothing is deleted: data received for it stays, and its identifier stays reserved to it.
 * One transaction with its station_change row (10-working-day deadline) and audit row; a second
 * withdrawal is refused, naming the first one's day.
 */
export async function withdrawStation(input: WithdrawStationInput & AuditActor & { viewer: Viewer; now?: Date }, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(withdrawStationSchema, input);
  const now = input.now ?? new Date();
  const deadline = changeDeadline(data.effectiveOn, now);
  const prisma = options.prisma ?? (await db());
  return prisma.$transaction(async (tx) => {
    const station = await findOwnStation(tx, data.stationId, input.viewer);
    assertNotWithdrawn("station", station.withdrawnOn);
    const day = dateColumn(deadline.effectiveOn);
    await tx.station.update({ where: { id: station.id }, data: { withdrawnOn: day, withdrawnAt: now } });
    const points = await tx.chargePoint.updateMany({ where: { stationId: station.id, withdrawnAt: null }, data: { withdrawnOn: day, withdrawnAt: now } });
    const change = await tx.stationChange.create({
      data: {
        stationId: station.id,
        kind: "retrait",
        effectiveOn: day,
        dueOn: dateColumn(deadline.dueOn),
        declaredAt: now,
        daysLate: deadline.daysLate,
        actorUserId: who.actorUserId ?? null,
        details: { stationCode: station.stationCode, points: points.count },
      },
      select: { id: true },
    });
    await recordAudit(
      {
        ...who,
        action: "station.withdrawn",
        targetType: "station",
        targetId: station.id,
        details: { reference: station.dossier.reference, stationCode: station.stationCode, points: points.count, ...deadline, change: change.id.toString() },
      },
      tx,
    );
    return { stationId: station.id, stationCode: station.stationCode, withdrawnPoints: points.count, deadline };
  });
}
