import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { generatePassword, hashSecret } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { createApiUserSchema, type CreateApiUserInput } from "@/lib/schemas/api-accounts";
import { requireOperator, requireUserGroups, rethrowUnique } from "@/lib/api-accounts/account-checks";

export const API_USER_UNIQUE = (data: { username: string; email: string }) => ({
  username: { path: "username", message: `Identifiant : « ${data.username} » est déjà pris` },
  email: { path: "email", message: `Adresse e-mail : un utilisateur d'API a déjà l'adresse ${data.email}` },
});

/**
 * A machine account of the QualiCharge API, with a generated password returned once (only its
 * scrypt hash is stored). Superusers (every scope, every operator's points) only for the portal's
 * technical operator: a user without operator.
 */
export async function createApiUser(input: CreateApiUserInput & AuditActor, options: { prisma?: PrismaClient; password?: string } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(createApiUserSchema, input);
  const prisma = options.prisma ?? (await db());
  const password = options.password ?? generatePassword();
  const passwordHash = await hashSecret(password);
  try {
    const user = await prisma.$transaction(async (tx) => {
      await requireOperator(tx, data.operatorId);
      await requireUserGroups(tx, data.operatorId ?? null, data.groupIds);
      const created = await tx.apiUser.create({
        data: {
          username: data.username,
          email: data.email,
          firstName: data.firstName,
          lastName: data.lastName,
          passwordHash,
          isSuperuser: data.isSuperuser,
          scopes: data.scopes,
          operatorId: data.operatorId ?? null,
          env: data.env,
          groups: { create: data.groupIds.map((groupId) => ({ groupId })) },
        },
        select: { id: true, username: true, email: true, operatorId: true, scopes: true, isSuperuser: true, env: true },
      });
      const { id: _id, ...details } = created;
      await recordAudit(
        { ...who, action: "api_user.created", targetType: "api_user", targetId: created.id, details: { ...details, groupIds: data.groupIds } },
        tx,
      );
      return created;
    });
    return { ...user, password };
  } catch (e) {
    rethrowUnique(e, API_USER_UNIQUE(data));
  }
}
