import { db } from "@/lib/platform/db/database";

/** Platform counts, for the technical operator (the audit log: lib/audit/list-audit-entries.ts). */
export async function getAdminOverview() {
  const prisma = await db();
  const [usersByRole, operators, beneficiaries, dossiers, stations] = await Promise.all([
    prisma.user.groupBy({ by: ["role"], _count: { _all: true } }),
    prisma.operator.count(),
    prisma.beneficiary.count(),
    prisma.dossier.count(),
    prisma.station.count(),
  ]);
  return {
    counts: {
      users: Object.fromEntries(usersByRole.map((r) => [r.role, r._count._all])) as Record<string, number>,
      operators,
      beneficiaries,
      dossiers,
      stations,
    },
  };
}

export type AdminOverview = Awaited<ReturnType<typeof getAdminOverview>>;
