import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUniqueViolation } from "@/lib/platform/db/unique-violation";
import { parseInput } from "@/lib/schemas/validation";
import { correctStationSchema, type CorrectStationInput } from "@/lib/schemas/station-changes";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import type { Viewer } from "@/lib/dossiers/get-dossier-view";
import { assertNotWithdrawn, findOwnStation } from "@/lib/stations/find-own-station";
import { changeDeadline, dateColumn } from "@/lib/stations/change-deadline";
import { takenMessage, takenStationCodes, UNAVAILABLE } from "@/lib/stations/unavailable-codes";

/**
 * Corrects a web-service (ADVENIR) station: its number of points, power per point, and its
 * StationID while no data was received under it (afterwards the operator's data is keyed by it).
 * One transaction: the station, a station_change row with the 10-working-day deadline of the
 * change, and the audit row. GIREVE stations are corrected point by point (IRVE static data).
 */
export async function correctStation(input: CorrectStationInput & AuditActor & { viewer: Viewer; now?: Date }, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(correctStationSchema, input);
  const now = input.now ?? new Date();
  const deadline = changeDeadline(data.effectiveOn, now);
  const prisma = options.prisma ?? (await db());
  try {
    return await prisma.$transaction(async (tx) => {
      const station = await findOwnStation(tx, data.stationId, input.viewer);
      assertNotWithdrawn("station", station.withdrawnOn);
      if (station.channel !== "ADVENIR") throw new AppError("CONFLICT", "Une station du canal GIREVE se corrige par les données statiques IRVE de ses points.");
      const before = { stationCode: station.stationCode, pointCount: station.pointCount, nominalPowerKw: Number(station.nominalPowerKw) };
      const after = { stationCode: data.stationCode, pointCount: data.pointCount, nominalPowerKw: data.nominalPowerKw };
      if (before.stationCode === after.stationCode && before.pointCount === after.pointCount && before.nominalPowerKw === after.nominalPowerKw)
        throw new AppError("INVALID_INPUT", "Rien n'a changé : modifiez au moins un champ.", [
          { path: "pointCount", message: "Aucune modification : la station a déjà ces valeurs" },
        ]);
      if (after.stationCode !== before.stationCode) {
        const received = await tx.$queryRaw<{ n: bigint }[]>`
          SELECT (SELECT count(*) FROM charge_operation WHERE station_id = ${station.id}::uuid)
               + (SELECT count(*) FROM load_curve WHERE station_id = ${station.id}::uuid) AS n`;
        if (Number(received[0]?.n ?? 0) > 0)
          throw new AppError("CONFLICT", "L'identifiant ne peut plus changer : des données ont été reçues sous cet identifiant.", [
            { path: "stationCode", message: "Identifiant de la station : ne peut plus changer, des données ont déjà été reçues sous cet identifiant" },
          ]);
        const [taken] = await takenStationCodes(tx, {
          operatorId: station.operatorId,
          codes: [after.stationCode],
          beneficiaryId: station.dossier.beneficiaryId,
        });
        if (taken) {
          const message = takenMessage("StationID", taken);
          throw new AppError("CONFLICT", `${message}.`, [{ path: "stationCode", message }]);
        }
      }
      const updated = await tx.station.update({
        where: { id: station.id },
        data: after,
        select: { id: true, stationCode: true, pointCount: true, nominalPowerKw: true },
      });
      const change = await tx.stationChange.create({
        data: {
          stationId: station.id,
          kind: "correction",
          effectiveOn: dateColumn(deadline.effectiveOn),
          dueOn: dateColumn(deadline.dueOn),
          declaredAt: now,
          daysLate: deadline.daysLate,
          actorUserId: who.actorUserId ?? null,
          details: { before, after },
        },
        select: { id: true },
      });
      await recordAudit(
        {
          ...who,
          action: "station.corrected",
          targetType: "station",
          targetId: station.id,
          details: { reference: station.dossier.reference, before, after, ...deadline, change: change.id.toString() },
        },
        tx,
      );
      return { ...updated, nominalPowerKw: Number(updated.nominalPowerKw), deadline };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError("CONFLICT", `StationID ${data.stationCode} : ${UNAVAILABLE}.`, [
        { path: "stationCode", message: `StationID ${data.stationCode} : ${UNAVAILABLE}` },
      ]);
    throw e;
  }
}
