import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import type { SubmissionFilters } from "@/lib/schemas/operator-console";
import { parisMidnight, parisNextMidnight } from "@/lib/platform/time/paris-time";
import { messages, submissionSelect } from "@/lib/operator-console/submission-fields";

export const SUBMISSIONS_PAGE_SIZE = 20;

/** One operator's calls of the data APIs (ADVENIR and QualiCharge), newest first, filtered and paginated (never raw bodies). */
export async function listSubmissions(input: { operatorId: string; filters: SubmissionFilters; pageSize?: number }, options: { prisma?: PrismaClient } = {}) {
  const prisma = options.prisma ?? (await db());
  const { filters } = input;
  const pageSize = input.pageSize ?? SUBMISSIONS_PAGE_SIZE;
  const where: Prisma.SubmissionWhereInput = {
    operatorId: input.operatorId,
    ...(filters.env ? { env: filters.env } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(filters.door ? { door: filters.door } : {}),
    ...(filters.endpoint ? { endpoint: filters.endpoint } : {}),
    ...(filters.du || filters.au
      ? { receivedAt: { ...(filters.du ? { gte: parisMidnight(filters.du) } : {}), ...(filters.au ? { lt: parisNextMidnight(filters.au) } : {}) } }
      : {}),
  };
  // The count and the page read one snapshot: read apart, a call journaled between them showed
  // on the live list as a row under "Aucun envoi ne correspond." until the next refresh.
  const { total, page, pageCount, rows } = await prisma.$transaction(
    async (tx) => {
      const total = await tx.submission.count({ where });
      const pageCount = Math.max(1, Math.ceil(total / pageSize));
      const page = Math.min(filters.page, pageCount);
      const rows = await tx.submission.findMany({
        where,
        orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
        skip: (page - 1) * pageSize,
        take: pageSize,
        select: submissionSelect,
      });
      return { total, page, pageCount, rows };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
  const items = rows.map(({ warnings, errors, id, ...r }) => {
    const errorList = messages(errors);
    return { ...r, id: id.toString(), warningCount: messages(warnings).length, errorCount: errorList.length, firstError: errorList[0] ?? null };
  });
  return { items, total, page, pageCount, pageSize };
}

export type SubmissionList = Awaited<ReturnType<typeof listSubmissions>>;
