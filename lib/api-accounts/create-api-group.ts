import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { createApiGroupSchema, type CreateApiGroupInput } from "@/lib/schemas/api-accounts";
import { requireGroupUnits, requireOperator, rethrowUnique } from "@/lib/api-accounts/account-checks";

export const GROUP_NAME_TAKEN = (name: string) => ({ path: "name", message: `Nom du groupe : le groupe « ${name} » existe déjà` });

/** A group of API users holding operational units of its operator (none: the technical operator). */
export async function createApiGroup(input: CreateApiGroupInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(createApiGroupSchema, input);
  const prisma = options.prisma ?? (await db());
  try {
    return await prisma.$transaction(async (tx) => {
      await requireOperator(tx, data.operatorId);
      await requireGroupUnits(tx, data.operatorId ?? null, data.unitCodes);
      const group = await tx.apiGroup.create({
        data: { name: data.name, operatorId: data.operatorId ?? null, units: { create: data.unitCodes.map((unitCode) => ({ unitCode })) } },
        select: { id: true, name: true, operatorId: true },
      });
      await recordAudit(
        { ...who, action: "api_group.created", targetType: "api_group", targetId: group.id, details: { ...group, unitCodes: data.unitCodes } },
        tx,
      );
      return { ...group, unitCodes: data.unitCodes };
    });
  } catch (e) {
    rethrowUnique(e, { name: GROUP_NAME_TAKEN(data.name) });
  }
}
