import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/platform/errors";

/** The API user named by its id or its username (validated by the caller's schema), or NOT_FOUND. */
export async function findApiUser(tx: Prisma.TransactionClient, ref: { userId?: string; username?: string }) {
  const user = await tx.apiUser.findUnique({
    where: ref.userId ? { id: ref.userId } : { username: ref.username },
    select: { id: true, username: true, email: true, operatorId: true, isActive: true, isSuperuser: true },
  });
  if (!user)
    throw new AppError("NOT_FOUND", `Utilisateur d'API introuvable : ${ref.userId ?? ref.username}.`, [
      { path: ref.userId ? "userId" : "username", message: "Utilisateur d'API introuvable" },
    ]);
  return user;
}
