import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { parseInput } from "@/lib/schemas/validation";
import { credentialRefSchema, type CredentialRef } from "@/lib/schemas/operators";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { findCredential, revokeInTransaction } from "@/lib/operators/revoke-api-credential";
import { credentialConflict, insertApiCredential, type IssuedCredential } from "@/lib/operators/create-api-credential";

/**
 * Replaces a credential: revokes the old one and issues a new one (same operator, environment,
 * label and certificate) in one transaction. A revoked credential cannot be rotated, so two
 * concurrent rotations produce one new credential, not two.
 */
export async function rotateApiCredential(
  input: CredentialRef & AuditActor,
  options: { prisma?: PrismaClient } = {},
): Promise<IssuedCredential & { revokedUsername: string }> {
  const who = parseInput(actorSchema, input);
  const ref = parseInput(credentialRefSchema, input);
  const prisma = options.prisma ?? (await db());
  try {
    return await prisma.$transaction(async (tx) => {
      const old = await findCredential(tx, ref);
      if (!(await revokeInTransaction(tx, old, who, "rotated")))
        throw new AppError("CONFLICT", `L'accès ${old.username} est déjà révoqué : créez-en un nouveau.`);
      const issued = await insertApiCredential(
        tx,
        { operatorId: old.operatorId, env: old.env, label: old.label, certFingerprint: old.certFingerprint },
        who,
        "api_credential.created_by_rotation",
      );
      return { ...issued, revokedUsername: old.username };
    });
  } catch (e) {
    throw credentialConflict(e, {}) ?? e;
  }
}
