import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/platform/errors";

/** The account named by its id or its e-mail (validated by the caller's schema), or NOT_FOUND. */
export async function findAccount(tx: Prisma.TransactionClient, ref: { userId?: string; email?: string }) {
  const user = await tx.user.findUnique({
    where: ref.userId ? { id: ref.userId } : { email: ref.email },
    select: { id: true, email: true, name: true, disabledAt: true },
  });
  if (!user)
    throw new AppError("NOT_FOUND", `Compte introuvable : ${ref.userId ?? ref.email}.`, [
      { path: ref.userId ? "userId" : "email", message: "compte introuvable" },
    ]);
  return user;
}
