import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { generatePassword, hashSecret } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { findAccount } from "@/lib/users/find-account";
import { parseInput } from "@/lib/schemas/validation";
import { resetPasswordSchema, type ResetPasswordInput } from "@/lib/schemas/users";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";

/**
 * Gives an account a new generated password (a person who forgot theirs, or a password that may
 * have leaked), returned once to be handed over; the old one stops working and so do the
 * sessions opened with it. From the admin page, not for one's own account (they would be logged
 * out by it); the CLI may.
 */
export async function resetPassword(input: ResetPasswordInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(resetPasswordSchema, input);
  const prisma = options.prisma ?? (await db());
  const password = generatePassword();
  const passwordHash = await hashSecret(password);
  return prisma.$transaction(async (tx) => {
    const user = await findAccount(tx, data);
    if (user.id === who.actorUserId) throw new AppError("CONFLICT", "Vous ne pouvez pas renouveler ici votre propre mot de passe.");
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionsValidFrom: new Date() } });
    await recordAudit({ ...who, action: "user.password_reset", targetType: "user", targetId: user.id, details: { email: user.email } }, tx);
    return { id: user.id, email: user.email, name: user.name, password };
  });
}
