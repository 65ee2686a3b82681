import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";

/** What the operator's sandbox holds: operations, curves, submissions and the last call. */
export async function getSandboxSummary(input: { operatorId: string }, options: { prisma?: PrismaClient } = {}) {
  const prisma = options.prisma ?? (await db());
  const where = { operatorId: input.operatorId, env: "sandbox" as const };
  const [operations, curves, submissions, last] = await Promise.all([
    prisma.chargeOperation.count({ where }),
    prisma.loadCurve.count({ where }),
    prisma.submission.count({ where }),
    prisma.submission.findFirst({ where, orderBy: { receivedAt: "desc" }, select: { receivedAt: true } }),
  ]);
  return { operations, curves, submissions, lastSubmissionAt: last?.receivedAt ?? null };
}

export type SandboxSummary = Awaited<ReturnType<typeof getSandboxSummary>>;
