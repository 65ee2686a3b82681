import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { recordAudit } from "@/lib/audit/record-audit";

/**
 * Deletes everything an operator sent to its sandbox: operations, curves and the sandbox
 * submissions (with their raw bodies), in one transaction, audited. Production data is untouched.
 */
export async function wipeSandbox(
  input: { operatorId: string; actor: string; actorUserId?: string | null },
  options: { prisma?: PrismaClient } = {},
): Promise<{ operations: number; curves: number; submissions: number }> {
  const prisma = options.prisma ?? (await db());
  return prisma.$transaction(async (tx) => {
    const where = { operatorId: input.operatorId, env: "sandbox" as const };
    const operations = (await tx.chargeOperation.deleteMany({ where })).count;
    const curves = (await tx.loadCurve.deleteMany({ where })).count;
    const submissions = (await tx.submission.deleteMany({ where })).count;
    await recordAudit(
      {
        actor: input.actor,
        actorUserId: input.actorUserId ?? null,
        action: "sandbox.wiped",
        targetType: "operator",
        targetId: input.operatorId,
        details: { operations, curves, submissions },
      },
      tx,
    );
    return { operations, curves, submissions };
  });
}
