import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { findAccount } from "@/lib/users/find-account";
import { parseInput } from "@/lib/schemas/validation";
import { setAccountDisabledSchema, type SetAccountDisabledInput } from "@/lib/schemas/users";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";

/**
 * Disables an account (someone who left, a compromised password) or enables it again. A disabled
 * account cannot log in, and its open sessions stop at their next request (every page reads the
 * account) for good: enabling it again does not revive them. Nothing is deleted: dossiers and
 * signed attestations keep their author. An administrator cannot disable their own account (the
 * last one would lock everybody out).
 */
export async function setAccountDisabled(input: SetAccountDisabledInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(setAccountDisabledSchema, input);
  const prisma = options.prisma ?? (await db());
  return prisma.$transaction(async (tx) => {
    const user = await findAccount(tx, data);
    if (data.disabled && user.id === who.actorUserId) throw new AppError("CONFLICT", "Vous ne pouvez pas désactiver votre propre compte.");
    // Disabling twice keeps the first date; the audit log records every request. Sessions opened
    // before a disabling stay void after the account is enabled again: its owner logs in anew.
    const now = new Date();
    const change = data.disabled ? { disabledAt: user.disabledAt ?? now, sessionsValidFrom: now } : { disabledAt: null };
    const updated = await tx.user.update({ where: { id: user.id }, data: change, select: { id: true, email: true, name: true, disabledAt: true } });
    await recordAudit(
      { ...who, action: data.disabled ? "user.disabled" : "user.enabled", targetType: "user", targetId: user.id, details: { email: user.email } },
      tx,
    );
    return updated;
  });
}
