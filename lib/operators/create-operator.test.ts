import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { verifySecret } from "@/lib/auth/password";
import { createOperator } from "@/lib/operators/create-operator";
import { createApiCredential } from "@/lib/operators/create-api-credential";
import { rotateApiCredential } from "@/lib/operators/rotate-api-credential";
import { revokeApiCredential } from "@/lib/operators/revoke-api-credential";
import { makeApiCredential, makeOperator, makeSiren, uniqueSuffix } from "@/cli/demo/factories";

async function storedCredential(username: string) {
  const prisma = await db();
  return prisma.apiCredential.findUniqueOrThrow({ where: { username } });
}

describe("createOperator", () => {
  it("returns the UserID (a UUID) and issues production and sandbox credentials whose secrets verify", async () => {
    const operator = await createOperator({ name: "Recharge SAS", siren: makeSiren(), credentials: ["production", "sandbox"], actor: "test" });
    expect(operator.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(operator.credentials.map((c) => c.env)).toEqual(["production", "sandbox"]);
    for (const c of operator.credentials) {
      expect(c.username).toMatch(new RegExp(`^op-${operator.id.slice(0, 8)}-(prod|sandbox)-[0-9a-f]{6}$`));
      const stored = await storedCredential(c.username);
      expect(stored.secretHash).not.toBe(c.secret);
      expect(stored.secretHash).not.toContain(c.secret);
      expect(await verifySecret(c.secret, stored.secretHash)).toBe(true);
      expect(await verifySecret(`${c.secret}x`, stored.secretHash)).toBe(false);
    }
    expect(operator.credentials[0].secret).not.toBe(operator.credentials[1].secret);
  });

  it("refuses an invalid SIREN and a SIREN already registered", async () => {
    await expect(createOperator({ name: "X", siren: "732829321", actor: "test" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "siren", message: "SIREN invalide (clé de contrôle incorrecte)" }],
    });
    const existing = await makeOperator();
    await expect(createOperator({ name: "Doublon", siren: existing.siren, actor: "test" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `Un opérateur existe déjà avec le SIREN ${existing.siren}.`,
    });
  });

  it("refuses a username already taken and keeps the existing credential", async () => {
    const prisma = await db();
    const taken = await makeApiCredential();
    await expect(
      createApiCredential({ operatorId: taken.operatorId, env: "sandbox", username: taken.username, secret: "un-secret-de-16-car", actor: "test" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: `L'identifiant ${taken.username} est déjà utilisé.` });
    const stored = await prisma.apiCredential.findMany({ where: { username: taken.username } });
    expect(stored).toHaveLength(1);
    expect(await verifySecret(taken.secret, stored[0].secretHash)).toBe(true);
  });
});

describe("API credentials", () => {
  it("stores the certificate fingerprint lower-cased and refuses it on a second credential", async () => {
    const fingerprint = uniqueSuffix().toUpperCase().repeat(8);
    const c = await makeApiCredential({ certFingerprint: fingerprint });
    expect((await storedCredential(c.username)).certFingerprint).toBe(fingerprint.toLowerCase());
    await expect(makeApiCredential({ certFingerprint: fingerprint })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Ce certificat est déjà associé à un autre accès.",
    });
  });

  it("rotate revokes the old credential and issues a new one that verifies, in one step", async () => {
    const old = await makeApiCredential({ env: "sandbox", label: "Recette" });
    const fresh = await rotateApiCredential({ credentialId: old.id, actor: "test" });
    expect(fresh.revokedUsername).toBe(old.username);
    expect(fresh.username).not.toBe(old.username);
    expect(fresh).toMatchObject({ operatorId: old.operatorId, env: "sandbox", label: "Recette" });
    expect((await storedCredential(old.username)).revokedAt).toBeInstanceOf(Date);
    const stored = await storedCredential(fresh.username);
    expect(stored.revokedAt).toBeNull();
    expect(await verifySecret(fresh.secret, stored.secretHash)).toBe(true);
    await expect(rotateApiCredential({ credentialId: old.id, actor: "test" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("two concurrent rotations produce one new credential", async () => {
    const old = await makeApiCredential();
    const results = await Promise.allSettled([
      rotateApiCredential({ username: old.username, actor: "test" }),
      rotateApiCredential({ username: old.username, actor: "test" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const prisma = await db();
    expect(await prisma.apiCredential.count({ where: { operatorId: old.operatorId, revokedAt: null } })).toBe(1);
  });

  it("revoke is idempotent and audited once", async () => {
    const c = await makeApiCredential();
    const first = await revokeApiCredential({ username: c.username, actor: "test" });
    const second = await revokeApiCredential({ credentialId: c.id, actor: "test" });
    expect(first.alreadyRevoked).toBe(false);
    expect(second.alreadyRevoked).toBe(true);
    expect(second.revokedAt).toEqual(first.revokedAt);
    const prisma = await db();
    expect(await prisma.auditLog.count({ where: { targetId: c.id, action: "api_credential.revoked" } })).toBe(1);
    await expect(revokeApiCredential({ username: `inconnu-${uniqueSuffix()}`, actor: "test" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
