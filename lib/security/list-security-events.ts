import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { parisMidnight, parisNextMidnight } from "@/lib/platform/time/paris-time";
import type { SecurityFilters } from "@/lib/schemas/security-filters";

// Reading the security log: the admin's page (every login and address, filtered, paginated)
// and the operator's count of failed attempts on its own logins (a number, never the rows: the
// addresses that tried are not the operator's business, and a flood must not fill its console).

export const SECURITY_PAGE_SIZE = 50;
/** The window of the operator's count. */
export const OPERATOR_COUNT_DAYS = 30;

export interface SecurityRow {
  id: string;
  hourStart: Date;
  login: string;
  ipAddress: string;
  /** The operator owning the login, by name, or null for a login that does not exist. */
  operator: string | null;
  failures: number;
  blocked: number;
  firstAt: Date;
  lastAt: Date;
}

function whereOf(f: SecurityFilters): Prisma.SecurityEventWhereInput {
  const and: Prisma.SecurityEventWhereInput[] = [];
  if (f.identifiant) and.push({ login: { contains: f.identifiant, mode: "insensitive" } });
  if (f.adresse) and.push({ ipAddress: { contains: f.adresse } });
  if (f.du) and.push({ lastAt: { gte: parisMidnight(f.du) } });
  if (f.au) and.push({ firstAt: { lt: parisNextMidnight(f.au) } });
  return and.length ? { AND: and } : {};
}

/** One page of the security log, newest hour first. */
export async function listSecurityEvents(filters: SecurityFilters, options: { prisma?: PrismaClient; pageSize?: number } = {}) {
  const prisma = options.prisma ?? (await db());
  const pageSize = options.pageSize ?? SECURITY_PAGE_SIZE;
  const where = whereOf(filters);
  const [total, sums] = await Promise.all([
    prisma.securityEvent.count({ where }),
    prisma.securityEvent.aggregate({ where, _sum: { failures: true, blocked: true } }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filters.page, pageCount);
  const rows = await prisma.securityEvent.findMany({ where, orderBy: [{ hourStart: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize });
  const operatorIds = [...new Set(rows.map((r) => r.operatorId).filter((x): x is string => Boolean(x)))];
  const operators = new Map(
    (await prisma.operator.findMany({ where: { id: { in: operatorIds } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]),
  );
  const items: SecurityRow[] = rows.map((r) => ({
    id: r.id.toString(),
    hourStart: r.hourStart,
    login: r.login,
    ipAddress: r.ipAddress,
    operator: r.operatorId ? (operators.get(r.operatorId) ?? null) : null,
    failures: r.failures,
    blocked: r.blocked,
    firstAt: r.firstAt,
    lastAt: r.lastAt,
  }));
  return { items, total, page, pageCount, pageSize, attempts: { failures: sums._sum.failures ?? 0, blocked: sums._sum.blocked ?? 0 } };
}

/** Failed attempts on an operator's API logins over the last OPERATOR_COUNT_DAYS days. */
export async function countOperatorAuthFailures(operatorId: string, options: { prisma?: PrismaClient; now?: Date } = {}) {
  const prisma = options.prisma ?? (await db());
  const since = new Date((options.now ?? new Date()).getTime() - OPERATOR_COUNT_DAYS * 86_400_000);
  const sums = await prisma.securityEvent.aggregate({ where: { operatorId, lastAt: { gte: since } }, _sum: { failures: true, blocked: true } });
  return { failures: sums._sum.failures ?? 0, blocked: sums._sum.blocked ?? 0, days: OPERATOR_COUNT_DAYS };
}
