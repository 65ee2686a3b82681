import { db } from "@/lib/platform/db/database";

/** Registered operators a beneficiary may pick as the supervisor of its points. */
export async function listOperatorChoices() {
  const prisma = await db();
  return prisma.operator.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, siren: true } });
}
