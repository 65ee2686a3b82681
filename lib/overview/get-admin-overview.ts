import { db } from "@/lib/db";

/** Platform counts and the latest audit entries, for the technical operator. */
export async function getAdminOverview() {
  const prisma = await db();
  const [usersByRole, operators, beneficiaries, dossiers, stations, audit] = await Promise.all([
    prisma.user.groupBy({ by: ["role"], _count: { _all: true } }),
    prisma.operator.count(),
    prisma.beneficiary.count(),
    prisma.dossier.count(),
    prisma.station.count(),
    prisma.auditLog.findMany({
      orderBy: { id: "desc" },
      take: 20,
      select: { id: true, at: true, actor: true, action: true, targetType: true, targetId: true },
    }),
  ]);
  return {
    counts: {
      users: Object.fromEntries(usersByRole.map((r) => [r.role, r._count._all])) as Record<string, number>,
      operators,
      beneficiaries,
      dossiers,
      stations,
    },
    audit: audit.map((a) => ({ ...a, id: a.id.toString() })),
  };
}

export type AdminOverview = Awaited<ReturnType<typeof getAdminOverview>>;
