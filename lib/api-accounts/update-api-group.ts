import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { updateApiGroupSchema, type UpdateApiGroupInput } from "@/lib/schemas/api-accounts";
import { requireGroupUnits, rethrowUnique } from "@/lib/api-accounts/account-checks";
import { GROUP_NAME_TAKEN } from "@/lib/api-accounts/create-api-group";

/**
 * Renames a group and sets its units (its operator stays). Its users' tokens keep working: the
 * door reads their units again within its cache delay (lib/channels/qualicharge/auth/principal.ts).
 */
export async function updateApiGroup(input: UpdateApiGroupInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(updateApiGroupSchema, input);
  const prisma = options.prisma ?? (await db());
  try {
    return await prisma.$transaction(async (tx) => {
      const group = await tx.apiGroup.findUnique({
        where: { id: data.groupId },
        select: { id: true, name: true, operatorId: true, units: { select: { unitCode: true } } },
      });
      if (!group) throw new AppError("NOT_FOUND", "Groupe introuvable.", [{ path: "groupId", message: "Groupe introuvable" }]);
      await requireGroupUnits(tx, group.operatorId, data.unitCodes);
      await tx.apiGroupUnit.deleteMany({ where: { groupId: group.id, unitCode: { notIn: data.unitCodes } } });
      await tx.apiGroupUnit.createMany({ data: data.unitCodes.map((unitCode) => ({ groupId: group.id, unitCode })), skipDuplicates: true });
      await tx.apiGroup.update({ where: { id: group.id }, data: { name: data.name } });
      const before = { name: group.name, unitCodes: group.units.map((u) => u.unitCode).sort() };
      await recordAudit(
        {
          ...who,
          action: "api_group.updated",
          targetType: "api_group",
          targetId: group.id,
          details: { before, after: { name: data.name, unitCodes: data.unitCodes } },
        },
        tx,
      );
      return { id: group.id, name: data.name, operatorId: group.operatorId, unitCodes: data.unitCodes };
    });
  } catch (e) {
    rethrowUnique(e, { name: GROUP_NAME_TAKEN(data.name) });
  }
}
