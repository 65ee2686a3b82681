import { db } from "@/lib/platform/db/database";

/** Every account with its organisation, for the administrator's accounts page. */
export async function listAccounts() {
  const prisma = await db();
  return prisma.user.findMany({
    orderBy: [{ disabledAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      disabledAt: true,
      operator: { select: { name: true } },
      beneficiary: { select: { name: true } },
    },
  });
}
