import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/platform/db/database";
import { verifySecret } from "@/lib/auth/password";
import { DEMO_ACCOUNTS, DEMO_CREDENTIALS, DEMO_QUALICHARGE, seedDemo } from "@/cli/demo/seed-demo";
import { makeOperator, makeUser } from "@/cli/demo/factories";

// The seed looks at the whole database, so each case runs on its own fresh in-memory PGlite
// (other test files add non-demo users to the shared PostgreSQL test database).
const opened: Array<Awaited<ReturnType<typeof openDatabase>>> = [];
async function freshDatabase() {
  const database = await openDatabase("pglite:memory://");
  opened.push(database);
  return database.prisma;
}
afterAll(async () => {
  for (const d of opened) await d.close();
});

describe("seedDemo", () => {
  it("creates the demo data once; a second run is a no-op", async () => {
    const prisma = await freshDatabase();
    const first = await seedDemo({ prisma });
    expect(first.status).toBe("created");

    const users = await prisma.user.findMany({ select: { email: true, role: true, name: true, passwordHash: true }, orderBy: { email: "asc" } });
    expect(users.map((u) => [u.email, u.role, u.name])).toEqual([
      ["admin@demo.advenir.fr", "admin", "Alice Admin"],
      ["beneficiaire@demo.advenir.fr", "beneficiaire", "Bérénice Bénéficiaire"],
      ["comite@demo.advenir.fr", "comite", "Camille Comité"],
      ["operateur@demo.advenir.fr", "operateur", "Olivier Opérateur"],
    ]);
    for (const account of DEMO_ACCOUNTS) {
      const stored = users.find((u) => u.email === account.email)!;
      expect(await verifySecret(account.password, stored.passwordHash)).toBe(true);
    }

    const credentials = await prisma.apiCredential.findMany({ orderBy: { username: "asc" } });
    expect(credentials.map((c) => [c.username, c.env])).toEqual([
      ["demo-operateur", "production"],
      ["demo-operateur-bac-a-sable", "sandbox"],
    ]);
    for (const c of DEMO_CREDENTIALS) {
      const stored = credentials.find((s) => s.username === c.username)!;
      expect(stored.secretHash).not.toBe(c.secret);
      expect(await verifySecret(c.secret, stored.secretHash)).toBe(true);
    }

    const apiUser = await prisma.apiUser.findUniqueOrThrow({
      where: { username: DEMO_QUALICHARGE.user.username },
      include: { groups: { include: { group: { include: { units: true } } } } },
    });
    expect(await verifySecret(DEMO_QUALICHARGE.user.password, apiUser.passwordHash)).toBe(true);
    expect(apiUser.groups.flatMap((g) => g.group.units.map((u) => u.unitCode))).toEqual(["FRDEM"]);
    expect(apiUser.isSuperuser).toBe(false);

    const dossier = await prisma.dossier.findUniqueOrThrow({
      where: { reference: "ADV-DEMO-0001" },
      include: { operator: true, beneficiary: true, attestation: true, stations: { orderBy: { stationCode: "asc" } } },
    });
    expect(dossier).toMatchObject({ channel: "ADVENIR", inseeCode: "75101" });
    expect(dossier.operator.name).toBe("Recharge Démo SAS");
    expect(dossier.beneficiary.name).toBe("Copropriété Les Tilleuls");
    const signer = await prisma.user.findUniqueOrThrow({ where: { email: "beneficiaire@demo.advenir.fr" } });
    expect(dossier.attestation).toMatchObject({ consent: true, onBehalf: false, signedByUserId: signer.id });
    expect(dossier.attestation?.signedAt).toBeInstanceOf(Date);
    expect(dossier.stations.map((s) => [s.stationCode, s.pointCount, Number(s.nominalPowerKw)])).toEqual([
      ["DEMO-ST-001", 2, 7.4],
      ["DEMO-ST-002", 2, 22],
      ["DEMO-ST-003", 1, 50],
    ]);

    const audits = await prisma.auditLog.count();
    const second = await seedDemo({ prisma });
    expect(second).toEqual({ status: "already-present", message: "Données de démonstration déjà présentes : rien à faire." });
    expect(await prisma.user.count()).toBe(4);
    expect(await prisma.auditLog.count()).toBe(audits);
  });

  it("refuses to seed over a real account and creates nothing", async () => {
    const prisma = await freshDatabase();
    await makeUser({ prisma, role: "comite" });
    const result = await seedDemo({ prisma });
    expect(result.status).toBe("refused");
    expect(result.message).toMatch(/compte\(s\) réel\(s\)/);
    expect(await prisma.user.count()).toBe(1);
    expect(await prisma.operator.count()).toBe(0);
  });

  it("refuses a database that already holds other data", async () => {
    const prisma = await freshDatabase();
    await makeOperator({ prisma });
    const result = await seedDemo({ prisma });
    expect(result.status).toBe("refused");
    expect(await prisma.user.count()).toBe(0);
    expect(await prisma.operator.count()).toBe(1);
  });
});
