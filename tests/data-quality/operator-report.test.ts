import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { makeUser } from "@/cli/demo/factories";
import { computeDataQualityDay } from "@/lib/data-quality/compute-data-quality";
import { getOperatorReport, listOperatorsQuality } from "@/lib/data-quality/read-report";
import { listOffenders } from "@/lib/data-quality/list-offenders";
import { craftOperations, craftPoints, craftStatuses, ensureCommune, makeDqTenant, type DqTenant } from "@/tests/support/data-quality/crafted-data";

// The report and the CSV of offending rows through their real route handlers (permission table,
// session helpers), with next-auth's session reading replaced by the user each test signs in.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId, loginAt: Date.now() } } : null) }));

const { GET: offendersCsv } = await import("@/app/(operateur)/operateur/qualite-des-donnees/lignes.csv/route");
const { GET: adminCsv } = await import("@/app/(admin)/admin/qualite-des-donnees.csv/route");
const { GET: adminOffendersCsv } = await import("@/app/(admin)/admin/qualite-des-donnees/[operatorId]/lignes.csv/route");

const DAY = "2026-11-12";
const NOON = new Date("2026-11-12T11:00:00Z");
const noParams = { params: Promise.resolve({}) };
const get = (path: string) => new Request(`http://portail.test${path}`);

let a: DqTenant;
let b: DqTenant;
let userA: string;
let admin: string;

beforeAll(async () => {
  await ensureCommune();
  a = await makeDqTenant();
  b = await makeDqTenant();
  // A: 3 points, one at 2,200 kW written in W (S1 breaks on 1 of 3) and one ADVENIR operation of 1,500 kWh (D1).
  const pa = await craftPoints(a, 3, { powerKw: (i) => (i === 0 ? 22000 : 22) });
  // Over 72 hours: within what the station's 22 kW deliver (D3, D4 hold), above 1,000 kWh (D1 breaks).
  const start = new Date(NOON.getTime() - 73 * 3600_000);
  await craftOperations(a, pa[1].stationId, [{ start, stop: new Date(start.getTime() + 72 * 3600_000), energyWh: 1_500_000, receivedAt: NOON }]);
  // B: 2 points, one out of bounds too.
  const pb = await craftPoints(b, 2, { powerKw: (i) => (i === 0 ? 5000 : 22) });
  // Every point sends a status that day (in service, free): the status rules hold.
  await craftStatuses(
    [...pa, ...pb].map((point) => ({ point, horodatage: NOON })),
    { latest: true },
  );
  await computeDataQualityDay(DAY, { only: { units: [a.unit, b.unit], operatorIds: [a.operatorId, b.operatorId] } });
  userA = (await makeUser({ role: "operateur", operatorId: a.operatorId })).id;
  admin = (await makeUser({ role: "admin" })).id;
});
afterEach(() => {
  session.userId = null;
});

describe("the operator's data-quality report", () => {
  it("holds its own unit and ADVENIR data only, each rule with its result of the day", async () => {
    const report = await getOperatorReport(a.operatorId);
    expect(report.day).toBe(DAY);
    expect(report.scopes.map((s) => [s.kind, s.code])).toEqual([
      ["unit", a.unit],
      ["operator", a.operatorId],
    ]);
    const s1 = report.scopes[0].rules.find((r) => r.rule.code === "S1")!;
    expect(s1.result).toEqual({ checked: 3, breaking: 1, share: 1 / 3, passed: false });
    expect(s1.trend).toEqual([{ day: DAY, share: 1 / 3, passed: false }]);
    // ADVENIR data get the charge rules only.
    expect(report.scopes[1].rules.every((r) => r.rule.family === "sessions")).toBe(true);
    expect(report.scopes[1].rules.find((r) => r.rule.code === "D1")!.result).toMatchObject({ checked: 1, breaking: 1, passed: false });
    expect(JSON.stringify(report)).not.toContain(b.unit);
  });

  it("lists to the admin every operator computed, with the rules they fail", async () => {
    const { day, lines } = await listOperatorsQuality({ day: DAY });
    expect(day).toBe(DAY);
    const mine = lines.filter((l) => [a.operatorId, b.operatorId].includes(l.operatorId));
    expect(mine.map((l) => [l.scopeCode, l.failedRules])).toEqual(
      expect.arrayContaining([
        [a.unit, ["S1"]],
        [a.operatorId, ["D1"]],
        [b.unit, ["S1"]],
      ]),
    );
  });

  it("gives the operator the CSV of its own offending rows, never another operator's", async () => {
    session.userId = userA;
    const res = await offendersCsv(get(`/operateur/qualite-des-donnees/lignes.csv?jour=${DAY}&format=standard`), noParams);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="qualite-des-donnees_${DAY}_toutes-les-regles_standard.csv"`);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("Lignes ne respectant pas les règles de qualité des données — contrôle du 12/11/2026");
    expect(lines[1]).toBe("Au plus 1000 lignes par règle et par unité sont conservées.");
    expect(lines[2]).toBe("Règle,Libellé,Périmètre,Référence,Horodatage,Détail");
    expect(lines.slice(3)).toEqual([
      `S1,Puissance nominale hors limites,Unité ${a.unit},${await offenderRef(a, "S1")},,puissance_nominale = 22000 kW`,
      expect.stringMatching(
        new RegExp(`^D1,Énergie supérieure à 1 000 kWh,Données ADVENIR,${a.unit}P\\w+ / [0-9a-f-]+,2026-11-09T10:00:00.000Z,1500(\\.0+)? kWh$`),
      ),
    ]);
    // One rule only.
    const one = await offendersCsv(get(`/operateur/qualite-des-donnees/lignes.csv?regle=D1`), noParams);
    expect((await one.text()).split("\r\n").filter((l) => l.startsWith("S1"))).toEqual([]);
    // B's unit never appears, whatever is asked.
    expect((await (await offendersCsv(get(`/operateur/qualite-des-donnees/lignes.csv?jour=${DAY}`), noParams)).text()).includes(b.unit)).toBe(false);
    expect((await listOffenders({ operatorId: b.operatorId, day: DAY })).items.map((o) => o.scopeCode)).toEqual([b.unit]);
  });

  it("refuses a bad query, another role and anonymous callers", async () => {
    session.userId = userA;
    const bad = await offendersCsv(get(`/operateur/qualite-des-donnees/lignes.csv?regle=DROP`), noParams);
    expect(bad.status).toBe(400);
    expect((await adminCsv(get(`/admin/qualite-des-donnees.csv`), noParams)).status).toBe(403);
    session.userId = admin;
    expect((await offendersCsv(get(`/operateur/qualite-des-donnees/lignes.csv`), noParams)).status).toBe(403);
    session.userId = null;
    expect((await offendersCsv(get(`/operateur/qualite-des-donnees/lignes.csv`), noParams)).status).toBe(401);
  });

  it("exports every operator's results to the admin", async () => {
    session.userId = admin;
    const res = await adminCsv(get(`/admin/qualite-des-donnees.csv?jour=${DAY}&format=standard`), noParams);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.split("\r\n")[1]).toBe("Jour,Opérateur,Périmètre,Règle,Libellé,Lignes contrôlées,Lignes en défaut,Part (%),Tolérance (%),Respectée");
    expect(text).toContain(`,Unité ${a.unit},S1,Puissance nominale hors limites,3,1,33.3333,1,false`);
    expect(text).toContain(`,Unité ${b.unit},S1,Puissance nominale hors limites,2,1,50,1,false`);
  });
});

describe("an operator's offending rows for the admin", () => {
  const params = (operatorId: string) => ({ params: Promise.resolve({ operatorId }) });

  it("gives the admin any operator's rows, and nobody else", async () => {
    session.userId = admin;
    const res = await adminOffendersCsv(get(`/admin/qualite-des-donnees/${b.operatorId}/lignes.csv?jour=${DAY}&format=standard`), params(b.operatorId));
    expect(res.status).toBe(200);
    const rows = (await res.text()).split("\r\n").filter((l) => l.startsWith("S1,"));
    expect(rows).toEqual([expect.stringContaining(`,Unité ${b.unit},${b.unit}E`)]);
    expect((await adminOffendersCsv(get(`/admin/qualite-des-donnees/x/lignes.csv`), params("pas-un-uuid"))).status).toBe(404);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await adminOffendersCsv(get(`/admin/qualite-des-donnees/${unknown}/lignes.csv`), params(unknown))).status).toBe(404);
    session.userId = userA;
    expect((await adminOffendersCsv(get(`/admin/qualite-des-donnees/${b.operatorId}/lignes.csv`), params(b.operatorId))).status).toBe(403);
  });
});

async function offenderRef(t: DqTenant, rule: string): Promise<string> {
  const { items } = await listOffenders({ operatorId: t.operatorId, day: DAY, ruleCode: rule });
  return items[0].ref;
}
