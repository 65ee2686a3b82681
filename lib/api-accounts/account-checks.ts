import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/platform/errors";
import { isUniqueViolation, uniqueViolationFields } from "@/lib/platform/db/unique-violation";

// Checks shared by the writes of API accounts, inside their transaction: the tenancy of
// QualiCharge holds only if a group's units are its operator's and a user's groups its own
// operator's (an operator's user in another operator's group would write that operator's points).

type Tx = Prisma.TransactionClient;

/** The operator exists (a clear field error rather than a foreign-key failure). */
export async function requireOperator(tx: Tx, operatorId: string | null | undefined): Promise<void> {
  if (!operatorId) return;
  if (!(await tx.operator.findUnique({ where: { id: operatorId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", `Opérateur introuvable : ${operatorId}.`, [{ path: "operatorId", message: "Opérateur : opérateur introuvable" }]);
}

/**
 * Every unit exists and, for a group of an operator, is held by that operator. A group without
 * operator is the portal's technical operator's: it may hold any operator's units.
 */
export async function requireGroupUnits(tx: Tx, operatorId: string | null, unitCodes: string[]): Promise<void> {
  if (unitCodes.length === 0) return;
  const units = await tx.operationalUnit.findMany({ where: { code: { in: unitCodes } }, select: { code: true, operatorId: true } });
  const missing = unitCodes.filter((c) => !units.some((u) => u.code === c));
  if (missing.length > 0)
    throw new AppError("NOT_FOUND", `Unité(s) opérationnelle(s) introuvable(s) : ${missing.join(", ")}.`, [
      { path: "unitCodes", message: `Unités : ${missing.join(", ")} introuvable(s)` },
    ]);
  const foreign = operatorId ? units.filter((u) => u.operatorId !== operatorId).map((u) => u.code) : [];
  if (foreign.length > 0)
    throw new AppError("CONFLICT", `Unité(s) d'un autre opérateur : ${foreign.join(", ")}.`, [
      { path: "unitCodes", message: `Unités : ${foreign.join(", ")} appartien(nen)t à un autre opérateur que celui du groupe` },
    ]);
}

/** Every group exists and has the user's operator (none for the technical operator's users). */
export async function requireUserGroups(tx: Tx, operatorId: string | null, groupIds: string[]): Promise<void> {
  if (groupIds.length === 0) return;
  const groups = await tx.apiGroup.findMany({ where: { id: { in: groupIds } }, select: { id: true, name: true, operatorId: true } });
  if (groups.length !== groupIds.length)
    throw new AppError("NOT_FOUND", "Groupe introuvable.", [{ path: "groupIds", message: "Groupes : groupe introuvable" }]);
  const foreign = groups.filter((g) => g.operatorId !== operatorId).map((g) => g.name);
  if (foreign.length > 0)
    throw new AppError("CONFLICT", `Groupe(s) d'un autre opérateur : ${foreign.join(", ")}.`, [
      { path: "groupIds", message: `Groupes : ${foreign.join(", ")} n'appartien(nen)t pas à l'opérateur de l'utilisateur` },
    ]);
}

/** A unique constraint's refusal as French field errors; anything else is thrown again. */
export function rethrowUnique(e: unknown, messages: Record<string, { path: string; message: string }>): never {
  if (isUniqueViolation(e)) {
    const fields = uniqueViolationFields(e).join(",");
    const hit = Object.entries(messages).find(([column]) => fields.includes(column))?.[1] ?? Object.values(messages)[0];
    throw new AppError("CONFLICT", hit.message, [hit]);
  }
  throw e;
}
