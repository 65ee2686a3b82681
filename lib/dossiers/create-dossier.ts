import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUniqueViolation } from "@/lib/platform/db/unique-violation";
import { ATTESTATION_TEXT_SHA256, ATTESTATION_TEXT_VERSION } from "@/lib/attestations/attestation-text";
import { parseInput } from "@/lib/schemas/validation";
import { createDossierSchema, type CreateDossierInput } from "@/lib/schemas/dossiers";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { assertKnownCommune } from "@/lib/dossiers/commune-codes";

export const dossierSelect = {
  id: true,
  reference: true,
  beneficiaryId: true,
  operatorId: true,
  siteName: true,
  address: true,
  inseeCode: true,
  siteType: true,
  channel: true,
  createdAt: true,
  attestation: { select: { textVersion: true, textSha256: true, signedAt: true } },
} as const;

/** Creates a dossier with its unsigned attestation (current text version and its SHA-256). */
export async function createDossier(input: CreateDossierInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(createDossierSchema, input);
  assertKnownCommune(data.inseeCode);
  const prisma = options.prisma ?? (await db());
  try {
    return await prisma.$transaction(async (tx) => {
      if (!(await tx.beneficiary.findUnique({ where: { id: data.beneficiaryId }, select: { id: true } })))
        throw new AppError("NOT_FOUND", `Bénéficiaire introuvable : ${data.beneficiaryId}.`, [{ path: "beneficiaryId", message: "bénéficiaire introuvable" }]);
      if (!(await tx.operator.findUnique({ where: { id: data.operatorId }, select: { id: true } })))
        throw new AppError("NOT_FOUND", `Opérateur introuvable : ${data.operatorId}.`, [{ path: "operatorId", message: "opérateur introuvable" }]);
      const dossier = await tx.dossier.create({
        data: {
          ...data,
          attestation: { create: { textVersion: ATTESTATION_TEXT_VERSION, textSha256: ATTESTATION_TEXT_SHA256 } },
        },
        select: dossierSelect,
      });
      await recordAudit(
        { ...who, action: "dossier.created", targetType: "dossier", targetId: dossier.id, details: { reference: dossier.reference, channel: dossier.channel } },
        tx,
      );
      return dossier;
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError("CONFLICT", `Un dossier existe déjà avec la référence ${data.reference}.`, [
        { path: "reference", message: "référence déjà utilisée" },
      ]);
    throw e;
  }
}
