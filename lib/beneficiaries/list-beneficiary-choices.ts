import { db } from "@/lib/platform/db/database";

/** Beneficiaries an administrator may attach a new beneficiary account to. */
export async function listBeneficiaryChoices() {
  const prisma = await db();
  return prisma.beneficiary.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, siren: true } });
}
