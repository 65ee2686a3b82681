import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { AdvenirMessage } from "@/lib/schemas/advenir";

function messages(json: Prisma.JsonValue): AdvenirMessage[] {
  return Array.isArray(json) ? (json as unknown as AdvenirMessage[]) : [];
}

/** One submission of the operator with its errors and warnings; null if absent or another operator's. */
export async function getSubmission(input: { operatorId: string; submissionId: string }, options: { prisma?: PrismaClient } = {}) {
  if (!/^\d{1,18}$/.test(input.submissionId)) return null;
  const prisma = options.prisma ?? (await db());
  const row = await prisma.submission.findFirst({
    where: { id: BigInt(input.submissionId), operatorId: input.operatorId },
    select: {
      id: true,
      env: true,
      endpoint: true,
      method: true,
      ipAddress: true,
      receivedAt: true,
      durationMs: true,
      sizeBytes: true,
      httpStatus: true,
      outcome: true,
      received: true,
      stored: true,
      unchanged: true,
      warnings: true,
      errors: true,
      credentialId: true,
    },
  });
  if (!row) return null;
  const credential = row.credentialId
    ? await prisma.apiCredential.findFirst({ where: { id: row.credentialId, operatorId: input.operatorId }, select: { username: true } })
    : null;
  const { warnings, errors, id, credentialId: _c, ...rest } = row;
  return { ...rest, id: id.toString(), credentialUsername: credential?.username ?? null, warnings: messages(warnings), errors: messages(errors) };
}

export type SubmissionDetail = NonNullable<Awaited<ReturnType<typeof getSubmission>>>;
