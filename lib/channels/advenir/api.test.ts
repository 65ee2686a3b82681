import { describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { db } from "@/lib/platform/db/database";
import { call, countRows, curve, makeTenant, operation } from "@/tests/support/advenir/ingest";

// The protocol document's own example and the tolerated client deviations, end to end through
// the route handlers.

/** The body of the curl example of the protocol's "Tests" section, verbatim but for the UserID. */
function documentExample(userId: string): string {
  return `{ "${userId}" : 

{"R320": {"54545": {"StartTransaction": 1458293125,"StopTransaction": 1458293135,"StartValue": 

1246,"StopValue": 4563},"54546": {"StartTransaction": 1459293125,"StopTransaction": 

1468293135,"StartValue": 4666,"StopValue": 5773}},"1234": {"6565": {"StartTransaction": 

1458303125,"StopTransaction": 1458403135,"StartValue": 21246,"StopValue": 24563}}}}`;
}

const T0 = 1_700_000_000;

describe("the protocol's own example", () => {
  it("stores its 3 operations, flags the implausible ones, and answers inchanges 3 when sent again", async () => {
    const t = await makeTenant();
    // curl -d sends application/x-www-form-urlencoded
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const first = await call("operation", documentExample(t.operatorId), { auth: t.auth, headers });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      statut: "OK",
      recus: 3,
      enregistres: 3,
      inchanges: 0,
      avertissements: [
        { chemin: `${t.operatorId}/R320/54545`, message: expect.stringMatching(/^energie_superieure_puissance : /) },
        { chemin: `${t.operatorId}/R320/54546`, message: expect.stringMatching(/^duree_excessive : /) },
      ],
    });
    const prisma = await db();
    const rows = await prisma.chargeOperation.findMany({ where: { operatorId: t.operatorId }, orderBy: { transactionId: "asc" } });
    expect(
      rows.map((r) => [
        r.env,
        r.stationId,
        r.transactionId,
        r.startAt.getTime() / 1000,
        r.stopAt.getTime() / 1000,
        Number(r.startWh),
        Number(r.stopWh),
        r.qualityFlags,
      ]),
    ).toEqual([
      ["production", t.stations.R320, "54545", 1458293125, 1458293135, 1246, 4563, ["energie_superieure_puissance"]],
      ["production", t.stations.R320, "54546", 1459293125, 1468293135, 4666, 5773, ["duree_excessive"]],
      ["production", t.stations["1234"], "6565", 1458303125, 1458403135, 21246, 24563, []],
    ]);

    const again = await call("operation", documentExample(t.operatorId), { auth: t.auth, headers });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ statut: "OK", recus: 3, enregistres: 0, inchanges: 3 });
    expect(await countRows(t.operatorId)).toEqual({ operations: 3, curves: 0 });

    const submissions = await prisma.submission.findMany({ where: { operatorId: t.operatorId }, orderBy: { id: "asc" } });
    expect(
      submissions.map((s) => [s.endpoint, s.method, s.httpStatus, s.outcome, s.received, s.stored, s.unchanged, s.env, s.credentialId, s.ipAddress]),
    ).toEqual([
      ["/api/operation/put", "POST", 200, "OK", 3, 3, 0, "production", t.credentialId, "192.0.2.10"],
      ["/api/operation/put", "POST", 200, "OK", 3, 0, 3, "production", t.credentialId, "192.0.2.10"],
    ]);
    expect(gunzipSync(Buffer.from(submissions[0].rawBody!)).toString()).toBe(documentExample(t.operatorId));
    expect(rows.every((r) => r.submissionId === submissions[0].id)).toBe(true);
  });

  it("replaces a re-sent transaction whose data changed", async () => {
    const t = await makeTenant();
    const body = (wh: number) => ({ [t.operatorId]: { R320: { a: operation(T0, 3600, wh), b: operation(T0 + 7200) } } });
    expect((await call("operation", body(5000), { auth: t.auth })).json).toMatchObject({ recus: 2, enregistres: 2, inchanges: 0 });
    expect((await call("operation", body(6000), { auth: t.auth })).json).toMatchObject({ recus: 2, enregistres: 1, inchanges: 1 });
    const prisma = await db();
    const a = await prisma.chargeOperation.findFirstOrThrow({ where: { operatorId: t.operatorId, transactionId: "a" } });
    expect(Number(a.stopWh) - Number(a.startWh)).toBe(6000);
  });
});

describe("tolerated deviations", () => {
  it("accepts PUT, a gzip body and no content type", async () => {
    const t = await makeTenant();
    const put = await call("operation", { [t.operatorId]: { R320: { p1: operation(T0) } } }, { auth: t.auth, method: "PUT" });
    expect(put.json).toMatchObject({ statut: "OK", enregistres: 1 });
    const gz = await call(
      "courbe",
      { [t.operatorId]: { R320: { g1: curve(T0) } } },
      { auth: t.auth, gzip: true, headers: { "content-type": "application/json" } },
    );
    expect(gz.json).toMatchObject({ statut: "OK", enregistres: 1 });
    expect(await countRows(t.operatorId)).toEqual({ operations: 1, curves: 1 });
  });

  it("accepts a station's transactions as an array of single-key objects", async () => {
    const t = await makeTenant();
    const body = { [t.operatorId]: { R320: [{ tx1: operation(T0) }, { tx2: operation(T0 + 7200) }, { tx1: operation(T0) }] } };
    const res = await call("operation", body, { auth: t.auth });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      statut: "OK",
      recus: 2,
      enregistres: 2,
      inchanges: 0,
      avertissements: [{ chemin: `${t.operatorId}/R320/tx1`, message: "transaction répétée à l'identique dans l'envoi : prise en compte une fois" }],
    });
  });

  it("stores a curve sent to the operation URL as a curve, and the reverse, with a warning", async () => {
    const t = await makeTenant();
    const res = await call("operation", { [t.operatorId]: { R320: { c1: curve(T0), o1: operation(T0) } } }, { auth: t.auth });
    expect(res.json).toMatchObject({
      statut: "OK",
      recus: 2,
      enregistres: 2,
      avertissements: [{ chemin: `${t.operatorId}/R320/c1`, message: "courbe de charge envoyée à /api/operation/put : enregistrée comme courbe de charge" }],
    });
    const back = await call("courbe", { [t.operatorId]: { "1234": { o2: operation(T0) } } }, { auth: t.auth });
    expect(back.json).toMatchObject({
      statut: "OK",
      avertissements: [{ chemin: `${t.operatorId}/1234/o2`, message: "opération de charge envoyée à /api/courbe/put : enregistrée comme opération de charge" }],
    });
    expect(await countRows(t.operatorId)).toEqual({ operations: 2, curves: 1 });
  });

  it("sorts unsorted points, collapses identical repeats and stores offsets from the first point", async () => {
    const t = await makeTenant();
    const points = [
      { timestamp: T0 + 1200, value: 12_000 },
      { timestamp: T0, value: 10_000 },
      { timestamp: T0 + 600, value: 11_000 },
      { timestamp: T0 + 600, value: 11_000 },
      { timestamp: T0 + 1800, value: 12_500 },
    ];
    const res = await call("courbe", { [t.operatorId]: { R320: { s1: points } } }, { auth: t.auth });
    expect(res.json).toMatchObject({
      statut: "OK",
      enregistres: 1,
      avertissements: [{ chemin: `${t.operatorId}/R320/s1`, message: "1 point(s) répété(s) à l'identique fusionné(s)" }],
    });
    const prisma = await db();
    const row = await prisma.loadCurve.findFirstOrThrow({ where: { operatorId: t.operatorId } });
    expect([
      row.startAt.getTime() / 1000,
      row.stopAt.getTime() / 1000,
      row.pointCount,
      Number(row.energyWh),
      row.offsetsS,
      row.valuesWh.map(Number),
      row.qualityFlags,
    ]).toEqual([T0, T0 + 1800, 4, 2500, [0, 600, 1200, 1800], [10_000, 11_000, 12_000, 12_500], []]);
    const again = await call("courbe", { [t.operatorId]: { R320: { s1: [...points].reverse() } } }, { auth: t.auth });
    expect(again.json).toMatchObject({ statut: "OK", enregistres: 0, inchanges: 1 });
  });

  it("answers OK with nothing stored for a UserID without stations, or a station without transactions", async () => {
    const t = await makeTenant();
    expect((await call("operation", { [t.operatorId]: {} }, { auth: t.auth })).json).toEqual({
      statut: "OK",
      recus: 0,
      enregistres: 0,
      inchanges: 0,
      avertissements: [],
    });
    expect((await call("courbe", { [t.operatorId.toUpperCase()]: { R320: {}, "1234": [] } }, { auth: t.auth })).json).toMatchObject({ statut: "OK", recus: 0 });
    expect(await countRows(t.operatorId)).toEqual({ operations: 0, curves: 0 });
  });
});

describe("quality flags", () => {
  it("flags a curve with a power jump and a long curve, answers warnings, stores them", async () => {
    const t = await makeTenant({ nominalPowerKw: 7.4, pointCount: 2 });
    // ceiling 14.8 kW × 1.1: 10 minutes allow 2,714 Wh (+1); 3,000 Wh is a jump
    const jump = [
      { timestamp: T0, value: 0 },
      { timestamp: T0 + 600, value: 2700 },
      { timestamp: T0 + 1200, value: 5700 },
    ];
    const long = [
      { timestamp: T0, value: 0 },
      { timestamp: T0 + 86_400, value: 1000 },
      { timestamp: T0 + 8 * 86_400, value: 2000 },
    ];
    const res = await call("courbe", { [t.operatorId]: { R320: { jump, long, ok: curve(T0) } } }, { auth: t.auth });
    expect(res.json).toMatchObject({
      statut: "OK",
      recus: 3,
      enregistres: 3,
      avertissements: [
        { chemin: `${t.operatorId}/R320/jump`, message: expect.stringMatching(/^saut_de_puissance : /) },
        { chemin: `${t.operatorId}/R320/long`, message: expect.stringMatching(/^duree_excessive : /) },
      ],
    });
    const prisma = await db();
    const rows = await prisma.loadCurve.findMany({ where: { operatorId: t.operatorId }, orderBy: { transactionId: "asc" } });
    expect(rows.map((r) => [r.transactionId, r.qualityFlags])).toEqual([
      ["jump", ["saut_de_puissance"]],
      ["long", ["duree_excessive"]],
      ["ok", []],
    ]);
  });

  it("keeps an operation at the nominal power unflagged and flags one just above the tolerance", async () => {
    const t = await makeTenant({ nominalPowerKw: 22, pointCount: 1 });
    // 1 hour at 22 kW × 1.1 = 24,200 Wh (+1 Wh resolution)
    const res = await call(
      "operation",
      { [t.operatorId]: { R320: { at: operation(T0, 3600, 24_201), above: operation(T0, 3600, 24_202) } } },
      { auth: t.auth },
    );
    expect(res.json).toMatchObject({ statut: "OK", avertissements: [{ chemin: `${t.operatorId}/R320/above` }] });
  });
});

describe("sandbox", () => {
  it("stores sandbox data apart, keeps its raw body, and wipes it without touching production", async () => {
    const { wipeSandbox } = await import("@/lib/channels/advenir/wipe-sandbox");
    const t = await makeTenant();
    const prisma = await db();
    const sandbox = await makeTenant({ env: "sandbox" });
    // give the sandbox credential to the first operator
    await prisma.apiCredential.update({ where: { id: sandbox.credentialId }, data: { operatorId: t.operatorId } });
    const body = { [t.operatorId]: { R320: { x: operation(T0) } } };
    expect((await call("operation", body, { auth: sandbox.auth })).json).toMatchObject({ statut: "OK", enregistres: 1 });
    expect((await call("operation", body, { auth: t.auth })).json).toMatchObject({ statut: "OK", enregistres: 1 });
    expect(await countRows(t.operatorId, "sandbox")).toEqual({ operations: 1, curves: 0 });
    expect(await countRows(t.operatorId, "production")).toEqual({ operations: 1, curves: 0 });
    const sandboxSubmission = await prisma.submission.findFirstOrThrow({ where: { operatorId: t.operatorId, env: "sandbox" } });
    expect(sandboxSubmission.rawBody).not.toBeNull();

    expect(await wipeSandbox({ operatorId: t.operatorId, actor: "test" })).toEqual({ operations: 1, curves: 0, submissions: 1 });
    expect(await countRows(t.operatorId, "sandbox")).toEqual({ operations: 0, curves: 0 });
    expect(await countRows(t.operatorId, "production")).toEqual({ operations: 1, curves: 0 });
    expect(await prisma.submission.count({ where: { operatorId: t.operatorId } })).toBe(1);
  });
});

describe("raw body retention", () => {
  it("purges production raw bodies past the retention, keeps recent and sandbox ones", async () => {
    const { purgeRawBodies } = await import("@/lib/channels/advenir/purge-raw-bodies");
    const prisma = await db();
    const t = await makeTenant();
    const base = {
      operatorId: t.operatorId,
      endpoint: "/api/operation/put",
      method: "POST",
      httpStatus: 200,
      outcome: "OK",
      rawBody: new Uint8Array([1, 2, 3]),
    };
    // relative to now: other tests sharing the database only have fresh submissions
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const old = await prisma.submission.create({ data: { ...base, env: "production", receivedAt: daysAgo(31) } });
    const recent = await prisma.submission.create({ data: { ...base, env: "production", receivedAt: daysAgo(29) } });
    const oldSandbox = await prisma.submission.create({ data: { ...base, env: "sandbox", receivedAt: daysAgo(31) } });
    expect(await purgeRawBodies({ now, retentionDays: 30 })).toBeGreaterThanOrEqual(1);
    const after = await prisma.submission.findMany({ where: { id: { in: [old.id, recent.id, oldSandbox.id] } }, orderBy: { id: "asc" } });
    expect(after.map((s) => s.rawBody === null)).toEqual([true, false, false]);
  });
});
