import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { updateOperationalUnitSchema, type UpdateOperationalUnitInput } from "@/lib/schemas/api-accounts";

/**
 * Renames an operational unit. Its code (the prefix of its points' ids) and its operator stay:
 * changing either would hand the points, or the groups holding the unit, to someone else.
 */
export async function updateOperationalUnit(input: UpdateOperationalUnitInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(updateOperationalUnitSchema, input);
  const prisma = options.prisma ?? (await db());
  return prisma.$transaction(async (tx) => {
    const unit = await tx.operationalUnit.findUnique({ where: { code: data.code }, select: { code: true, name: true } });
    if (!unit)
      throw new AppError("NOT_FOUND", `Unité opérationnelle introuvable : ${data.code}.`, [{ path: "code", message: "Unité opérationnelle introuvable" }]);
    const updated = await tx.operationalUnit.update({
      where: { code: unit.code },
      data: { name: data.name },
      select: { code: true, name: true, operatorId: true },
    });
    await recordAudit(
      { ...who, action: "api_unit.updated", targetType: "operational_unit", targetId: unit.code, details: { before: unit.name, after: data.name } },
      tx,
    );
    return updated;
  });
}
