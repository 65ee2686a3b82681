import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { relayAccountRefSchema, type RelayAccountRef } from "@/lib/schemas/gireve-relay";
import { findRelayAccount } from "@/lib/gireve-relay/find-relay-account";
import { forgetRelaySecrets } from "@/lib/gireve-relay/authenticate-relay";

/**
 * Revokes a relay account: neither its secret nor its certificate opens the GIREVE door any more.
 * One conditional update, so an account is revoked once and audited once (revoking twice changes
 * nothing the second time). Its certificate fingerprint is released (kept in the audit row) so the
 * certificate can be bound to another account. The secrets this process remembers are forgotten;
 * other instances read the stored account again within 5 s (RECHECK_MS) and refuse it too.
 */
export async function revokeRelayAccount(input: RelayAccountRef & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const ref = parseInput(relayAccountRefSchema, input);
  const prisma = options.prisma ?? (await db());
  const result = await prisma.$transaction(async (tx) => {
    const account = await findRelayAccount(tx, ref);
    const { count } = await tx.gireveRelayAccount.updateMany({
      where: { id: account.id, revokedAt: null },
      data: { revokedAt: new Date(), certFingerprint: null },
    });
    if (count > 0)
      await recordAudit(
        {
          ...who,
          action: "gireve_relay.revoked",
          targetType: "gireve_relay_account",
          targetId: account.id,
          details: { username: account.username, env: account.env, certFingerprint: account.certFingerprint },
        },
        tx,
      );
    const after = await tx.gireveRelayAccount.findUniqueOrThrow({
      where: { id: account.id },
      select: { id: true, username: true, env: true, revokedAt: true },
    });
    return { ...after, alreadyRevoked: count === 0 };
  });
  forgetRelaySecrets();
  return result;
}
