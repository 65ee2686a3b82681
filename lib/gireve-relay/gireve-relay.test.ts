import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/platform/db/database";
import { verifySecret } from "@/lib/auth/password";
import { uniqueSuffix } from "@/cli/demo/factories";
import { authenticateRelay, forgetRelaySecrets, RelayAuthError } from "@/lib/gireve-relay/authenticate-relay";
import { createRelayAccount } from "@/lib/gireve-relay/create-relay-account";
import { revokeRelayAccount } from "@/lib/gireve-relay/revoke-relay-account";
import { rotateRelaySecret } from "@/lib/gireve-relay/rotate-relay-secret";
import { setRelayCertificate } from "@/lib/gireve-relay/set-relay-certificate";
import { listRelayAccounts } from "@/lib/gireve-relay/list-relay-accounts";

// The GIREVE relay's machine accounts as the admin manages them: creation validated in French,
// revocation (once, audited once, certificate released, door closed even to a remembered secret),
// a new secret returned once (the old one stops at once), the certificate bound and cleared, and
// a list that never carries the secret's hash.

// Count the calls of forgetRelaySecrets while keeping its effect (the door's memory of secrets).
vi.mock("@/lib/gireve-relay/authenticate-relay", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/gireve-relay/authenticate-relay")>();
  return { ...original, forgetRelaySecrets: vi.fn(original.forgetRelaySecrets) };
});

const who = { actor: "test" };
const fingerprint = () => randomBytes(32).toString("hex");
const basic = (username: string, secret: string) => `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}`;
/** A Basic authentication from an address of this test alone (the throttle counts per address). */
const viaBasic = (username: string, secret: string) =>
  authenticateRelay({ fingerprint: null, authorization: basic(username, secret), ip: `test-${uniqueSuffix()}` });
const viaCertificate = (fp: string) => authenticateRelay({ fingerprint: fp, authorization: null, ip: "203.0.113.1" });

async function auditOf(accountId: string) {
  const prisma = await db();
  const rows = await prisma.auditLog.findMany({ where: { targetType: "gireve_relay_account", targetId: accountId }, orderBy: { id: "asc" } });
  return rows.map((r) => r.action);
}

describe("createRelayAccount", () => {
  it("validates its input in French with the field's path, and stores the fingerprint lower-cased without colons", async () => {
    await expect(createRelayAccount({ env: "recette" as "production" }, who)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "env", message: "environnement inconnu (production ou sandbox)" }],
    });
    await expect(createRelayAccount({ env: "production", certFingerprint: "ab".repeat(31) }, who)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "certFingerprint", message: "empreinte de certificat invalide (SHA-256 : 64 caractères hexadécimaux)" }],
    });
    await expect(createRelayAccount({ env: "production" }, { actor: " " })).rejects.toMatchObject({ code: "INVALID_INPUT", fields: [{ path: "actor" }] });

    const fp = fingerprint();
    const withColons = fp.toUpperCase().match(/../g)!.join(":");
    const account = await createRelayAccount({ env: "sandbox", label: "  Recette GIREVE  ", certFingerprint: withColons }, who);
    expect(account.username).toMatch(/^gireve-sandbox-[0-9a-f]{6}$/);
    expect(account.label).toBe("Recette GIREVE");
    const prisma = await db();
    expect((await prisma.gireveRelayAccount.findUniqueOrThrow({ where: { id: account.id } })).certFingerprint).toBe(fp);
    expect((await viaCertificate(fp.toUpperCase())).username).toBe(account.username);
    // An empty certificate field is "none".
    const none = await createRelayAccount({ env: "production", certFingerprint: "", label: "" }, who);
    expect((await prisma.gireveRelayAccount.findUniqueOrThrow({ where: { id: none.id } })).certFingerprint).toBeNull();
  });
});

describe("revokeRelayAccount", () => {
  it("closes the door to its secret (even remembered) and its certificate, once, audited once, and releases the certificate", async () => {
    const fp = fingerprint();
    const account = await createRelayAccount({ env: "production", certFingerprint: fp }, who);
    expect((await viaBasic(account.username, account.secret)).id).toBe(account.id); // now remembered by the door
    expect((await viaCertificate(fp)).id).toBe(account.id);
    const forget = vi.mocked(forgetRelaySecrets);
    const before = forget.mock.calls.length;

    const revoked = await revokeRelayAccount({ username: account.username, ...who });
    expect(revoked).toMatchObject({ id: account.id, username: account.username, alreadyRevoked: false });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(forget.mock.calls.length).toBe(before + 1);
    await expect(viaBasic(account.username, account.secret)).rejects.toBeInstanceOf(RelayAuthError);
    await expect(viaCertificate(fp)).rejects.toMatchObject({ status: 401 });

    const again = await revokeRelayAccount({ accountId: account.id, ...who });
    expect(again.alreadyRevoked).toBe(true);
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    expect(await auditOf(account.id)).toEqual(["gireve_relay.created", "gireve_relay.revoked"]);
    const prisma = await db();
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { targetId: account.id, action: "gireve_relay.revoked" } });
    expect(audit.details).toMatchObject({ username: account.username, certFingerprint: fp });
    // The certificate is free for another account.
    const other = await createRelayAccount({ env: "production", certFingerprint: fp }, who);
    expect((await viaCertificate(fp)).id).toBe(other.id);
  });

  it("refuses an unknown account or a missing designation, in French", async () => {
    await expect(revokeRelayAccount({ username: `inconnu-${uniqueSuffix()}`, ...who })).rejects.toMatchObject({
      code: "NOT_FOUND",
      fields: [{ path: "username", message: "accès du relais introuvable" }],
    });
    await expect(revokeRelayAccount({ ...who })).rejects.toMatchObject({ code: "INVALID_INPUT", fields: [{ path: "accountId" }] });
    await expect(revokeRelayAccount({ accountId: "pas-un-uuid", ...who })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "accountId", message: "Accès du relais introuvable" }],
    });
  });
});

describe("rotateRelaySecret", () => {
  it("returns a new secret once, stores its hash, and the old secret stops at once", async () => {
    const account = await createRelayAccount({ env: "production" }, who);
    await viaBasic(account.username, account.secret); // remembered
    const forget = vi.mocked(forgetRelaySecrets);
    const before = forget.mock.calls.length;

    const rotated = await rotateRelaySecret({ accountId: account.id, ...who });
    expect(rotated).toMatchObject({ id: account.id, username: account.username, env: "production" });
    expect(rotated.secret).not.toBe(account.secret);
    expect(rotated.secret.length).toBeGreaterThanOrEqual(20);
    expect(forget.mock.calls.length).toBe(before + 1);
    const prisma = await db();
    const stored = await prisma.gireveRelayAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.secretHash).not.toContain(rotated.secret);
    expect(await verifySecret(rotated.secret, stored.secretHash)).toBe(true);
    expect(await verifySecret(account.secret, stored.secretHash)).toBe(false);
    await expect(viaBasic(account.username, account.secret)).rejects.toMatchObject({ status: 401 });
    expect((await viaBasic(account.username, rotated.secret)).id).toBe(account.id);
    expect(await auditOf(account.id)).toEqual(["gireve_relay.created", "gireve_relay.secret_rotated"]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { targetId: account.id, action: "gireve_relay.secret_rotated" } });
    expect(JSON.stringify(audit.details)).not.toContain(rotated.secret);
  });

  it("refuses a revoked account", async () => {
    const account = await createRelayAccount({ env: "sandbox" }, who);
    await revokeRelayAccount({ accountId: account.id, ...who });
    await expect(rotateRelaySecret({ username: account.username, ...who })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `L'accès du relais ${account.username} est révoqué : créez-en un nouveau.`,
    });
    expect(await auditOf(account.id)).toEqual(["gireve_relay.created", "gireve_relay.revoked"]);
  });
});

describe("setRelayCertificate", () => {
  it("binds a fingerprint lower-cased, clears it, changes nothing when it is the same, and audits each change", async () => {
    const account = await createRelayAccount({ env: "production" }, who);
    const fp = fingerprint();
    const set = await setRelayCertificate({ accountId: account.id, certFingerprint: fp.toUpperCase(), ...who });
    expect(set).toEqual({ id: account.id, username: account.username, certFingerprint: fp, changed: true });
    expect((await viaCertificate(fp)).id).toBe(account.id);
    expect((await setRelayCertificate({ username: account.username, certFingerprint: fp, ...who })).changed).toBe(false);

    const cleared = await setRelayCertificate({ accountId: account.id, certFingerprint: "", ...who });
    expect(cleared).toMatchObject({ certFingerprint: null, changed: true });
    await expect(viaCertificate(fp)).rejects.toMatchObject({ status: 401 });
    expect((await setRelayCertificate({ accountId: account.id, certFingerprint: null, ...who })).changed).toBe(false);
    expect(await auditOf(account.id)).toEqual(["gireve_relay.created", "gireve_relay.certificate_set", "gireve_relay.certificate_cleared"]);
    const prisma = await db();
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { targetId: account.id, action: "gireve_relay.certificate_cleared" } });
    expect(audit.details).toMatchObject({ previous: fp, certFingerprint: null });
  });

  it("refuses a malformed fingerprint, another account's certificate and a revoked account, in French", async () => {
    const first = await createRelayAccount({ env: "production", certFingerprint: fingerprint() }, who);
    const second = await createRelayAccount({ env: "production" }, who);
    await expect(setRelayCertificate({ accountId: second.id, certFingerprint: "zz".repeat(32), ...who })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "certFingerprint", message: "empreinte de certificat invalide (SHA-256 : 64 caractères hexadécimaux)" }],
    });
    const prisma = await db();
    const taken = (await prisma.gireveRelayAccount.findUniqueOrThrow({ where: { id: first.id } })).certFingerprint!;
    await expect(setRelayCertificate({ accountId: second.id, certFingerprint: taken, ...who })).rejects.toMatchObject({
      code: "CONFLICT",
      fields: [{ path: "certFingerprint", message: "certificat déjà utilisé par un autre accès du relais" }],
    });
    await revokeRelayAccount({ accountId: second.id, ...who });
    await expect(setRelayCertificate({ accountId: second.id, certFingerprint: fingerprint(), ...who })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `L'accès du relais ${second.username} est révoqué : son certificat ne peut plus changer.`,
    });
    expect(await auditOf(second.id)).toEqual(["gireve_relay.created", "gireve_relay.revoked"]);
  });
});

describe("listRelayAccounts", () => {
  it("lists active accounts before revoked ones, with their certificate, never the secret's hash", async () => {
    const fp = fingerprint();
    // The revoked account is the newer one: active accounts still come first.
    const active = await createRelayAccount({ env: "sandbox", label: `actif ${uniqueSuffix()}`, certFingerprint: fp }, who);
    const revoked = await createRelayAccount({ env: "production", label: `révoqué ${uniqueSuffix()}` }, who);
    await revokeRelayAccount({ accountId: revoked.id, ...who });
    const list = await listRelayAccounts();
    const mine = list.filter((a) => a.id === active.id || a.id === revoked.id);
    expect(mine.map((a) => a.id)).toEqual([active.id, revoked.id]);
    expect(mine[0]).toEqual({
      id: active.id,
      username: active.username,
      env: "sandbox",
      label: active.label,
      certFingerprint: fp,
      createdAt: expect.any(Date),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(mine[1].revokedAt).toBeInstanceOf(Date);
    // Every active account comes before every revoked one.
    const firstRevoked = list.findIndex((a) => a.revokedAt !== null);
    expect(list.slice(firstRevoked).every((a) => a.revokedAt !== null)).toBe(true);
    const prisma = await db();
    const hash = (await prisma.gireveRelayAccount.findUniqueOrThrow({ where: { id: active.id } })).secretHash;
    expect(JSON.stringify(list)).not.toContain(hash);
    expect(list.every((a) => !("secretHash" in a))).toBe(true);
  });
});
