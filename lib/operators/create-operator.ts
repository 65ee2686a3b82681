import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUniqueViolation } from "@/lib/platform/db/unique-violation";
import { insertApiCredential, type IssuedCredential } from "@/lib/operators/create-api-credential";
import { parseInput } from "@/lib/schemas/validation";
import { createOperatorSchema, type CreateOperatorInput } from "@/lib/schemas/operators";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";

/**
 * Creates a charge-point operator. Its id is the ADVENIR `UserID` it sends in every body.
 * With `credentials: ["production", "sandbox"]`, also issues those credentials in the same
 * transaction (secrets returned once).
 */
export async function createOperator(input: CreateOperatorInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(createOperatorSchema, input);
  const prisma = options.prisma ?? (await db());
  try {
    return await prisma.$transaction(async (tx) => {
      const operator = await tx.operator.create({
        data: { name: data.name, siren: data.siren },
        select: { id: true, name: true, siren: true, createdAt: true },
      });
      await recordAudit(
        { ...who, action: "operator.created", targetType: "operator", targetId: operator.id, details: { name: operator.name, siren: operator.siren } },
        tx,
      );
      const credentials: IssuedCredential[] = [];
      for (const env of data.credentials) credentials.push(await insertApiCredential(tx, { operatorId: operator.id, env }, who));
      return { ...operator, credentials };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError("CONFLICT", `Un opérateur existe déjà avec le SIREN ${data.siren}.`, [{ path: "siren", message: "SIREN déjà enregistré" }]);
    throw e;
  }
}
