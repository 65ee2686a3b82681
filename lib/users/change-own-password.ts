import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { getEnv } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { hashSecret, verifySecret } from "@/lib/auth/password";
import { blockedFor, clearFailures, recordFailure } from "@/lib/auth/throttle";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { changeOwnPasswordSchema, type ChangeOwnPasswordInput } from "@/lib/schemas/users";

/**
 * A signed-in person replaces their password, proving they know the current one. Wrong current
 * passwords are throttled per account like logins (a stolen open session must not become a way
 * to guess the password). On success every session of the account ends, this one included: the
 * person logs in again with the new password, and a session someone else opened is closed.
 */
export async function changeOwnPassword(input: ChangeOwnPasswordInput & { userId: string }, options: { prisma?: PrismaClient; now?: Date } = {}) {
  const data = parseInput(changeOwnPasswordSchema, input);
  const prisma = options.prisma ?? (await db());
  const env = getEnv();
  const key = `password-change:user:${input.userId}`;
  const wait = await blockedFor(prisma, key, options.now);
  if (wait > 0) {
    throw new AppError("TOO_MANY_REQUESTS", `Trop d'essais du mot de passe actuel. Réessayez dans ${Math.ceil(wait / 60)} minute(s).`, [], wait);
  }
  const user = await prisma.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, passwordHash: true, disabledAt: true } });
  if (!user || user.disabledAt) throw new AppError("UNAUTHENTICATED", "Connexion requise.");
  if (!(await verifySecret(data.currentPassword, user.passwordHash))) {
    await recordFailure(
      prisma,
      key,
      { maxFailures: env.LOGIN_MAX_FAILURES, windowSeconds: env.LOGIN_BLOCK_SECONDS, blockSeconds: env.LOGIN_BLOCK_SECONDS },
      options.now,
    );
    await recordAudit(
      { actor: user.email, actorUserId: user.id, action: "user.password_change_failed", targetType: "user", targetId: user.id, details: {} },
      prisma,
    );
    throw new AppError("INVALID_INPUT", "Le mot de passe actuel est incorrect.", [{ path: "currentPassword", message: "mot de passe actuel incorrect" }]);
  }
  const passwordHash = await hashSecret(data.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionsValidFrom: options.now ?? new Date() } });
    await recordAudit({ actor: user.email, actorUserId: user.id, action: "user.password_changed", targetType: "user", targetId: user.id, details: {} }, tx);
  });
  await clearFailures(prisma, key);
  return { id: user.id, email: user.email };
}
