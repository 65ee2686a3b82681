import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { generatePassword, hashSecret } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { apiUserRefSchema, type ApiUserRefInput } from "@/lib/schemas/api-accounts";
import { findApiUser } from "@/lib/api-accounts/find-api-user";

/**
 * A new generated password for an API user, returned once. `password_changed_at` voids the
 * tokens issued before (the door refuses them as revoked); the caller in the door's process
 * forgets the cached principal so that takes effect at once there.
 */
export async function resetApiUserPassword(input: ApiUserRefInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const ref = parseInput(apiUserRefSchema, input);
  const prisma = options.prisma ?? (await db());
  const password = generatePassword();
  const passwordHash = await hashSecret(password);
  return prisma.$transaction(async (tx) => {
    const user = await findApiUser(tx, ref);
    await tx.apiUser.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date() } });
    await recordAudit({ ...who, action: "api_user.password_reset", targetType: "api_user", targetId: user.id, details: { username: user.username } }, tx);
    return { id: user.id, username: user.username, password };
  });
}
