import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { DataEnv } from "@/generated/prisma/enums";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { generateSecret, hashSecret } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUniqueViolation, uniqueViolationFields } from "@/lib/platform/db/unique-violation";
import { parseInput } from "@/lib/schemas/validation";
import { createApiCredentialSchema, type CreateApiCredentialInput } from "@/lib/schemas/operators";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { assertNotPurged } from "@/lib/programme/programme-status";

/** What the caller gets once: the secret is never stored nor shown again. */
export interface IssuedCredential {
  id: string;
  operatorId: string;
  env: DataEnv;
  username: string;
  secret: string;
  label: string;
}

/** "op-<first 8 hex of the UserID>-<prod|sandbox>-<random>": readable and unique. */
export function generateUsername(operatorId: string, env: DataEnv): string {
  return `op-${operatorId.slice(0, 8)}-${env === "production" ? "prod" : "sandbox"}-${randomBytes(3).toString("hex")}`;
}

/** Inserts one credential and its audit row with the caller's transaction client. */
export async function insertApiCredential(
  tx: Prisma.TransactionClient,
  spec: { operatorId: string; env: DataEnv; label?: string; certFingerprint?: string | null; username?: string; secret?: string },
  who: { actor: string; actorUserId?: string | null },
  action = "api_credential.created",
): Promise<IssuedCredential> {
  await assertNotPurged(tx, "Aucun accès à l'API ne peut plus être délivré.");
  const secret = spec.secret ?? generateSecret();
  const credential = await tx.apiCredential.create({
    data: {
      operatorId: spec.operatorId,
      env: spec.env,
      username: spec.username ?? generateUsername(spec.operatorId, spec.env),
      secretHash: await hashSecret(secret),
      label: spec.label ?? "",
      certFingerprint: spec.certFingerprint ?? null,
    },
    select: { id: true, operatorId: true, env: true, username: true, label: true },
  });
  await recordAudit(
    {
      ...who,
      action,
      targetType: "api_credential",
      targetId: credential.id,
      details: { operatorId: credential.operatorId, env: credential.env, username: credential.username, certificate: Boolean(spec.certFingerprint) },
    },
    tx,
  );
  return { ...credential, secret };
}

export function credentialConflict(e: unknown, spec: { username?: string; certFingerprint?: string }): AppError | undefined {
  if (!isUniqueViolation(e)) return undefined;
  if (uniqueViolationFields(e).some((f) => /cert/i.test(f)))
    return new AppError("CONFLICT", "Ce certificat est déjà associé à un autre accès.", [{ path: "certFingerprint", message: "certificat déjà utilisé" }]);
  return new AppError("CONFLICT", spec.username ? `L'identifiant ${spec.username} est déjà utilisé.` : "Identifiant déjà utilisé : réessayez.", [
    { path: "username", message: "identifiant déjà utilisé" },
  ]);
}

/** Issues API credentials to an operator: returns the secret ONCE, stores only its hash. */
export async function createApiCredential(input: CreateApiCredentialInput & AuditActor, options: { prisma?: PrismaClient } = {}): Promise<IssuedCredential> {
  const who = parseInput(actorSchema, input);
  const data = parseInput(createApiCredentialSchema, input);
  const prisma = options.prisma ?? (await db());
  try {
    return await prisma.$transaction(async (tx) => {
      const operator = await tx.operator.findUnique({ where: { id: data.operatorId }, select: { id: true } });
      if (!operator) throw new AppError("NOT_FOUND", `Opérateur introuvable : ${data.operatorId}.`, [{ path: "operatorId", message: "opérateur introuvable" }]);
      return insertApiCredential(tx, data, who);
    });
  } catch (e) {
    throw credentialConflict(e, data) ?? e;
  }
}
