import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/platform/errors";

/** What the relay's account management reads of an account (never its secret's hash). */
export const relayAccountSelect = {
  id: true,
  username: true,
  env: true,
  label: true,
  certFingerprint: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const satisfies Prisma.GireveRelayAccountSelect;

/** A relay account by its id (admin page) or its username (CLI), or NOT_FOUND naming the field. */
export async function findRelayAccount(tx: Prisma.TransactionClient, ref: { accountId?: string; username?: string }) {
  const account = await tx.gireveRelayAccount.findUnique({
    where: ref.accountId ? { id: ref.accountId } : { username: ref.username! },
    select: relayAccountSelect,
  });
  if (!account)
    throw new AppError("NOT_FOUND", `Accès du relais GIREVE introuvable : ${ref.accountId ?? ref.username}.`, [
      { path: ref.accountId ? "accountId" : "username", message: "accès du relais introuvable" },
    ]);
  return account;
}
