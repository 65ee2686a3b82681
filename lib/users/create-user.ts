import type { PrismaClient } from "@/generated/prisma/client";
import { isUniqueViolation } from "@/lib/platform/db/unique-violation";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { hashSecret } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { createUserSchema, type CreateUserInput } from "@/lib/schemas/users";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";

export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  operatorId: true,
  beneficiaryId: true,
  createdAt: true,
} as const;

/** Creates a person's account with a scrypt hash of its password. */
export async function createUser(input: CreateUserInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(createUserSchema, input);
  const prisma = options.prisma ?? (await db());
  const passwordHash = await hashSecret(data.password);
  try {
    return await prisma.$transaction(async (tx) => {
      if (data.operatorId && !(await tx.operator.findUnique({ where: { id: data.operatorId }, select: { id: true } })))
        throw new AppError("NOT_FOUND", `Opérateur introuvable : ${data.operatorId}.`, [{ path: "operatorId", message: "opérateur introuvable" }]);
      if (data.beneficiaryId && !(await tx.beneficiary.findUnique({ where: { id: data.beneficiaryId }, select: { id: true } })))
        throw new AppError("NOT_FOUND", `Bénéficiaire introuvable : ${data.beneficiaryId}.`, [{ path: "beneficiaryId", message: "bénéficiaire introuvable" }]);
      const user = await tx.user.create({
        data: {
          email: data.email,
          name: data.name,
          role: data.role,
          passwordHash,
          operatorId: data.operatorId ?? null,
          beneficiaryId: data.beneficiaryId ?? null,
        },
        select: userSelect,
      });
      await recordAudit({ ...who, action: "user.created", targetType: "user", targetId: user.id, details: { email: user.email, role: user.role } }, tx);
      return user;
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError("CONFLICT", `Un compte existe déjà avec l'adresse ${data.email}.`, [{ path: "email", message: "adresse déjà utilisée" }]);
    throw e;
  }
}
