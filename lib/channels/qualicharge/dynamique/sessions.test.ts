import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { getEnv } from "@/lib/platform/env";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { listenWithQualichargeDoor, qc } from "@/tests/support/qualicharge/door-server";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints } from "@/tests/support/qualicharge/points";
import { forgetPrincipals } from "@/lib/channels/qualicharge/auth/principal";

// POST /dynamique/session/, /dynamique/session/bulk and GET /dynamique/session/check through the
// portal's server: every rule of a session and its exact answer, tenancy, existence, the rows
// written into the core (charge_operation), idempotence, and the journal.

// A small bulk cap for this file (read by getEnv() when the server starts, in beforeAll).
process.env.QUALICHARGE_BULK_MAX = "5";

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
});
afterAll(async () => {
  await server.close();
});

const MIN = 60_000;
const DAY = 86_400_000;
/** Now, to the second. */
const nowS = () => Math.floor(Date.now() / 1000) * 1000;
/** The same instant written with another offset ("+02:00"), or naive (""). */
function withOffset(iso: string, offset: string): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  const shift = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * MIN : 0;
  return new Date(Date.parse(iso) + shift).toISOString().slice(0, 19) + offset;
}
/** An instant `ago` ms before `base` (default now, to the second), written with `offset` ("Z", "+02:00", or "" for a naive one). */
function at(ago: number, offset = "Z", base = nowS()): string {
  return withOffset(new Date(base - ago).toISOString(), offset);
}
/** A session of `point` that started `startAgo` ms ago and lasted `minutes`, delivering `kwh`. */
function session(point: string, o: { startAgo?: number; minutes?: number; kwh?: number } = {}) {
  const base = nowS();
  const startAgo = o.startAgo ?? 3 * 60 * MIN;
  return { id_pdc_itinerance: point, start: at(startAgo, "Z", base), end: at(startAgo - (o.minutes ?? 60) * MIN, "Z", base), energy: o.kwh ?? 10 };
}

async function rowsOf(chargePointIds: string[]) {
  const prisma = await db();
  return prisma.chargeOperation.findMany({
    where: { chargePointId: { in: chargePointIds } },
    orderBy: { startAt: "asc" },
    select: {
      env: true,
      door: true,
      operatorId: true,
      stationId: true,
      chargePointId: true,
      transactionId: true,
      sessionId: true,
      startAt: true,
      stopAt: true,
      startWh: true,
      stopWh: true,
      qualityFlags: true,
    },
  });
}

async function journal(operatorId: string) {
  const prisma = await db();
  return prisma.submission.findMany({
    where: { operatorId },
    orderBy: { id: "asc" },
    select: { door: true, endpoint: true, method: true, httpStatus: true, received: true, stored: true, unchanged: true, errors: true },
  });
}

describe("POST /dynamique/session/", () => {
  it("stores a session as a charge operation of the point's station and answers its id", async () => {
    const t = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t);
    const body = { ...session(p.idPdcItinerance, { startAgo: 2 * 60 * MIN, minutes: 90, kwh: 12.3456 }) };
    const r = await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body });
    expect(r.status).toBe(201);
    expect(Object.keys(r.json)).toEqual(["id"]);
    expect(r.json.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const rows = await rowsOf([p.chargePointId]);
    expect(rows).toEqual([
      {
        env: "production",
        door: "QUALICHARGE",
        operatorId: t.operatorId,
        stationId: p.stationId,
        chargePointId: p.chargePointId,
        transactionId: `QC:${p.idPdcItinerance}:${body.start}`,
        sessionId: r.json.id,
        startAt: new Date(body.start),
        stopAt: new Date(body.end),
        startWh: 0n,
        stopWh: 12_346n,
        qualityFlags: [],
      },
    ]);
    expect(await journal(t.operatorId)).toEqual([
      { door: "QUALICHARGE", endpoint: "/api/v1/dynamique/session/", method: "POST", httpStatus: 201, received: 1, stored: 1, unchanged: 0, errors: [] },
    ]);
  });

  it("answers the same id for the same session resent, written with another offset, and changes nothing", async () => {
    const t = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t);
    const body = session(p.idPdcItinerance);
    const first = await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body });
    const again = await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body });
    const shifted = await qc(server.base, "POST", "/dynamique/session/", {
      auth: t.auth,
      body: { ...body, start: withOffset(body.start, "+02:00").replace(/\+02:00$/, ".000+02:00") },
    });
    expect([first.status, again.status, shifted.status]).toEqual([201, 201, 201]);
    expect(again.json.id).toBe(first.json.id);
    expect(shifted.json.id).toBe(first.json.id);
    expect(await rowsOf([p.chargePointId])).toHaveLength(1);
    expect((await journal(t.operatorId)).map((j) => [j.stored, j.unchanged])).toEqual([
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
  });

  it("replaces a session of the same point and start sent again with another end or energy (same id)", async () => {
    const t = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t);
    const body = session(p.idPdcItinerance, { minutes: 30, kwh: 5 });
    const first = await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body });
    const corrected = { ...body, end: new Date(Date.parse(body.start) + 45 * MIN).toISOString().replace(".000Z", "Z"), energy: 7.5 };
    const second = await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body: corrected });
    expect(second).toMatchObject({ status: 201, json: { id: first.json.id } });
    const rows = await rowsOf([p.chargePointId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ stopWh: 7500n, stopAt: new Date(corrected.end), sessionId: first.json.id });
    expect((await journal(t.operatorId)).map((j) => j.stored)).toEqual([1, 1]);
  });

  it("stores what is implausible with the quality flags of lib/charges/quality.ts", async () => {
    const t = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t, { powerKw: 22 });
    // 1 h at 22 kW allows 24.2 kWh (+ 10 %): 30 kWh is flagged, 24 kWh is not; an instantaneous
    // session of 2 kWh is flagged too (QualiCharge's "zero duration with > 1 kWh").
    const bodies = [
      session(p.idPdcItinerance, { startAgo: 10 * 60 * MIN, minutes: 60, kwh: 30 }),
      session(p.idPdcItinerance, { startAgo: 8 * 60 * MIN, minutes: 60, kwh: 24 }),
      session(p.idPdcItinerance, { startAgo: 6 * 60 * MIN, minutes: 0, kwh: 2 }),
    ];
    const r = await qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: bodies });
    expect(r.status).toBe(201);
    expect((await rowsOf([p.chargePointId])).map((row) => row.qualityFlags)).toEqual([["energie_superieure_puissance"], [], ["energie_superieure_puissance"]]);
  });

  it("marks the station's energy caches as changed (triggers on charge_operation)", async () => {
    const t = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t, { dossier: true });
    const prisma = await db();
    const before = await queryRows<{ n: number }>(prisma, sql`SELECT count(*)::int AS n FROM energy_dirty WHERE station_id = ${p.stationId}::uuid`);
    expect((await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body: session(p.idPdcItinerance) })).status).toBe(201);
    const after = await queryRows<{ n: number }>(prisma, sql`SELECT count(*)::int AS n FROM energy_dirty WHERE station_id = ${p.stationId}::uuid`);
    expect(after[0].n).toBe(before[0].n + 1);
  });

  it("accepts a gzip-compressed body", async () => {
    const t = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t);
    const r = await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body: session(p.idPdcItinerance), gzip: true });
    expect(r.status).toBe(201);
    expect(await rowsOf([p.chargePointId])).toHaveLength(1);
  });

  it("refuses each broken rule with pydantic's 422 detail, and stores nothing", async () => {
    const t = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t);
    const ok = session(p.idPdcItinerance);
    const cases: [Record<string, unknown>, { type: string; loc: (string | number)[]; msg: RegExp | string }][] = [
      [
        { ...ok, start: at(3 * 60 * MIN, "") },
        { type: "timezone_aware", loc: ["body", "start"], msg: "Input should have timezone info" },
      ],
      [
        { ...ok, end: at(60 * MIN, "") },
        { type: "timezone_aware", loc: ["body", "end"], msg: "Input should have timezone info" },
      ],
      [
        { ...ok, end: at(-60 * MIN) },
        { type: "datetime_past", loc: ["body", "end"], msg: "Input should be in the past" },
      ],
      [
        { ...ok, start: at(-60 * MIN) },
        { type: "datetime_past", loc: ["body", "start"], msg: "Input should be in the past" },
      ],
      [
        { ...ok, start: at(366 * DAY), end: at(366 * DAY - 60 * MIN) },
        { type: "value_error", loc: ["body", "start"], msg: /^Value error, .* is older than 365 days/ },
      ],
      [
        { ...ok, start: at(8 * DAY), end: at(DAY - 1000) },
        { type: "value_error", loc: ["body"], msg: "Value error, A session cannot last more than 7 days." },
      ],
      [
        { ...ok, start: at(60 * MIN), end: at(120 * MIN) },
        { type: "value_error", loc: ["body"], msg: "Value error, A session cannot start after it has ended." },
      ],
      [
        { ...ok, energy: -0.001 },
        { type: "greater_than_equal", loc: ["body", "energy"], msg: "Input should be greater than or equal to 0" },
      ],
      [
        { ...ok, energy: 1000.001 },
        { type: "less_than_equal", loc: ["body", "energy"], msg: "Input should be less than or equal to 1000" },
      ],
      [
        { ...ok, energy: "beaucoup" },
        { type: "number_type", loc: ["body", "energy"], msg: "Input should be a valid number" },
      ],
      [
        { ...ok, start: "2026-02-30T10:00:00Z" },
        { type: "datetime_from_date_parsing", loc: ["body", "start"], msg: /^Input should be a valid datetime/ },
      ],
      [
        { ...ok, id_pdc_itinerance: "fr-abc" },
        { type: "string_pattern_mismatch", loc: ["body", "id_pdc_itinerance"], msg: /^String should match pattern/ },
      ],
      [
        { start: ok.start, end: ok.end, energy: 1 },
        { type: "missing", loc: ["body", "id_pdc_itinerance"], msg: "Field required" },
      ],
    ];
    for (const [body, detail] of cases) {
      const r = await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body });
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.json.detail, JSON.stringify(body)).toHaveLength(1);
      expect(r.json.detail[0]).toMatchObject({ type: detail.type, loc: detail.loc });
      if (typeof detail.msg === "string") expect(r.json.detail[0].msg).toBe(detail.msg);
      else expect(r.json.detail[0].msg).toMatch(detail.msg);
    }
    const notJson = await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, rawBody: "{nope" });
    expect(notJson).toMatchObject({ status: 422, json: { detail: [{ type: "json_invalid" }] } });
    expect(await rowsOf([p.chargePointId])).toHaveLength(0);
    // The journal keeps each refusal with its 422 detail.
    const calls = await journal(t.operatorId);
    expect(calls).toHaveLength(cases.length + 1);
    expect(calls[0]).toMatchObject({ httpStatus: 422, received: 1, stored: 0, errors: [{ type: "timezone_aware", loc: ["body", "start"] }] });
  });

  it("accepts the bounds: energy 0 and 1,000 kWh, a session of exactly 7 days, a start 364 days old", async () => {
    const t = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t, { powerKw: 350 });
    const base = nowS();
    const bodies = [
      session(p.idPdcItinerance, { startAgo: 2 * 60 * MIN, kwh: 0 }),
      session(p.idPdcItinerance, { startAgo: 4 * 60 * MIN, minutes: 180, kwh: 1000 }),
      { id_pdc_itinerance: p.idPdcItinerance, start: at(9 * DAY, "Z", base), end: at(2 * DAY, "Z", base), energy: 50 },
      session(p.idPdcItinerance, { startAgo: 364 * DAY }),
    ];
    for (const body of bodies) expect((await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body })).status, JSON.stringify(body)).toBe(201);
    expect((await rowsOf([p.chargePointId])).map((r) => r.stopWh)).toEqual([10_000n, 50_000n, 1_000_000n, 0n]);
  });

  it("checks the token and scope first, then validation, then tenancy, then existence", async () => {
    const t = await makeQualichargeTenant();
    const other = await makeQualichargeTenant();
    const [mine] = await makeQualichargePoints(t);
    const [theirs] = await makeQualichargePoints(other);
    const readOnly = await makeQualichargeTenant({ units: t.units, operatorId: t.operatorId, scopes: ["dynamic:read"] });
    const body = session(mine.idPdcItinerance);
    expect(await qc(server.base, "POST", "/dynamique/session/", { body })).toMatchObject({ status: 401, json: { detail: "Not authenticated" } });
    expect(await qc(server.base, "POST", "/dynamique/session/", { auth: readOnly.auth, body: { energy: "x" } })).toMatchObject({
      status: 403,
      json: { message: "Unsufficient permissions: missing scope dynamic:create" },
    });
    // Another operator's point: 422 first when the body is invalid, 403 otherwise.
    expect((await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body: { ...session(theirs.idPdcItinerance), energy: -1 } })).status).toBe(422);
    expect(await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body: session(theirs.idPdcItinerance) })).toMatchObject({
      status: 403,
      json: { message: "Unsufficient permissions: You cannot create sessions for this point of charge" },
    });
    // A point of the caller's unit never declared: 404 (after tenancy).
    expect(await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body: session(`${t.units[0]}ENOWHERE1`) })).toMatchObject({
      status: 404,
      json: { detail: "Point of charge does not exist" },
    });
    expect(await qc(server.base, "POST", "/dynamique/session/", { auth: other.auth, body: session(`${t.units[0]}ENOWHERE1`) })).toMatchObject({ status: 403 });
    expect(await rowsOf([mine.chargePointId, theirs.chargePointId])).toHaveLength(0);
  });

  it("refuses a decommissioned point (404) and accepts it again once recommissioned", async () => {
    const t = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t);
    const prisma = await db();
    await prisma.chargePoint.update({ where: { id: p.chargePointId }, data: { decommissionedAt: new Date() } });
    expect(await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body: session(p.idPdcItinerance) })).toMatchObject({
      status: 404,
      json: { detail: "Point of charge does not exist" },
    });
    await prisma.chargePoint.update({ where: { id: p.chargePointId }, data: { decommissionedAt: null } });
    expect((await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body: session(p.idPdcItinerance) })).status).toBe(201);
  });

  it("writes nothing for a user deactivated meanwhile, even while its principal is remembered", async () => {
    const t = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t);
    expect((await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body: session(p.idPdcItinerance, { startAgo: 5 * 60 * MIN }) })).status).toBe(
      201,
    );
    const prisma = await db();
    await prisma.apiUser.update({ where: { id: t.userId }, data: { isActive: false } });
    // The principal is still in memory (10 s): the write's gate reads the user again.
    expect(await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body: session(p.idPdcItinerance) })).toMatchObject({
      status: 401,
      json: { message: "Authentication failed: User is not active" },
    });
    expect(await rowsOf([p.chargePointId])).toHaveLength(1);
  });

  it("lets a superuser write for any unit, in the superuser's environment", async () => {
    const t = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t);
    const admin = await makeQualichargeTenant({ superuser: true, scopes: [] });
    expect((await qc(server.base, "POST", "/dynamique/session/", { auth: admin.auth, body: session(p.idPdcItinerance) })).status).toBe(201);
    expect(await rowsOf([p.chargePointId])).toMatchObject([{ operatorId: t.operatorId, env: "production" }]);
  });
});

describe("environments", () => {
  it("stores a sandbox user's sessions in the sandbox, under ids of their own, out of production's sight", async () => {
    const t = await makeQualichargeTenant();
    const sandbox = await makeQualichargeTenant({ units: t.units, operatorId: t.operatorId });
    const prisma = await db();
    await prisma.apiUser.update({ where: { id: sandbox.userId }, data: { env: "sandbox" } });
    forgetPrincipals();
    const [p] = await makeQualichargePoints(t);
    const body = session(p.idPdcItinerance);
    const inSandbox = await qc(server.base, "POST", "/dynamique/session/", { auth: sandbox.auth, body });
    const inProduction = await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body });
    expect([inSandbox.status, inProduction.status]).toEqual([201, 201]);
    expect(inSandbox.json.id).not.toBe(inProduction.json.id);
    expect((await rowsOf([p.chargePointId])).map((r) => r.env).sort()).toEqual(["production", "sandbox"]);
    expect((await qc(server.base, "GET", `/dynamique/session/check?session_id=${inSandbox.json.id}`, { auth: t.auth })).status).toBe(404);
    expect((await qc(server.base, "GET", `/dynamique/session/check?session_id=${inSandbox.json.id}`, { auth: sandbox.auth })).status).toBe(200);
  });
});

describe("POST /dynamique/session/bulk", () => {
  it("stores every session of points of several units and answers their ids in order", async () => {
    const t = await makeQualichargeTenant({ unitCount: 2 });
    const a = await makeQualichargePoints(t, { unit: t.units[0], perStation: 2 });
    const b = await makeQualichargePoints(t, { unit: t.units[1] });
    const bodies = [session(a[0].idPdcItinerance), session(a[1].idPdcItinerance), session(b[0].idPdcItinerance, { kwh: 3 })];
    const r = await qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: bodies, gzip: true });
    expect(r.status).toBe(201);
    expect(r.json.size).toBe(3);
    expect(new Set(r.json.items).size).toBe(3);
    const rows = await rowsOf([...a, ...b].map((p) => p.chargePointId));
    expect(rows).toHaveLength(3);
    for (const [i, p] of [a[0], a[1], b[0]].entries())
      expect(rows.find((row) => row.chargePointId === p.chargePointId)).toMatchObject({ sessionId: r.json.items[i], stationId: p.stationId });
    expect(await journal(t.operatorId)).toMatchObject([{ endpoint: "/api/v1/dynamique/session/bulk", httpStatus: 201, received: 3, stored: 3, unchanged: 0 }]);
    // The same bulk again: the same ids, nothing written.
    const again = await qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: bodies });
    expect(again.json.items).toEqual(r.json.items);
    expect((await journal(t.operatorId))[1]).toMatchObject({ received: 3, stored: 0, unchanged: 3 });
  });

  it("is all or nothing: one invalid item, one point of another unit, or one undeclared point, and nothing is stored", async () => {
    const t = await makeQualichargeTenant({ unitCount: 2 });
    const other = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t, { unit: t.units[1] });
    const [theirs] = await makeQualichargePoints(other);
    const good = session(p.idPdcItinerance);
    const invalid = await qc(server.base, "POST", "/dynamique/session/bulk", {
      auth: t.auth,
      body: [good, { ...session(p.idPdcItinerance, { startAgo: 5 * 60 * MIN }), energy: 2000 }],
    });
    expect(invalid).toMatchObject({ status: 422, json: { detail: [{ type: "less_than_equal", loc: ["body", 1, "energy"] }] } });
    const foreign = await qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: [good, session(theirs.idPdcItinerance)] });
    expect(foreign).toMatchObject({
      status: 403,
      json: { message: "Unsufficient permissions: You cannot submit data for an organization you are not assigned to" },
    });
    const undeclared = await qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: [good, session(`${t.units[0]}EGHOST42`)] });
    expect(undeclared).toMatchObject({ status: 404, json: { detail: "Undeclared attached point(s) of charge, you should create them all first" } });
    expect(await rowsOf([p.chargePointId, theirs.chargePointId])).toHaveLength(0);
    expect((await journal(t.operatorId)).map((j) => [j.httpStatus, j.received, j.stored])).toEqual([
      [422, 2, 0],
      [403, 2, 0],
      [404, 2, 0],
    ]);
  });

  it("takes the same bulk sent twice at once as one (a client's retry racing its first try)", async () => {
    const t = await makeQualichargeTenant();
    const points = await makeQualichargePoints(t, { stations: 2, perStation: 2 });
    const bodies = points.map((p, i) => session(p.idPdcItinerance, { kwh: i + 1 }));
    const [a, b] = await Promise.all([0, 1].map(() => qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: bodies })));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.json.items).toEqual(a.json.items);
    expect(await rowsOf(points.map((p) => p.chargePointId))).toHaveLength(4);
    const counts = await journal(t.operatorId);
    expect(counts.reduce((n, j) => n + j.stored, 0)).toBe(4);
    expect(counts.reduce((n, j) => n + j.unchanged, 0)).toBe(4);
  });

  it("caps bulks at QUALICHARGE_BULK_MAX and refuses an empty one or a body that is not a list", async () => {
    expect(getEnv().QUALICHARGE_BULK_MAX).toBe(5);
    const t = await makeQualichargeTenant();
    const points = await makeQualichargePoints(t, { perStation: 6 });
    const six = points.map((p) => session(p.idPdcItinerance));
    expect(await qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: six })).toMatchObject({
      status: 422,
      json: { detail: [{ type: "too_long", loc: ["body"], msg: "List should have at most 5 items after validation, not 6" }] },
    });
    expect((await qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: six.slice(0, 5) })).status).toBe(201);
    expect(await qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: [] })).toMatchObject({
      status: 422,
      json: { detail: [{ type: "too_short", loc: ["body"] }] },
    });
    expect(await qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: six[0] })).toMatchObject({
      status: 422,
      json: { detail: [{ type: "list_type", loc: ["body"] }] },
    });
    expect(await rowsOf(points.map((p) => p.chargePointId))).toHaveLength(5);
  });

  it("takes a session sent twice in one bulk once, and refuses two that differ for one point and start", async () => {
    const t = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t);
    const s = session(p.idPdcItinerance);
    const twice = await qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: [s, s] });
    expect(twice.status).toBe(201);
    expect(twice.json.items[0]).toBe(twice.json.items[1]);
    expect(await rowsOf([p.chargePointId])).toHaveLength(1);
    const differing = await qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: [s, { ...s, energy: 11 }] });
    expect(differing).toMatchObject({ status: 422, json: { detail: [{ type: "value_error", loc: ["body", 1] }] } });
    expect(differing.json.detail[0].msg).toMatch(/Duplicate session: item 0/);
  });
});

describe("GET /dynamique/session/check", () => {
  it("answers null for a known session of the caller's units, 404 for an unknown or another operator's one", async () => {
    const t = await makeQualichargeTenant();
    const other = await makeQualichargeTenant();
    const [p] = await makeQualichargePoints(t);
    const { json } = await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body: session(p.idPdcItinerance) });
    const known = await qc(server.base, "GET", `/dynamique/session/check?session_id=${json.id}`, { auth: t.auth });
    expect(known.status).toBe(200);
    expect(known.json).toBeNull();
    expect(known.headers.get("content-type")).toBe("application/json");
    expect((await qc(server.base, "GET", `/dynamique/session/check?session_id=${json.id.toUpperCase()}`, { auth: t.auth })).status).toBe(200);
    expect(await qc(server.base, "GET", "/dynamique/session/check?session_id=00000000-0000-4000-8000-000000000000", { auth: t.auth })).toMatchObject({
      status: 404,
      json: { detail: "Not Found" },
    });
    expect(await qc(server.base, "GET", `/dynamique/session/check?session_id=${json.id}`, { auth: other.auth })).toMatchObject({ status: 404 });
    const admin = await makeQualichargeTenant({ superuser: true, scopes: [] });
    expect((await qc(server.base, "GET", `/dynamique/session/check?session_id=${json.id}`, { auth: admin.auth })).status).toBe(200);
  });

  it("needs dynamic:read and a session_id that is a UUID", async () => {
    const t = await makeQualichargeTenant({ scopes: ["dynamic:create"] });
    const reader = await makeQualichargeTenant({ scopes: ["dynamic:read"] });
    expect(await qc(server.base, "GET", "/dynamique/session/check?session_id=x", { auth: t.auth })).toMatchObject({
      status: 403,
      json: { message: "Unsufficient permissions: missing scope dynamic:read" },
    });
    expect(await qc(server.base, "GET", "/dynamique/session/check", { auth: reader.auth })).toMatchObject({
      status: 422,
      json: { detail: [{ type: "missing", loc: ["query", "session_id"], msg: "Field required" }] },
    });
    expect(await qc(server.base, "GET", "/dynamique/session/check?session_id=nope", { auth: reader.auth })).toMatchObject({
      status: 422,
      json: { detail: [{ type: "uuid_parsing", loc: ["query", "session_id"] }] },
    });
  });
});
