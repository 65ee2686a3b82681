import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUniqueViolation } from "@/lib/platform/db/unique-violation";
import { parseInput } from "@/lib/schemas/validation";
import { registerStationsSchema, type RegisterStationsInput } from "@/lib/schemas/stations";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { assertKnownCommune } from "@/lib/dossiers/commune-codes";
import { takenStationCodes, takenSummary, UNAVAILABLE, type TakenCode } from "@/lib/stations/unavailable-codes";

const stationSelect = {
  id: true,
  dossierId: true,
  operatorId: true,
  stationCode: true,
  channel: true,
  pointCount: true,
  nominalPowerKw: true,
  inseeCode: true,
} as const;

function alreadyRegistered(taken: TakenCode[], inputCodes: string[]): AppError {
  const { message, fields } = takenSummary(taken, (code) => `stations.${inputCodes.indexOf(code)}.stationCode`, "StationID");
  return new AppError("CONFLICT", message, fields);
}

/**
 * Registers a dossier's stations, all or nothing. Station codes are what the operator sends,
 * so they are unique per operator (the dossier's); the INSEE code defaults to the dossier's.
 */
export async function registerStations(input: RegisterStationsInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(registerStationsSchema, input);
  data.stations.forEach((s, i) => s.inseeCode && assertKnownCommune(s.inseeCode, `stations.${i}.inseeCode`));
  const prisma = options.prisma ?? (await db());
  const codes = data.stations.map((s) => s.stationCode);
  try {
    return await prisma.$transaction(async (tx) => {
      const dossier = await tx.dossier.findUnique({
        where: { id: data.dossierId },
        select: { id: true, reference: true, operatorId: true, channel: true, inseeCode: true, beneficiaryId: true },
      });
      if (!dossier) throw new AppError("NOT_FOUND", "Dossier introuvable.", [{ path: "dossierId", message: "dossier introuvable" }]);
      // A code of this operator is taken, by this beneficiary (say where) or by another (say only
      // that it is unavailable: lib/stations/unavailable-codes.ts).
      const taken = await takenStationCodes(tx, { operatorId: dossier.operatorId, codes, beneficiaryId: dossier.beneficiaryId });
      if (taken.length > 0) throw alreadyRegistered(taken, codes);
      const stations = await tx.station.createManyAndReturn({
        data: data.stations.map((s) => ({
          dossierId: dossier.id,
          operatorId: dossier.operatorId,
          stationCode: s.stationCode,
          channel: dossier.channel,
          pointCount: s.pointCount,
          nominalPowerKw: s.nominalPowerKw,
          inseeCode: s.inseeCode ?? dossier.inseeCode,
        })),
        select: stationSelect,
      });
      await recordAudit(
        { ...who, action: "stations.registered", targetType: "dossier", targetId: dossier.id, details: { reference: dossier.reference, stationCodes: codes } },
        tx,
      );
      return stations
        .map((s) => ({ ...s, nominalPowerKw: Number(s.nominalPowerKw) }))
        .sort((a, b) => codes.indexOf(a.stationCode) - codes.indexOf(b.stationCode));
    });
  } catch (e) {
    // Another registration took a code between our check and our insert.
    if (isUniqueViolation(e))
      throw new AppError(
        "CONFLICT",
        `StationID ${codes.join(", ")} : ${UNAVAILABLE}. Rien n'a été enregistré.`,
        codes.map((c, i) => ({ path: `stations.${i}.stationCode`, message: `StationID ${c} : ${UNAVAILABLE}` })),
      );
    throw e;
  }
}
