import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { messages } from "@/lib/operator-console/submission-fields";

export const GIREVE_CALLS_PAGE_SIZE = 20;

/**
 * The GIREVE door's calls (its journal: `submission` rows of door GIREVE), newest first, one page,
 * with the name of the operator each message concerned (none when the door could not tell) and the
 * relay account that sent it. Never the raw body.
 */
export async function listGireveCalls(input: { page?: number; pageSize?: number } = {}, options: { prisma?: PrismaClient } = {}) {
  const prisma = options.prisma ?? (await db());
  const pageSize = input.pageSize ?? GIREVE_CALLS_PAGE_SIZE;
  const where = { door: "GIREVE" } as const;
  const total = await prisma.submission.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const rows = await prisma.submission.findMany({
    where,
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      env: true,
      receivedAt: true,
      durationMs: true,
      httpStatus: true,
      outcome: true,
      received: true,
      stored: true,
      operatorId: true,
      relayAccountId: true,
      warnings: true,
      errors: true,
    },
  });
  const operatorIds = [...new Set(rows.flatMap((r) => (r.operatorId ? [r.operatorId] : [])))];
  const accountIds = [...new Set(rows.flatMap((r) => (r.relayAccountId ? [r.relayAccountId] : [])))];
  const [operators, accounts] = await Promise.all([
    prisma.operator.findMany({ where: { id: { in: operatorIds } }, select: { id: true, name: true } }),
    prisma.gireveRelayAccount.findMany({ where: { id: { in: accountIds } }, select: { id: true, username: true } }),
  ]);
  const operatorName = new Map(operators.map((o) => [o.id, o.name]));
  const username = new Map(accounts.map((a) => [a.id, a.username]));
  const items = rows.map((r) => ({
    id: r.id.toString(),
    env: r.env,
    receivedAt: r.receivedAt,
    durationMs: r.durationMs,
    httpStatus: r.httpStatus,
    outcome: r.outcome,
    received: r.received,
    stored: r.stored,
    operatorId: r.operatorId,
    operatorName: r.operatorId ? (operatorName.get(r.operatorId) ?? null) : null,
    relayUsername: r.relayAccountId ? (username.get(r.relayAccountId) ?? null) : null,
    warnings: messages(r.warnings),
    errors: messages(r.errors),
  }));
  return { items, total, page, pageCount, pageSize };
}

export type GireveCallList = Awaited<ReturnType<typeof listGireveCalls>>;
