import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { basic, call, countRows, makeTenant, operation, suffix } from "@/lib/ingest/testing";

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
    expect(toA.json.erreurs).toEqual([{ chemin: `${b.operatorId}/${codeA}`, message: `station ${codeA} inconnue pour votre compte : elle doit d'abord être déclarée par le bénéficiaire sur son dossier, avec votre compte comme opérateur` }]);
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
    expect(rows.map((r) => [r.operatorId, Number(r.stopWh - r.startWh)]).sort()).toEqual([[a.operatorId, 100], [b.operatorId, 200]].sort());
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
      expect(res.json.erreurs).toEqual([{ chemin: "(authentification)", message: expect.stringMatching(/^trop d'échecs d'authentification : réessayez dans \d+ secondes$/) }]);
    }
    const prisma = await db();
    const statuses = await prisma.submission.findMany({ where: { operatorId: t.operatorId }, orderBy: { id: "asc" }, select: { httpStatus: true } });
    expect(statuses.map((s) => s.httpStatus)).toEqual([401, 401, 401]);
    expect(await prisma.submission.count({ where: { operatorId: null, httpStatus: 429, ipAddress: { startsWith: "203.0.113." } } })).toBeGreaterThanOrEqual(2);
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
    expect(revoked.json.erreurs).toEqual([{ chemin: "(authentification)", message: "certificat client non reconnu ou révoqué, et aucun identifiant Basic fourni" }]);
  });

  it("ignores a client's own certificate header name: only the custom server's header counts", async () => {
    const fingerprint = `${suffix()}${suffix()}`.padEnd(64, "1");
    await makeTenant({ certFingerprint: fingerprint });
    const res = await call("operation", {}, { auth: null, headers: { "x-client-cert-sha256": fingerprint } });
    expect(res.status).toBe(401);
  });
});
