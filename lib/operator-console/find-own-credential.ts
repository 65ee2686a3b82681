import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The credential `credentialId` if it belongs to `operatorId`; otherwise NOT_FOUND (an operator
 * cannot learn whether another operator's credential exists).
 */
export async function findOwnCredential(input: { operatorId: string; credentialId: string }, options: { prisma?: PrismaClient } = {}) {
  const notFound = new AppError("NOT_FOUND", "Accès API introuvable.");
  if (!UUID.test(input.credentialId)) throw notFound;
  const prisma = options.prisma ?? (await db());
  const credential = await prisma.apiCredential.findFirst({
    where: { id: input.credentialId, operatorId: input.operatorId },
    select: { id: true, username: true, env: true, revokedAt: true },
  });
  if (!credential) throw notFound;
  return credential;
}
