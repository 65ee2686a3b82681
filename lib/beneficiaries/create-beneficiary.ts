import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUniqueViolation } from "@/lib/platform/db/unique-violation";
import { parseInput } from "@/lib/schemas/validation";
import { createBeneficiarySchema, type CreateBeneficiaryInput } from "@/lib/schemas/operators";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";

/** Creates a beneficiary (the holder of subsidy dossiers). A copropriété may have no SIREN. */
export async function createBeneficiary(input: CreateBeneficiaryInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(createBeneficiarySchema, input);
  const prisma = options.prisma ?? (await db());
  try {
    return await prisma.$transaction(async (tx) => {
      const beneficiary = await tx.beneficiary.create({
        data: { name: data.name, siren: data.siren ?? null },
        select: { id: true, name: true, siren: true, createdAt: true },
      });
      await recordAudit(
        {
          ...who,
          action: "beneficiary.created",
          targetType: "beneficiary",
          targetId: beneficiary.id,
          details: { name: beneficiary.name, siren: beneficiary.siren },
        },
        tx,
      );
      return beneficiary;
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError("CONFLICT", `Un bénéficiaire existe déjà avec le SIREN ${data.siren}.`, [{ path: "siren", message: "SIREN déjà enregistré" }]);
    throw e;
  }
}
