import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";

// The machine accounts of the QualiCharge API as the admin pages and the CLI list them; with
// `operatorId`, one operator's only (its console, lib/api-accounts/list-operator-api-accounts.ts).
// No secret is ever selected.

const userSelect = {
  id: true,
  username: true,
  email: true,
  firstName: true,
  lastName: true,
  isActive: true,
  isSuperuser: true,
  scopes: true,
  env: true,
  createdAt: true,
  lastLoginAt: true,
  operator: { select: { id: true, name: true } },
  groups: { select: { group: { select: { id: true, name: true } } }, orderBy: { group: { name: "asc" } } },
} as const;

export async function listApiAccounts(options: { prisma?: PrismaClient; operatorId?: string } = {}) {
  const prisma = options.prisma ?? (await db());
  const ofOperator = options.operatorId ? { operatorId: options.operatorId } : {};
  const [units, groups, users] = await Promise.all([
    prisma.operationalUnit.findMany({
      where: ofOperator,
      select: { code: true, name: true, createdAt: true, operator: { select: { id: true, name: true } } },
      orderBy: { code: "asc" },
    }),
    prisma.apiGroup.findMany({
      where: ofOperator,
      select: {
        id: true,
        name: true,
        operator: { select: { id: true, name: true } },
        units: { select: { unitCode: true }, orderBy: { unitCode: "asc" } },
        _count: { select: { users: true } },
      },
      orderBy: { name: "asc" },
    }),
    prisma.apiUser.findMany({ where: ofOperator, select: userSelect, orderBy: { username: "asc" } }),
  ]);
  return {
    units,
    groups: groups.map((g) => ({ id: g.id, name: g.name, operator: g.operator, unitCodes: g.units.map((u) => u.unitCode), userCount: g._count.users })),
    users: users.map(({ groups: memberships, ...u }) => ({ ...u, groups: memberships.map((m) => m.group) })),
  };
}

export type ApiAccounts = Awaited<ReturnType<typeof listApiAccounts>>;
export type ApiUserRow = ApiAccounts["users"][number];
export type ApiGroupRow = ApiAccounts["groups"][number];

/** One API user for its edit page (no secret), or null. */
export async function getApiUser(userId: string, options: { prisma?: PrismaClient } = {}) {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const prisma = options.prisma ?? (await db());
  const user = await prisma.apiUser.findUnique({ where: { id: userId }, select: userSelect });
  if (!user) return null;
  const { groups: memberships, ...u } = user;
  return { ...u, groups: memberships.map((m) => m.group) };
}

/** One group for its edit page, or null. */
export async function getApiGroup(groupId: string, options: { prisma?: PrismaClient } = {}) {
  if (!/^[0-9a-f-]{36}$/i.test(groupId)) return null;
  const prisma = options.prisma ?? (await db());
  const g = await prisma.apiGroup.findUnique({
    where: { id: groupId },
    select: { id: true, name: true, operator: { select: { id: true, name: true } }, units: { select: { unitCode: true }, orderBy: { unitCode: "asc" } } },
  });
  return g ? { id: g.id, name: g.name, operator: g.operator, unitCodes: g.units.map((u) => u.unitCode) } : null;
}
