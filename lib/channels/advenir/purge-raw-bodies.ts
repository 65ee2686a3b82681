import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { getEnv } from "@/lib/platform/env";

/**
 * Deletes the raw bodies of production submissions older than RAW_BODY_RETENTION_DAYS (the
 * submission rows, with their counts and errors, stay). Sandbox bodies are kept until the
 * operator wipes its sandbox. Meant to be scheduled daily; returns how many bodies were deleted.
 */
export async function purgeRawBodies(input: { now?: Date; retentionDays?: number } = {}, options: { prisma?: PrismaClient } = {}): Promise<number> {
  const prisma = options.prisma ?? (await db());
  const now = input.now ?? new Date();
  const days = input.retentionDays ?? getEnv().RAW_BODY_RETENTION_DAYS;
  const before = new Date(now.getTime() - days * 86_400_000);
  const { count } = await prisma.submission.updateMany({
    where: { rawBody: { not: null }, receivedAt: { lt: before }, OR: [{ env: "production" }, { env: null }] },
    data: { rawBody: null },
  });
  return count;
}
