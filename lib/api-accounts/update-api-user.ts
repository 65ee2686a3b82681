import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { SUPERUSER_WITH_OPERATOR, updateApiUserSchema, type UpdateApiUserInput } from "@/lib/schemas/api-accounts";
import { requireUserGroups, rethrowUnique } from "@/lib/api-accounts/account-checks";
import { findApiUser } from "@/lib/api-accounts/find-api-user";
import { API_USER_UNIQUE } from "@/lib/api-accounts/create-api-user";

/**
 * An API user's e-mail, names, groups, scopes, superuser flag and environment (its username and
 * operator stay). Its tokens keep working with the new rights once the door reads the user again
 * (within its cache delay: lib/channels/qualicharge/auth/principal.ts).
 */
export async function updateApiUser(input: UpdateApiUserInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(updateApiUserSchema, input);
  const prisma = options.prisma ?? (await db());
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await findApiUser(tx, data);
      if (data.isSuperuser && user.operatorId)
        throw new AppError("CONFLICT", SUPERUSER_WITH_OPERATOR, [{ path: "isSuperuser", message: SUPERUSER_WITH_OPERATOR }]);
      await requireUserGroups(tx, user.operatorId, data.groupIds);
      await tx.apiUserGroup.deleteMany({ where: { userId: user.id, groupId: { notIn: data.groupIds } } });
      await tx.apiUserGroup.createMany({ data: data.groupIds.map((groupId) => ({ userId: user.id, groupId })), skipDuplicates: true });
      const updated = await tx.apiUser.update({
        where: { id: user.id },
        data: { email: data.email, firstName: data.firstName, lastName: data.lastName, scopes: data.scopes, isSuperuser: data.isSuperuser, env: data.env },
        select: { id: true, username: true, email: true, operatorId: true, scopes: true, isSuperuser: true, env: true },
      });
      const { id: _id, ...details } = updated;
      await recordAudit(
        { ...who, action: "api_user.updated", targetType: "api_user", targetId: user.id, details: { ...details, groupIds: data.groupIds } },
        tx,
      );
      return updated;
    });
  } catch (e) {
    rethrowUnique(e, API_USER_UNIQUE({ username: "", email: data.email }));
  }
}
