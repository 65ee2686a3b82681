import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { relayAccountSelect } from "@/lib/gireve-relay/find-relay-account";

/**
 * The relay's accounts, active ones first (newest first), then the revoked ones (latest revoked
 * first); never the secret's hash: an explicit select, and the rows copied field by field so that
 * nothing else leaks.
 */
export async function listRelayAccounts(options: { prisma?: PrismaClient } = {}) {
  const prisma = options.prisma ?? (await db());
  const rows = await prisma.gireveRelayAccount.findMany({
    select: relayAccountSelect,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    env: r.env,
    label: r.label,
    certFingerprint: r.certFingerprint,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }));
}

export type RelayAccountList = Awaited<ReturnType<typeof listRelayAccounts>>;
