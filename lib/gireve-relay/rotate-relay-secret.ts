import type { PrismaClient } from "@/generated/prisma/client";
import type { DataEnv } from "@/generated/prisma/enums";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { generateSecret, hashSecret } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseInput } from "@/lib/schemas/validation";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { relayAccountRefSchema, type RelayAccountRef } from "@/lib/schemas/gireve-relay";
import { findRelayAccount } from "@/lib/gireve-relay/find-relay-account";
import { forgetRelaySecrets } from "@/lib/gireve-relay/authenticate-relay";
import { assertNotPurged } from "@/lib/programme/programme-status";

export interface RotatedRelaySecret {
  id: string;
  username: string;
  env: DataEnv;
  /** Shown once, never stored nor shown again. */
  secret: string;
}

/**
 * A new generated secret for a relay account (same username, environment and certificate): the
 * old secret stops working at once, here and, through the stored hash, in every instance that
 * remembered it. Returned once; only its hash is stored. A revoked account is not rotated, nor
 * any once the programme's individual data is purged.
 */
export async function rotateRelaySecret(input: RelayAccountRef & AuditActor, options: { prisma?: PrismaClient } = {}): Promise<RotatedRelaySecret> {
  const who = parseInput(actorSchema, input);
  const ref = parseInput(relayAccountRefSchema, input);
  const prisma = options.prisma ?? (await db());
  const secret = generateSecret();
  const secretHash = await hashSecret(secret);
  const rotated = await prisma.$transaction(async (tx) => {
    await assertNotPurged(tx, "Aucun secret du relais GIREVE ne peut plus être délivré.");
    const account = await findRelayAccount(tx, ref);
    const { count } = await tx.gireveRelayAccount.updateMany({ where: { id: account.id, revokedAt: null }, data: { secretHash } });
    if (count === 0) throw new AppError("CONFLICT", `L'accès du relais ${account.username} est révoqué : créez-en un nouveau.`);
    await recordAudit(
      { ...who, action: "gireve_relay.secret_rotated", targetType: "gireve_relay_account", targetId: account.id, details: { username: account.username } },
      tx,
    );
    return { id: account.id, username: account.username, env: account.env, secret };
  });
  forgetRelaySecrets();
  return rotated;
}
