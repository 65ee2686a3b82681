import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { messages, submissionSelect } from "@/lib/operator-console/submission-fields";

/** One submission of the operator (either door) with its errors and warnings; null if absent or another operator's. */
export async function getSubmission(input: { operatorId: string; submissionId: string }, options: { prisma?: PrismaClient } = {}) {
  if (!/^\d{1,18}$/.test(input.submissionId)) return null;
  const prisma = options.prisma ?? (await db());
  const row = await prisma.submission.findFirst({
    where: { id: BigInt(input.submissionId), operatorId: input.operatorId },
    select: { ...submissionSelect, ipAddress: true, credentialId: true, apiUserId: true },
  });
  if (!row) return null;
  // Who called: the ADVENIR credential, or the QualiCharge API user (each only if the operator's);
  // for GIREVE, the relay (its account is the portal's, not the operator's: not named).
  const credential = row.credentialId
    ? await prisma.apiCredential.findFirst({ where: { id: row.credentialId, operatorId: input.operatorId }, select: { username: true } })
    : row.apiUserId
      ? await prisma.apiUser.findFirst({ where: { id: row.apiUserId, operatorId: input.operatorId }, select: { username: true } })
      : null;
  const { warnings, errors, id, credentialId: _c, apiUserId: _u, ...rest } = row;
  const caller = row.door === "GIREVE" ? "relais GIREVE" : (credential?.username ?? null);
  return { ...rest, id: id.toString(), credentialUsername: caller, warnings: messages(warnings), errors: messages(errors) };
}

export type SubmissionDetail = NonNullable<Awaited<ReturnType<typeof getSubmission>>>;
