import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { setApiUserActiveSchema, type SetApiUserActiveInput } from "@/lib/schemas/api-accounts";
import { findApiUser } from "@/lib/api-accounts/find-api-user";

/**
 * Disables an API user (no token, its tokens void) or enables it again. Either way
 * `password_changed_at` moves to now: tokens issued before a disabling stay void after it is
 * enabled again, as the people's sessions (lib/users/set-account-disabled.ts).
 */
export async function setApiUserActive(input: SetApiUserActiveInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(setApiUserActiveSchema, input);
  const prisma = options.prisma ?? (await db());
  return prisma.$transaction(async (tx) => {
    const user = await findApiUser(tx, data);
    const updated = await tx.apiUser.update({
      where: { id: user.id },
      data: { isActive: data.active, passwordChangedAt: new Date() },
      select: { id: true, username: true, isActive: true },
    });
    await recordAudit(
      {
        ...who,
        action: data.active ? "api_user.enabled" : "api_user.disabled",
        targetType: "api_user",
        targetId: user.id,
        details: { username: user.username },
      },
      tx,
    );
    return updated;
  });
}
