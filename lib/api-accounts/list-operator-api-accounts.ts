import type { PrismaClient } from "@/generated/prisma/client";
import { listApiAccounts } from "@/lib/api-accounts/list-api-accounts";

/**
 * What an operator's console shows of its QualiCharge API accounts: its operational units, its
 * groups with their units, its API users with their scopes, state and last login. Read only
 * (the technical operator manages them) and without any secret.
 */
export async function listOperatorApiAccounts(input: { operatorId: string }, options: { prisma?: PrismaClient } = {}) {
  const { units, groups, users } = await listApiAccounts({ ...options, operatorId: input.operatorId });
  return {
    units: units.map((u) => ({ code: u.code, name: u.name })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, unitCodes: g.unitCodes })),
    users: users.map((u) => ({
      id: u.id,
      username: u.username,
      email: u.email,
      scopes: u.scopes,
      isActive: u.isActive,
      env: u.env,
      lastLoginAt: u.lastLoginAt,
      groups: u.groups.map((g) => g.name),
    })),
  };
}
