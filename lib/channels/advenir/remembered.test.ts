import { describe, expect, it, vi } from "vitest";
import { db, rawSql } from "@/lib/platform/db/database";
import { call, countRows, makeTenant, operation, suffix } from "@/tests/support/advenir/ingest";

// A small put reads nothing before its write once its credential and stations are remembered
// (lib/channels/advenir/operator-basic.ts, authorize-stations.ts): the write's gate checks them
// again under its locks (write-records.ts). These tests change what was remembered behind the
// process's back, as another process or an administrator would, and check that the next post
// gets exactly what it would get had it read the database first.
vi.hoisted(() => {
  process.env.API_BASIC_BLOCK_SECONDS = "600";
});

const T0 = 1_700_000_000;
const body = (operatorId: string, code: string, tx: string, op = operation(T0)) => ({ [operatorId]: { [code]: { [tx]: op } } });

/** A tenant whose credential and station R320 are remembered (one successful post). */
async function rememberedTenant(options: Parameters<typeof makeTenant>[0] = {}) {
  const t = await makeTenant(options);
  expect((await call("operation", body(t.operatorId, "R320", "first"), { auth: t.auth })).status).toBe(200);
  return t;
}

describe("remembered credential and stations", () => {
  it("a small put then makes one query, its write (credential and stations checked there)", async () => {
    const t = await rememberedTenant();
    const sql = await rawSql();
    const spy = vi.spyOn(sql, "query");
    try {
      expect((await call("operation", body(t.operatorId, "R320", "second"), { auth: t.auth })).json).toMatchObject({ statut: "OK", enregistres: 1 });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it("refuses a station whose dossier's attestation is no longer signed, and accepts it once signed again", async () => {
    const t = await rememberedTenant();
    const prisma = await db();
    const station = await prisma.station.findUniqueOrThrow({ where: { id: t.stations.R320 }, select: { dossierId: true } });
    await prisma.attestation.update({ where: { dossierId: station.dossierId! }, data: { signedAt: null } });
    const refused = await call("operation", body(t.operatorId, "R320", "unsigned"), { auth: t.auth });
    expect(refused.status).toBe(422);
    expect(refused.json.erreurs).toEqual([{ chemin: `${t.operatorId}/R320`, message: expect.stringContaining("n'est pas signée") }]);
    expect(await countRows(t.operatorId)).toEqual({ operations: 1, curves: 0 });
    await prisma.attestation.update({ where: { dossierId: station.dossierId! }, data: { signedAt: new Date() } });
    expect((await call("operation", body(t.operatorId, "R320", "signed"), { auth: t.auth })).status).toBe(200);
    expect(await countRows(t.operatorId)).toEqual({ operations: 2, curves: 0 });
  });

  it("refuses a station given to another operator, or renamed, as an unknown one", async () => {
    const t = await rememberedTenant();
    const other = await makeTenant();
    const prisma = await db();
    await prisma.station.update({ where: { id: t.stations.R320 }, data: { operatorId: other.operatorId, stationCode: `R320-${suffix()}` } });
    const refused = await call("operation", body(t.operatorId, "R320", "moved"), { auth: t.auth });
    expect(refused.status).toBe(422);
    expect(refused.json.erreurs).toEqual([{ chemin: `${t.operatorId}/R320`, message: expect.stringContaining("station R320 inconnue pour votre compte") }]);
    expect(await countRows(t.operatorId)).toEqual({ operations: 1, curves: 0 });
  });

  it("flags with the station's power as it is now, not as it was remembered", async () => {
    const t = await rememberedTenant({ nominalPowerKw: 22 });
    // 15 kWh in one hour: plausible at 22 kW, more than a 3.7 kW station can deliver.
    const heavy = operation(T0 + 86_400, 3600, 15_000);
    expect((await call("operation", body(t.operatorId, "R320", "at-22"), { auth: t.auth })).json.avertissements).toEqual([]);
    await (await db()).station.update({ where: { id: t.stations.R320 }, data: { nominalPowerKw: 3.7 } });
    const answer = await call("operation", body(t.operatorId, "R320", "at-3.7", heavy), { auth: t.auth });
    expect(answer.status).toBe(200);
    expect(answer.json.avertissements).toEqual([{ chemin: `${t.operatorId}/R320/at-3.7`, message: expect.any(String) }]);
    const stored = await (await db()).chargeOperation.findFirstOrThrow({ where: { operatorId: t.operatorId, transactionId: "at-3.7" } });
    expect(stored.qualityFlags).toEqual(["energie_superieure_puissance"]);
  });

  it("answers a credential revoked meanwhile as an authentication failure, even for a body that is wrong too", async () => {
    const t = await rememberedTenant();
    const prisma = await db();
    await prisma.apiCredential.update({ where: { id: t.credentialId }, data: { revokedAt: new Date() } });
    for (const sent of [body(t.operatorId, "R320", "revoked"), "{ pas du JSON"]) {
      const refused = await call("operation", sent, { auth: t.auth });
      expect(refused.status).toBe(401);
      expect(refused.json.erreurs).toEqual([{ chemin: "(authentification)", message: "identifiant ou secret incorrect, ou accès révoqué" }]);
    }
    expect(await countRows(t.operatorId)).toEqual({ operations: 1, curves: 0 });
    // As for any failed authentication: in the security log, not in the operator's journal.
    expect(await prisma.submission.count({ where: { operatorId: t.operatorId } })).toBe(1);
    expect((await prisma.securityEvent.findMany({ where: { login: t.username } })).map((e) => e.failures)).toEqual([2]);
  });

  it("answers 429 when the login or the address was blocked meanwhile (by another process), and writes nothing", async () => {
    const prisma = await db();
    for (const key of ["user", "ip"] as const) {
      const t = await rememberedTenant();
      const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${suffix()}`;
      expect((await call("operation", body(t.operatorId, "R320", "from-ip"), { auth: t.auth, ip })).status).toBe(200);
      const throttleKey = key === "user" ? `basic:user:${t.username}` : `basic:ip:${ip}`;
      await prisma.authThrottle.create({ data: { key: throttleKey, failures: 5, windowStart: new Date(), blockedUntil: new Date(Date.now() + 600_000) } });
      const refused = await call("operation", body(t.operatorId, "R320", "blocked"), { auth: t.auth, ip });
      expect(refused.status, key).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(500);
      expect(await countRows(t.operatorId)).toEqual({ operations: 2, curves: 0 });
    }
  });

  it("clears a login's failures recorded elsewhere after a success, as a request reading the database would", async () => {
    const t = await rememberedTenant();
    const prisma = await db();
    const key = `basic:user:${t.username}`;
    await prisma.authThrottle.create({ data: { key, failures: 2, windowStart: new Date() } });
    expect((await call("operation", body(t.operatorId, "R320", "after-failures"), { auth: t.auth })).status).toBe(200);
    expect(await prisma.authThrottle.count({ where: { key } })).toBe(0);
  });
});
