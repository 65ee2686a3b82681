import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/platform/db/database";
import { basic, call, countRows, makeTenant, operation, suffix } from "@/tests/support/advenir/ingest";
import { BLOCKED_UNKNOWN_LOGIN } from "@/lib/security/record-auth-failure";
import { countOperatorAuthFailures } from "@/lib/security/list-security-events";

// Who may post what: operators against each other, throttling, client certificates.
vi.hoisted(() => {
  process.env.API_BASIC_MAX_FAILURES = "3";
  process.env.API_BASIC_MAX_FAILURES_PER_IP = "6";
  process.env.API_BASIC_BLOCK_SECONDS = "600";
});

const T0 = 1_700_000_000;
const uniqueIp = () => `203.0.113.${Math.floor(Math.random() * 250)}-${suffix()}`;

describe("authorization between operators", () => {
  it("refuses B posting with A's UserID (403) or to A's stations (422, as an unknown station), and stores nothing for either", async () => {
    const codeA = `A-${suffix()}`;
    const a = await makeTenant({ stations: [codeA] });
    const b = await makeTenant({ stations: [`B-${suffix()}`] });

    const withA = await call("operation", { [a.operatorId]: { [codeA]: { t1: operation(T0) } } }, { auth: b.auth });
    expect(withA.status).toBe(403);
    expect(withA.json.erreurs).toEqual([{ chemin: a.operatorId, message: expect.stringContaining("n'est pas celui de votre compte") }]);

    // A's station is answered to B exactly as a station nobody registered: B learns nothing of A's StationIDs.
    const toA = await call("courbe", { [b.operatorId]: { [codeA]: { t1: operation(T0) } } }, { auth: b.auth });
    const codeNobody = `N-${suffix()}`;
    const toNobody = await call("courbe", { [b.operatorId]: { [codeNobody]: { t1: operation(T0) } } }, { auth: b.auth });
    expect(toA.status).toBe(422);
    expect(toNobody.status).toBe(422);
    expect(toA.json.erreurs).toEqual([
      {
        chemin: `${b.operatorId}/${codeA}`,
        message: `station ${codeA} inconnue pour votre compte : elle doit d'abord être déclarée par le bénéficiaire sur son dossier, avec votre compte comme opérateur`,
      },
    ]);
    expect(toNobody.json.erreurs).toEqual([{ chemin: `${b.operatorId}/${codeNobody}`, message: toA.json.erreurs![0].message.replace(codeA, codeNobody) }]);

    expect(await countRows(a.operatorId)).toEqual({ operations: 0, curves: 0 });
    expect(await countRows(b.operatorId)).toEqual({ operations: 0, curves: 0 });
    // A itself may
    expect((await call("operation", { [a.operatorId]: { [codeA]: { t1: operation(T0) } } }, { auth: a.auth })).status).toBe(200);
  });

  it("keeps operators' transactions apart when they use the same station codes and TransactionIDs", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    await call("operation", { [a.operatorId]: { R320: { same: operation(T0, 60, 100) } } }, { auth: a.auth });
    await call("operation", { [b.operatorId]: { R320: { same: operation(T0, 60, 200) } } }, { auth: b.auth });
    const prisma = await db();
    const rows = await prisma.chargeOperation.findMany({ where: { operatorId: { in: [a.operatorId, b.operatorId] } } });
    expect(rows.map((r) => [r.operatorId, Number(r.stopWh - r.startWh)]).sort()).toEqual(
      [
        [a.operatorId, 100],
        [b.operatorId, 200],
      ].sort(),
    );
  });
});

describe("throttling", () => {
  it("blocks a username after repeated bad secrets: 429 with Retry-After, even with the right secret", async () => {
    const t = await makeTenant();
    const body = { [t.operatorId]: {} };
    const ip = uniqueIp();
    for (let i = 0; i < 3; i++) expect((await call("operation", body, { auth: basic(t.username, `faux-${i}`), ip })).status).toBe(401);
    for (const auth of [basic(t.username, "encore-faux"), t.auth]) {
      const res = await call("operation", body, { auth, ip: uniqueIp() });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(500);
      expect(res.json.erreurs).toEqual([
        { chemin: "(authentification)", message: expect.stringMatching(/^trop d'échecs d'authentification : réessayez dans \d+ secondes$/) },
      ]);
    }
    // Neither the failures nor the blocked attempts are in the operator's journal: the security log counts them.
    const prisma = await db();
    expect(await prisma.submission.count({ where: { operatorId: t.operatorId } })).toBe(0);
    const events = await prisma.securityEvent.findMany({ where: { login: t.username }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.ipAddress, e.failures, e.blocked, e.operatorId])).toEqual([
      [ip, 3, 0, t.operatorId],
      [expect.stringMatching(/^203\.0\.113\./), 0, 1, t.operatorId],
      [expect.stringMatching(/^203\.0\.113\./), 0, 1, t.operatorId],
    ]);
  });

  it("blocks a client address after failures on any usernames", async () => {
    const t = await makeTenant();
    const ip = uniqueIp();
    for (let i = 0; i < 6; i++) expect((await call("operation", {}, { auth: basic(`essai-${suffix()}`, "x"), ip })).status).toBe(401);
    const res = await call("operation", { [t.operatorId]: {} }, { auth: t.auth, ip });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    // the same credential from elsewhere is fine
    expect((await call("operation", { [t.operatorId]: {} }, { auth: t.auth, ip: uniqueIp() })).status).toBe(200);
  });

  it("clears a username's failures after a success", async () => {
    const t = await makeTenant();
    const body = { [t.operatorId]: {} };
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) expect((await call("operation", body, { auth: basic(t.username, "faux"), ip: uniqueIp() })).status).toBe(401);
      expect((await call("operation", body, { auth: t.auth, ip: uniqueIp() })).status).toBe(200);
    }
  });
});

describe("security log of failed authentications", () => {
  it("counts wrong secrets in one row per login, address and hour, never in the operator's submissions journal", async () => {
    const t = await makeTenant();
    const ip = uniqueIp();
    const body = { [t.operatorId]: {} };
    // Two failures (the third would block the login in this file's throttle settings), on both endpoints.
    expect((await call("operation", body, { auth: basic(t.username, "faux"), ip })).status).toBe(401);
    expect((await call("courbe", body, { auth: basic(t.username, "faux"), ip })).status).toBe(401);
    const prisma = await db();
    expect(await prisma.submission.count({ where: { operatorId: t.operatorId } })).toBe(0);
    expect(await prisma.submission.count({ where: { ipAddress: ip } })).toBe(0);
    const rows = await prisma.securityEvent.findMany({ where: { ipAddress: ip } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ login: t.username, operatorId: t.operatorId, failures: 2, blocked: 0 });
    expect(rows[0].hourStart.getTime() % 3_600_000).toBe(0);
    expect(rows[0].lastAt.getTime()).toBeGreaterThanOrEqual(rows[0].firstAt.getTime());
    // A success afterwards is a submission of the operator, as always.
    expect((await call("operation", body, { auth: t.auth, ip })).status).toBe(200);
    expect(await prisma.submission.count({ where: { operatorId: t.operatorId } })).toBe(1);
  });

  it("keeps an unknown login as tried, with no operator, and requests without credentials under an empty login", async () => {
    const ip = uniqueIp();
    const login = `inconnu-${suffix()}`;
    expect((await call("operation", {}, { auth: basic(login, "x"), ip })).status).toBe(401);
    expect((await call("operation", {}, { auth: null, ip })).status).toBe(401);
    const prisma = await db();
    const rows = await prisma.securityEvent.findMany({ where: { ipAddress: ip }, orderBy: { login: "asc" } });
    expect(rows.map((r) => [r.login, r.operatorId, r.failures])).toEqual([
      ["", null, 1],
      [login, null, 1],
    ]);
    expect(await prisma.submission.count({ where: { ipAddress: ip } })).toBe(0);
  });

  it("counts blocked attempts on unknown logins under one row per address: random logins cannot add rows once blocked", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 6; i++) expect((await call("operation", {}, { auth: basic(`essai-${suffix()}`, "x"), ip })).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await call("operation", {}, { auth: basic(`essai-${suffix()}`, "x"), ip })).status).toBe(429);
    const prisma = await db();
    const rows = await prisma.securityEvent.findMany({ where: { ipAddress: ip } });
    expect(rows).toHaveLength(7);
    expect(rows.filter((r) => r.blocked > 0)).toEqual([expect.objectContaining({ login: BLOCKED_UNKNOWN_LOGIN, blocked: 5, failures: 0 })]);
  });

  it("gives the operator a count of the failed attempts on its logins over 30 days, and nothing of others'", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    for (let i = 0; i < 2; i++) await call("operation", {}, { auth: basic(t.username, "faux"), ip: uniqueIp() });
    await call("operation", {}, { auth: basic(other.username, "faux"), ip: uniqueIp() });
    expect(await countOperatorAuthFailures(t.operatorId)).toEqual({ failures: 2, blocked: 0, days: 30 });
    expect(await countOperatorAuthFailures(t.operatorId, { now: new Date(Date.now() + 31 * 86_400_000) })).toEqual({ failures: 0, blocked: 0, days: 30 });
  });
});

describe("client certificate through the trusted proxy", () => {
  it("authenticates the credential whose fingerprint the custom server passed, and only while it is not revoked", async () => {
    const fingerprint = `${suffix()}${suffix()}`.padEnd(64, "0");
    const t = await makeTenant({ certFingerprint: fingerprint });
    const body = { [t.operatorId]: { R320: { c1: operation(T0) } } };
    const res = await call("operation", body, { auth: null, headers: { "x-portal-client-cert-sha256": fingerprint } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ statut: "OK", enregistres: 1 });
    const prisma = await db();
    expect((await prisma.apiCredential.findUniqueOrThrow({ where: { id: t.credentialId } })).lastUsedAt).not.toBeNull();

    await prisma.apiCredential.update({ where: { id: t.credentialId }, data: { revokedAt: new Date() } });
    const revoked = await call("operation", body, { auth: null, headers: { "x-portal-client-cert-sha256": fingerprint } });
    expect(revoked.status).toBe(401);
    expect(revoked.json.erreurs).toEqual([
      { chemin: "(authentification)", message: "certificat client non reconnu ou révoqué, et aucun identifiant Basic fourni" },
    ]);
  });

  it("ignores a client's own certificate header name: only the custom server's header counts", async () => {
    const fingerprint = `${suffix()}${suffix()}`.padEnd(64, "1");
    await makeTenant({ certFingerprint: fingerprint });
    const res = await call("operation", {}, { auth: null, headers: { "x-client-cert-sha256": fingerprint } });
    expect(res.status).toBe(401);
  });
});
