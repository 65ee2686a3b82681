import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { createOperationalUnitSchema, type CreateOperationalUnitInput } from "@/lib/schemas/api-accounts";
import { requireOperator, rethrowUnique } from "@/lib/api-accounts/account-checks";

/** An operational unit (AFIREV prefix) held by an operator; an operator may hold several. */
export async function createOperationalUnit(input: CreateOperationalUnitInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(createOperationalUnitSchema, input);
  const prisma = options.prisma ?? (await db());
  try {
    return await prisma.$transaction(async (tx) => {
      await requireOperator(tx, data.operatorId);
      const unit = await tx.operationalUnit.create({ data, select: { code: true, name: true, operatorId: true } });
      await recordAudit({ ...who, action: "api_unit.created", targetType: "operational_unit", targetId: unit.code, details: { ...unit } }, tx);
      return unit;
    });
  } catch (e) {
    rethrowUnique(e, { code: { path: "code", message: `Code de l'unité : l'unité ${data.code} existe déjà` } });
  }
}
