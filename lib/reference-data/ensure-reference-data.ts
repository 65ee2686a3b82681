import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { loadReferenceData, type ReferenceLoadResult } from "@/lib/reference-data/load-reference-data";

const g = globalThis as unknown as { __advenirReferenceData?: Map<PrismaClient, Promise<ReferenceLoadResult>> };

/**
 * Makes sure the shipped reference data (INSEE codes, default carbon series) is in the database.
 * Cheap after the first call of a process (memoised per client); idempotent across processes.
 * Call it at start-up after the database is opened, and in test setup before indicator tests.
 */
export async function ensureReferenceData(options: { prisma?: PrismaClient } = {}): Promise<ReferenceLoadResult> {
  const prisma = options.prisma ?? (await db());
  g.__advenirReferenceData ??= new Map();
  let pending = g.__advenirReferenceData.get(prisma);
  if (!pending) {
    pending = loadReferenceData(prisma).catch((e) => {
      g.__advenirReferenceData?.delete(prisma);
      throw e;
    });
    g.__advenirReferenceData.set(prisma, pending);
  }
  return pending;
}
