import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import type { DataEnv } from "@/generated/prisma/enums";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { generateSecret, hashSecret } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUniqueViolation, uniqueViolationFields } from "@/lib/platform/db/unique-violation";
import { assertNotPurged } from "@/lib/programme/programme-status";
import { parseInput } from "@/lib/schemas/validation";
import { actorSchema } from "@/lib/schemas/audit";
import { createRelayAccountSchema } from "@/lib/schemas/gireve-relay";

// The GIREVE relay's machine accounts (ADR 0023): GIREVE authenticates with a client certificate
// through the trusted proxy, or with HTTP Basic as a fallback. The secret is returned once and
// only its hash is stored.

export interface IssuedRelayAccount {
  id: string;
  username: string;
  env: DataEnv;
  label: string;
  /** Shown once, never stored nor shown again. */
  secret: string;
}

export interface RelayAccountSpec {
  env: DataEnv;
  label?: string;
  username?: string;
  /** SHA-256 of the relay's client certificate, hex (colons allowed; lower-cased here). */
  certFingerprint?: string | null;
  secret?: string;
}

/** "gireve-<prod|sandbox>-<random>": readable and unique. */
export function generateRelayUsername(env: DataEnv): string {
  return `gireve-${env === "production" ? "prod" : "sandbox"}-${randomBytes(3).toString("hex")}`;
}

export async function createRelayAccount(
  spec: RelayAccountSpec,
  actor: { actor: string; actorUserId?: string | null },
  options: { prisma?: PrismaClient } = {},
): Promise<IssuedRelayAccount> {
  const who = parseInput(actorSchema, actor);
  const data = parseInput(createRelayAccountSchema, spec);
  const prisma = options.prisma ?? (await db());
  const secret = data.secret ?? generateSecret();
  const secretHash = await hashSecret(secret);
  try {
    return await prisma.$transaction(async (tx) => {
      await assertNotPurged(tx, "Aucun accès au relais GIREVE ne peut plus être délivré.");
      const account = await tx.gireveRelayAccount.create({
        data: {
          username: data.username ?? generateRelayUsername(data.env),
          secretHash,
          env: data.env,
          label: data.label ?? "",
          certFingerprint: data.certFingerprint ?? null,
        },
        select: { id: true, username: true, env: true, label: true },
      });
      await recordAudit(
        {
          ...who,
          action: "gireve_relay.created",
          targetType: "gireve_relay_account",
          targetId: account.id,
          details: { username: account.username, env: account.env, certificate: Boolean(data.certFingerprint) },
        },
        tx,
      );
      return { ...account, secret };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    if (uniqueViolationFields(e).some((f) => /cert/i.test(f)))
      throw new AppError("CONFLICT", "Ce certificat est déjà associé à un autre accès du relais.", [
        { path: "certFingerprint", message: "certificat déjà utilisé" },
      ]);
    throw new AppError("CONFLICT", "Identifiant déjà utilisé.", [{ path: "username", message: "identifiant déjà utilisé" }]);
  }
}
