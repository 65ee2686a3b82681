import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUniqueViolation } from "@/lib/platform/db/unique-violation";
import { parseInput } from "@/lib/schemas/validation";
import { actorSchema, type AuditActor } from "@/lib/schemas/audit";
import { setRelayCertificateSchema, type SetRelayCertificateInput } from "@/lib/schemas/gireve-relay";
import { findRelayAccount } from "@/lib/gireve-relay/find-relay-account";
import { assertNotPurged } from "@/lib/programme/programme-status";

/**
 * Binds a client certificate (its SHA-256 fingerprint, lower-cased) to a relay account, or
 * clears it (null or ""): the relay then authenticates with HTTP Basic only. Idempotent: the
 * same fingerprint again changes nothing and writes no audit row. A revoked account keeps none;
 * a certificate bound to another account is refused (CONFLICT on certFingerprint), and so is any
 * binding once the programme's individual data is purged (clearing stays possible).
 */
export async function setRelayCertificate(input: SetRelayCertificateInput & AuditActor, options: { prisma?: PrismaClient } = {}) {
  const who = parseInput(actorSchema, input);
  const data = parseInput(setRelayCertificateSchema, input);
  const prisma = options.prisma ?? (await db());
  try {
    return await prisma.$transaction(async (tx) => {
      if (data.certFingerprint) await assertNotPurged(tx, "Aucun certificat ne peut plus ouvrir le canal GIREVE.");
      const account = await findRelayAccount(tx, data);
      if (account.revokedAt) throw new AppError("CONFLICT", `L'accès du relais ${account.username} est révoqué : son certificat ne peut plus changer.`);
      if (account.certFingerprint === data.certFingerprint)
        return { id: account.id, username: account.username, certFingerprint: data.certFingerprint, changed: false };
      const { count } = await tx.gireveRelayAccount.updateMany({
        where: { id: account.id, revokedAt: null },
        data: { certFingerprint: data.certFingerprint },
      });
      if (count === 0) throw new AppError("CONFLICT", `L'accès du relais ${account.username} est révoqué : son certificat ne peut plus changer.`);
      await recordAudit(
        {
          ...who,
          action: data.certFingerprint ? "gireve_relay.certificate_set" : "gireve_relay.certificate_cleared",
          targetType: "gireve_relay_account",
          targetId: account.id,
          details: { username: account.username, previous: account.certFingerprint, certFingerprint: data.certFingerprint },
        },
        tx,
      );
      return { id: account.id, username: account.username, certFingerprint: data.certFingerprint, changed: true };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    throw new AppError("CONFLICT", "Ce certificat est déjà associé à un autre accès du relais.", [
      { path: "certFingerprint", message: "certificat déjà utilisé par un autre accès du relais" },
    ]);
  }
}
