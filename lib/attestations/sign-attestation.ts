import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { ATTESTATION_TEXT_SHA256, ATTESTATION_TEXT_VERSION } from "@/lib/attestations/attestation-text";
import { parseInput } from "@/lib/schemas/validation";
import { signAttestationSchema, type SignAttestationInput } from "@/lib/schemas/attestations";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";

export const signatureSelect = {
  dossierId: true,
  textVersion: true,
  textSha256: true,
  signerName: true,
  signerCapacity: true,
  consent: true,
  signedAt: true,
  signedByUserId: true,
  onBehalf: true,
} as const;

/**
 * Signs a dossier's attestation sur l'honneur. One conditional update (`signedAt IS NULL`)
 * and its audit row in one transaction: a double submit signs once and is audited once, and a
 * signed attestation is never changed (a later call returns the existing signature with
 * `alreadySigned: true`).
 */
export async function signAttestation(input: SignAttestationInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(signAttestationSchema, input);
  const prisma = options.prisma ?? (await db());
  return prisma.$transaction(async (tx) => {
    const current = await tx.attestation.findUnique({ where: { dossierId: data.dossierId }, select: signatureSelect });
    if (!current) throw new AppError("NOT_FOUND", "Dossier introuvable.", [{ path: "dossierId", message: "dossier introuvable" }]);
    if (current.signedAt) return { ...current, alreadySigned: true };
    if (data.textVersion && data.textVersion !== ATTESTATION_TEXT_VERSION)
      throw new AppError("CONFLICT", "Le texte de l'attestation a changé depuis son affichage : relisez la nouvelle version avant de signer.", [
        { path: "textVersion", message: "version du texte périmée" },
      ]);
    const signedAt = new Date();
    const { count } = await tx.attestation.updateMany({
      where: { dossierId: data.dossierId, signedAt: null },
      data: {
        signerName: data.signerName,
        signerCapacity: data.signerCapacity,
        consent: true,
        signedAt,
        signedByUserId: data.signedByUserId ?? null,
        onBehalf: data.onBehalf,
        ipAddress: data.ipAddress ?? null,
        userAgent: data.userAgent ?? null,
        textVersion: ATTESTATION_TEXT_VERSION,
        textSha256: ATTESTATION_TEXT_SHA256,
      },
    });
    const signature = await tx.attestation.findUniqueOrThrow({ where: { dossierId: data.dossierId }, select: signatureSelect });
    if (count === 0) return { ...signature, alreadySigned: true };
    await recordAudit(
      {
        ...who,
        action: data.onBehalf ? "attestation.signed_on_behalf" : "attestation.signed",
        targetType: "dossier",
        targetId: data.dossierId,
        details: {
          signerName: data.signerName,
          signerCapacity: data.signerCapacity,
          textVersion: ATTESTATION_TEXT_VERSION,
          textSha256: ATTESTATION_TEXT_SHA256,
          ipAddress: data.ipAddress ?? null,
          userAgent: data.userAgent ?? null,
        },
      },
      tx,
    );
    return { ...signature, alreadySigned: false };
  });
}
