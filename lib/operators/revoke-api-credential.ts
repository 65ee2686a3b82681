import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { credentialRefSchema, type CredentialRef } from "@/lib/schemas/operators";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";

const credentialSelect = {
  id: true,
  operatorId: true,
  env: true,
  username: true,
  label: true,
  certFingerprint: true,
  revokedAt: true,
} as const;

export async function findCredential(tx: Prisma.TransactionClient, ref: { credentialId?: string; username?: string }) {
  const credential = await tx.apiCredential.findUnique({
    where: ref.credentialId ? { id: ref.credentialId } : { username: ref.username! },
    select: credentialSelect,
  });
  if (!credential)
    throw new AppError("NOT_FOUND", `Accès API introuvable : ${ref.credentialId ?? ref.username}.`, [
      { path: ref.credentialId ? "credentialId" : "username", message: "accès introuvable" },
    ]);
  return credential;
}

/**
 * Revokes a credential inside the caller's transaction: one conditional update, so a credential
 * is revoked once and audited once. Its certificate fingerprint is released (kept in the audit
 * row) so the certificate can be bound again. Returns whether this call revoked it.
 */
export async function revokeInTransaction(
  tx: Prisma.TransactionClient,
  credential: { id: string; username: string; certFingerprint: string | null },
  who: { actor: string; actorUserId?: string | null },
  reason: "revoked" | "rotated",
): Promise<boolean> {
  const { count } = await tx.apiCredential.updateMany({
    where: { id: credential.id, revokedAt: null },
    data: { revokedAt: new Date(), certFingerprint: null },
  });
  if (count === 0) return false;
  await recordAudit(
    {
      ...who,
      action: `api_credential.${reason}`,
      targetType: "api_credential",
      targetId: credential.id,
      details: { username: credential.username, certFingerprint: credential.certFingerprint },
    },
    tx,
  );
  return true;
}

/** Revokes an API credential (idempotent: revoking twice changes nothing the second time). */
export async function revokeApiCredential(input: CredentialRef & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const ref = parseInput(credentialRefSchema, input);
  const prisma = options.prisma ?? (await db());
  return prisma.$transaction(async (tx) => {
    const credential = await findCredential(tx, ref);
    const revoked = await revokeInTransaction(tx, credential, who, "revoked");
    const after = await tx.apiCredential.findUniqueOrThrow({
      where: { id: credential.id },
      select: { id: true, operatorId: true, env: true, username: true, revokedAt: true },
    });
    return { ...after, alreadyRevoked: !revoked };
  });
}
