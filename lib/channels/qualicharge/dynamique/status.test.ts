import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, rawSql } from "@/lib/platform/db/database";
import { listenWithQualichargeDoor, qc } from "@/tests/support/qualicharge/door-server";
import { makeQualichargeTenant, type QualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints, type MadePoint } from "@/tests/support/qualicharge/points";

// QualiCharge's /dynamique/status/ endpoints end to end on the portal's server: every rule of a
// Status, the bulk's cap and all-or-nothing, tenancy, existence (undeclared and decommissioned
// points), the latest status (greatest horodatage), the history, the list's filters, gzip bodies
// and the journal's counts. The bulk cap is set low for this file.
process.env.QUALICHARGE_BULK_MAX = "5";

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
});
afterAll(async () => {
  await server.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An instant `minutes` ago, whole seconds (as QualiCharge's clients usually send). */
function ago(minutes: number): Date {
  return new Date(Math.floor((Date.now() - minutes * 60_000) / 1000) * 1000);
}

function status(pdc: string, at: Date, extra: Record<string, unknown> = {}) {
  return { id_pdc_itinerance: pdc, etat_pdc: "en_service", occupation_pdc: "libre", horodatage: at.toISOString(), ...extra };
}

/** pydantic's datetime in UTC with whole seconds. */
const pyTime = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

async function tenantWithPoints(count = 2, options: { unitCount?: number; scopes?: string[] } = {}): Promise<{ t: QualichargeTenant; points: MadePoint[] }> {
  const t = await makeQualichargeTenant({ unitCount: options.unitCount, scopes: options.scopes });
  const points = await makeQualichargePoints(t, { perStation: count });
  return { t, points };
}

async function historyCount(pointId: string): Promise<number> {
  const sql = await rawSql();
  const [row] = await sql.query<{ n: number | string }>("SELECT count(*) AS n FROM status_event WHERE charge_point_id = $1::uuid", [pointId]);
  return Number(row.n);
}

async function journal(t: QualichargeTenant) {
  const prisma = await db();
  return prisma.submission.findMany({
    where: { apiUserId: t.userId },
    orderBy: { receivedAt: "asc" },
    select: { door: true, endpoint: true, method: true, httpStatus: true, outcome: true, received: true, stored: true, unchanged: true, env: true },
  });
}

describe("POST /dynamique/status/", () => {
  it("stores a status, answers 201 with its id, serves it back as the latest, and journals the call", async () => {
    const { t, points } = await tenantWithPoints(1);
    const at = ago(5);
    const r = await qc(server.base, "POST", "/dynamique/status/", {
      auth: t.auth,
      body: status(points[0].idPdcItinerance, at, { occupation_pdc: "occupe", etat_prise_type_2: "fonctionnel" }),
    });
    expect(r.status).toBe(201);
    expect(Object.keys(r.json)).toEqual(["id"]);
    expect(r.json.id).toMatch(UUID);
    const latest = await qc(server.base, "GET", `/dynamique/status/${points[0].idPdcItinerance}`, { auth: t.auth });
    expect(latest).toMatchObject({ status: 200 });
    expect(latest.json).toEqual({
      etat_pdc: "en_service",
      occupation_pdc: "occupe",
      horodatage: pyTime(at),
      etat_prise_type_2: "fonctionnel",
      etat_prise_type_combo_ccs: null,
      etat_prise_type_chademo: null,
      etat_prise_type_ef: null,
      id_pdc_itinerance: points[0].idPdcItinerance,
    });
    const sql = await rawSql();
    const [row] = await sql.query<{ id: string; door: string; env: string }>(
      "SELECT id::text, door::text, env::text FROM status_event WHERE charge_point_id = $1::uuid",
      [points[0].chargePointId],
    );
    expect(row).toEqual({ id: r.json.id, door: "QUALICHARGE", env: "production" });
    expect(await journal(t)).toEqual([
      {
        door: "QUALICHARGE",
        endpoint: "/api/v1/dynamique/status/",
        method: "POST",
        httpStatus: 201,
        outcome: "OK",
        received: 1,
        stored: 1,
        unchanged: 0,
        env: "production",
      },
      expect.objectContaining({ endpoint: "/api/v1/dynamique/status/{id_pdc_itinerance}", method: "GET", httpStatus: 200 }),
    ]);
  });

  it("accepts a gzip-compressed body", async () => {
    const { t, points } = await tenantWithPoints(1);
    const r = await qc(server.base, "POST", "/dynamique/status/", { auth: t.auth, body: status(points[0].idPdcItinerance, ago(1)), gzip: true });
    expect(r.status).toBe(201);
    expect(await historyCount(points[0].chargePointId)).toBe(1);
  });

  it("refuses a timezone-naive, stale (> 24 h), future or unreadable horodatage with 422", async () => {
    const { t, points } = await tenantWithPoints(1);
    const pdc = points[0].idPdcItinerance;
    const post = (horodatage: string) => qc(server.base, "POST", "/dynamique/status/", { auth: t.auth, body: { ...status(pdc, ago(1)), horodatage } });
    const naive = await post(ago(1).toISOString().slice(0, 19));
    expect(naive).toMatchObject({
      status: 422,
      json: { detail: [{ type: "timezone_aware", loc: ["body", "horodatage"], msg: "Input should have timezone info" }] },
    });
    const stale = await post(ago(24 * 60 + 1).toISOString());
    expect(stale.status).toBe(422);
    expect(stale.json.detail[0]).toMatchObject({ type: "value_error", loc: ["body", "horodatage"] });
    expect(stale.json.detail[0].msg).toMatch(/is older than 1 day/);
    const future = await post(new Date(Date.now() + 60_000).toISOString());
    expect(future).toMatchObject({
      status: 422,
      json: { detail: [{ type: "datetime_past", loc: ["body", "horodatage"], msg: "Input should be in the past" }] },
    });
    const bad = await post("2026-02-30T10:00:00Z");
    expect(bad).toMatchObject({ status: 422, json: { detail: [{ type: "datetime_parsing", loc: ["body", "horodatage"] }] } });
    // An offset other than UTC is timezone-aware: accepted.
    const at = ago(30);
    const paris = new Date(at.getTime() + 3_600_000).toISOString().slice(0, 19) + "+01:00";
    expect((await post(paris)).status).toBe(201);
    expect((await qc(server.base, "GET", `/dynamique/status/${pdc}`, { auth: t.auth })).json.horodatage).toBe(pyTime(at));
    expect(await historyCount(points[0].chargePointId)).toBe(1);
  });

  it("refuses values outside the enumerations, missing fields and a malformed id with 422", async () => {
    const { t, points } = await tenantWithPoints(1);
    const pdc = points[0].idPdcItinerance;
    const post = (body: unknown) => qc(server.base, "POST", "/dynamique/status/", { auth: t.auth, body });
    for (const [field, value] of [
      ["etat_pdc", "en_panne"],
      ["occupation_pdc", "occupé"],
      ["etat_prise_type_2", "ok"],
      ["etat_prise_type_combo_ccs", "ok"],
      ["etat_prise_type_chademo", "ok"],
      ["etat_prise_type_ef", "ok"],
    ]) {
      const r = await post(status(pdc, ago(1), { [field]: value }));
      expect(r.status, field).toBe(422);
      expect(r.json.detail, field).toEqual([expect.objectContaining({ type: "enum", loc: ["body", field] })]);
    }
    for (const field of ["etat_pdc", "occupation_pdc", "horodatage", "id_pdc_itinerance"]) {
      const body: Record<string, unknown> = status(pdc, ago(1));
      delete body[field];
      const r = await post(body);
      expect(r.json.detail, field).toEqual([{ type: "missing", loc: ["body", field], msg: "Field required" }]);
    }
    expect((await post(status("fr-bad id", ago(1)))).json.detail).toEqual([
      expect.objectContaining({ type: "string_pattern_mismatch", loc: ["body", "id_pdc_itinerance"] }),
    ]);
    expect((await qc(server.base, "POST", "/dynamique/status/", { auth: t.auth, rawBody: "{" })).json.detail[0].type).toBe("json_invalid");
    // Every enumerated value is accepted (nulls too).
    for (const occupation of ["libre", "occupe", "reserve", "inconnu"])
      expect((await post(status(pdc, ago(2), { occupation_pdc: occupation, etat_pdc: "hors_service", etat_prise_type_ef: null }))).status).toBe(201);
    expect(await historyCount(points[0].chargePointId)).toBe(4);
  });

  it("answers 403 for a point of another operator, 404 for an undeclared point, and journals both", async () => {
    const { t } = await tenantWithPoints(1);
    const other = await tenantWithPoints(1);
    const foreign = await qc(server.base, "POST", "/dynamique/status/", { auth: t.auth, body: status(other.points[0].idPdcItinerance, ago(1)) });
    expect(foreign).toMatchObject({ status: 403, json: { message: "Unsufficient permissions: You cannot create statuses for this point of charge" } });
    const undeclared = await qc(server.base, "POST", "/dynamique/status/", { auth: t.auth, body: status(`${t.units[0]}EUNKNOWN1`, ago(1)) });
    expect(undeclared).toMatchObject({ status: 404, json: { detail: "Point of charge does not exist" } });
    expect(await historyCount(other.points[0].chargePointId)).toBe(0);
    expect((await journal(t)).map((j) => [j.httpStatus, j.outcome, j.received, j.stored])).toEqual([
      [403, "ECHEC", 0, 0],
      [404, "ECHEC", 1, 0],
    ]);
  });

  it("refuses validation before tenancy, and a token without dynamic:create", async () => {
    const { t } = await tenantWithPoints(1);
    const other = await tenantWithPoints(1);
    const r = await qc(server.base, "POST", "/dynamique/status/", { auth: t.auth, body: status(other.points[0].idPdcItinerance, ago(1), { etat_pdc: "x" }) });
    expect(r.status).toBe(422);
    const reader = await tenantWithPoints(1, { scopes: ["dynamic:read"] });
    const denied = await qc(server.base, "POST", "/dynamique/status/", { auth: reader.t.auth, body: status(reader.points[0].idPdcItinerance, ago(1)) });
    expect(denied).toMatchObject({ status: 403, json: { message: "Unsufficient permissions: missing scope dynamic:create" } });
  });

  it("answers 404 for a decommissioned point, single or in a bulk, and stores nothing", async () => {
    const { t, points } = await tenantWithPoints(2);
    const prisma = await db();
    await prisma.chargePoint.update({ where: { id: points[1].chargePointId }, data: { decommissionedAt: new Date() } });
    const single = await qc(server.base, "POST", "/dynamique/status/", { auth: t.auth, body: status(points[1].idPdcItinerance, ago(1)) });
    expect(single).toMatchObject({ status: 404, json: { detail: "Point of charge does not exist" } });
    const bulk = await qc(server.base, "POST", "/dynamique/status/bulk", {
      auth: t.auth,
      body: [status(points[0].idPdcItinerance, ago(2)), status(points[1].idPdcItinerance, ago(1))],
    });
    expect(bulk).toMatchObject({ status: 404, json: { detail: "Undeclared attached point(s) of charge, you should create them all first" } });
    expect(await historyCount(points[0].chargePointId)).toBe(0);
    expect(await historyCount(points[1].chargePointId)).toBe(0);
    await prisma.chargePoint.update({ where: { id: points[1].chargePointId }, data: { decommissionedAt: null } });
    expect((await qc(server.base, "POST", "/dynamique/status/", { auth: t.auth, body: status(points[1].idPdcItinerance, ago(1)) })).status).toBe(201);
  });
});

describe("POST /dynamique/status/bulk", () => {
  it("stores every status of points of several units, answers their ids, and journals the counts", async () => {
    const t = await makeQualichargeTenant({ unitCount: 2 });
    const a = await makeQualichargePoints(t, { perStation: 2, unit: t.units[0] });
    const b = await makeQualichargePoints(t, { perStation: 1, unit: t.units[1] });
    const body = [
      status(a[0].idPdcItinerance, ago(3)),
      status(a[1].idPdcItinerance, ago(3)),
      status(b[0].idPdcItinerance, ago(3)),
      status(a[0].idPdcItinerance, ago(2)),
    ];
    const r = await qc(server.base, "POST", "/dynamique/status/bulk", { auth: t.auth, body, gzip: true });
    expect(r.status).toBe(201);
    expect(r.json.size).toBe(4);
    expect(r.json.items).toHaveLength(4);
    for (const id of r.json.items) expect(id).toMatch(UUID);
    expect(new Set(r.json.items).size).toBe(4);
    expect(await historyCount(a[0].chargePointId)).toBe(2);
    expect(await historyCount(b[0].chargePointId)).toBe(1);
    expect(await journal(t)).toEqual([
      expect.objectContaining({ endpoint: "/api/v1/dynamique/status/bulk", httpStatus: 201, received: 4, stored: 4, unchanged: 0 }),
    ]);
  });

  it("is all or nothing: an undeclared point fails the whole bulk with 404", async () => {
    const { t, points } = await tenantWithPoints(2);
    const r = await qc(server.base, "POST", "/dynamique/status/bulk", {
      auth: t.auth,
      body: [status(points[0].idPdcItinerance, ago(1)), status(`${t.units[0]}EMISSING9`, ago(1)), status(points[1].idPdcItinerance, ago(1))],
    });
    expect(r).toMatchObject({ status: 404, json: { detail: "Undeclared attached point(s) of charge, you should create them all first" } });
    expect(await historyCount(points[0].chargePointId)).toBe(0);
    expect(await historyCount(points[1].chargePointId)).toBe(0);
    expect((await qc(server.base, "GET", `/dynamique/status/${points[0].idPdcItinerance}`, { auth: t.auth })).status).toBe(404);
    expect(await journal(t)).toEqual([
      expect.objectContaining({ httpStatus: 404, received: 3, stored: 0 }),
      expect.objectContaining({ httpStatus: 404, method: "GET" }),
    ]);
  });

  it("refuses the whole bulk with 403 when any item is another operator's", async () => {
    const { t, points } = await tenantWithPoints(1);
    const other = await tenantWithPoints(1);
    const r = await qc(server.base, "POST", "/dynamique/status/bulk", {
      auth: t.auth,
      body: [status(points[0].idPdcItinerance, ago(1)), status(other.points[0].idPdcItinerance, ago(1))],
    });
    expect(r).toMatchObject({ status: 403, json: { message: "Unsufficient permissions: You cannot submit data for an organization you are not assigned to" } });
    expect(await historyCount(points[0].chargePointId)).toBe(0);
  });

  it("answers 422 beyond the cap (QUALICHARGE_BULK_MAX), for an empty list, a non-list, and names the failing item", async () => {
    const { t, points } = await tenantWithPoints(1);
    const pdc = points[0].idPdcItinerance;
    const six = Array.from({ length: 6 }, (_, i) => status(pdc, ago(i + 1)));
    expect(await qc(server.base, "POST", "/dynamique/status/bulk", { auth: t.auth, body: six })).toMatchObject({
      status: 422,
      json: { detail: [{ type: "too_long", loc: ["body"], msg: "List should have at most 5 items after validation, not 6" }] },
    });
    expect((await qc(server.base, "POST", "/dynamique/status/bulk", { auth: t.auth, body: [] })).json.detail[0].type).toBe("too_short");
    expect((await qc(server.base, "POST", "/dynamique/status/bulk", { auth: t.auth, body: status(pdc, ago(1)) })).json.detail[0].type).toBe("list_type");
    const naive = await qc(server.base, "POST", "/dynamique/status/bulk", {
      auth: t.auth,
      body: [status(pdc, ago(2)), { ...status(pdc, ago(1)), horodatage: "2026-01-01T10:00:00" }],
    });
    expect(naive).toMatchObject({ status: 422, json: { detail: [{ type: "timezone_aware", loc: ["body", 1, "horodatage"] }] } });
    expect((await qc(server.base, "POST", "/dynamique/status/bulk", { auth: t.auth, body: six.slice(0, 5) })).status).toBe(201);
    expect(await historyCount(points[0].chargePointId)).toBe(5);
  });
});

describe("the latest status and the history", () => {
  it("keeps as latest the greatest horodatage even when an older status arrives later; ties: the last received", async () => {
    const { t, points } = await tenantWithPoints(1);
    const pdc = points[0].idPdcItinerance;
    const post = (at: Date, occupation: string) =>
      qc(server.base, "POST", "/dynamique/status/", { auth: t.auth, body: status(pdc, at, { occupation_pdc: occupation }) });
    const recent = ago(10);
    expect((await post(recent, "occupe")).status).toBe(201);
    expect((await post(ago(20), "libre")).status).toBe(201);
    const latest = async () => (await qc(server.base, "GET", `/dynamique/status/${pdc}`, { auth: t.auth })).json;
    expect(await latest()).toMatchObject({ occupation_pdc: "occupe", horodatage: pyTime(recent) });
    expect((await post(recent, "reserve")).status).toBe(201);
    expect(await latest()).toMatchObject({ occupation_pdc: "reserve", horodatage: pyTime(recent) });
    // Within a bulk: the greatest horodatage, whatever its place; among equals, the last item.
    const newer = ago(5);
    const bulk = await qc(server.base, "POST", "/dynamique/status/bulk", {
      auth: t.auth,
      body: [
        status(pdc, newer, { occupation_pdc: "libre" }),
        status(pdc, newer, { occupation_pdc: "inconnu" }),
        status(pdc, ago(6), { occupation_pdc: "occupe" }),
      ],
    });
    expect(bulk.status).toBe(201);
    expect(await latest()).toMatchObject({ occupation_pdc: "inconnu", horodatage: pyTime(newer) });
  });

  it("keeps a sandbox user's statuses apart: they never move the production state, and each reads its own", async () => {
    const { t, points } = await tenantWithPoints(1);
    const sandbox = await makeQualichargeTenant({ operatorId: t.operatorId, units: t.units, env: "sandbox" });
    const pdc = points[0].idPdcItinerance;
    const older = ago(10);
    const newer = ago(5);
    expect((await qc(server.base, "POST", "/dynamique/status/", { auth: t.auth, body: status(pdc, older) })).status).toBe(201);
    expect((await qc(server.base, "POST", "/dynamique/status/", { auth: sandbox.auth, body: status(pdc, newer, { occupation_pdc: "occupe" }) })).status).toBe(
      201,
    );
    const production = await qc(server.base, "GET", `/dynamique/status/${pdc}`, { auth: t.auth });
    expect(production.json).toMatchObject({ horodatage: pyTime(older), occupation_pdc: "libre" });
    const own = await qc(server.base, "GET", `/dynamique/status/${pdc}`, { auth: sandbox.auth });
    expect(own.json).toMatchObject({ horodatage: pyTime(newer), occupation_pdc: "occupe" });
    const history = await qc(server.base, "GET", `/dynamique/status/${pdc}/history`, { auth: t.auth });
    expect(history.json.map((s: { horodatage: string }) => s.horodatage)).toEqual([pyTime(older)]);
    const list = await qc(server.base, "GET", "/dynamique/status/", { auth: sandbox.auth });
    expect(list.json.map((s: { horodatage: string }) => s.horodatage)).toEqual([pyTime(newer)]);
  });

  it("lists the history by horodatage from `from`, and answers 404 for an unknown point or one without status", async () => {
    const { t, points } = await tenantWithPoints(2);
    const pdc = points[0].idPdcItinerance;
    const times = [ago(30), ago(50), ago(10), ago(40)];
    for (const at of times) expect((await qc(server.base, "POST", "/dynamique/status/", { auth: t.auth, body: status(pdc, at) })).status).toBe(201);
    const all = await qc(server.base, "GET", `/dynamique/status/${pdc}/history`, { auth: t.auth });
    expect(all.status).toBe(200);
    expect(all.json.map((s: { horodatage: string }) => s.horodatage)).toEqual([times[1], times[3], times[0], times[2]].map(pyTime));
    const from = encodeURIComponent(times[3].toISOString());
    const since = await qc(server.base, "GET", `/dynamique/status/${pdc}/history?from=${from}`, { auth: t.auth });
    expect(since.json.map((s: { horodatage: string }) => s.horodatage)).toEqual([times[3], times[0], times[2]].map(pyTime));
    expect(since.json[0]).toMatchObject({ id_pdc_itinerance: pdc, etat_pdc: "en_service" });
    const futureFrom = await qc(server.base, "GET", `/dynamique/status/${pdc}/history?from=2999-01-01T00:00:00Z`, { auth: t.auth });
    expect(futureFrom).toMatchObject({ status: 422, json: { detail: [{ type: "datetime_past", loc: ["query", "from"] }] } });
    expect(await qc(server.base, "GET", `/dynamique/status/${points[1].idPdcItinerance}/history`, { auth: t.auth })).toMatchObject({
      status: 404,
      json: { detail: "Selected point of charge does not have status record yet" },
    });
    expect(await qc(server.base, "GET", `/dynamique/status/${points[1].idPdcItinerance}`, { auth: t.auth })).toMatchObject({
      status: 404,
      json: { detail: "Selected point of charge does not have status record yet" },
    });
    expect(await qc(server.base, "GET", `/dynamique/status/${t.units[0]}ENOPE/history`, { auth: t.auth })).toMatchObject({
      status: 404,
      json: { detail: "Point of charge does not exist" },
    });
    expect(await qc(server.base, "GET", `/dynamique/status/${t.units[0]}ENOPE`, { auth: t.auth })).toMatchObject({
      status: 404,
      json: { detail: "Point of charge does not exist" },
    });
    // The latest-status reads journal their call in their own statement, failures included.
    expect((await qc(server.base, "GET", `/dynamique/status/${pdc}`, { auth: t.auth })).status).toBe(200);
    const prisma = await db();
    const reads = await prisma.submission.findMany({
      where: { apiUserId: t.userId, endpoint: "/api/v1/dynamique/status/{id_pdc_itinerance}" },
      orderBy: { receivedAt: "asc" },
      select: { door: true, httpStatus: true, outcome: true, errors: true, env: true, operatorId: true, method: true },
    });
    expect(reads).toEqual([
      {
        door: "QUALICHARGE",
        httpStatus: 404,
        outcome: "ECHEC",
        errors: ["Selected point of charge does not have status record yet"],
        env: "production",
        operatorId: t.operatorId,
        method: "GET",
      },
      {
        door: "QUALICHARGE",
        httpStatus: 404,
        outcome: "ECHEC",
        errors: ["Point of charge does not exist"],
        env: "production",
        operatorId: t.operatorId,
        method: "GET",
      },
      { door: "QUALICHARGE", httpStatus: 200, outcome: "OK", errors: [], env: "production", operatorId: t.operatorId, method: "GET" },
    ]);
  });

  it("refuses another operator's point with 403 (latest and history)", async () => {
    const { t } = await tenantWithPoints(1);
    const other = await tenantWithPoints(1);
    const pdc = other.points[0].idPdcItinerance;
    expect((await qc(server.base, "POST", "/dynamique/status/", { auth: other.t.auth, body: status(pdc, ago(1)) })).status).toBe(201);
    expect(await qc(server.base, "GET", `/dynamique/status/${pdc}`, { auth: t.auth })).toMatchObject({
      status: 403,
      json: { message: "Unsufficient permissions: You cannot read the status of this point of charge" },
    });
    expect(await qc(server.base, "GET", `/dynamique/status/${pdc}/history`, { auth: t.auth })).toMatchObject({
      status: 403,
      json: { message: "Unsufficient permissions: You cannot read statuses of this point of charge" },
    });
  });
});

describe("GET /dynamique/status/", () => {
  it("lists the latest status of each of the user's points, filtered by from, pdc and station (union)", async () => {
    const t = await makeQualichargeTenant({ unitCount: 2 });
    const s1 = await makeQualichargePoints(t, { perStation: 2, unit: t.units[0] });
    const s2 = await makeQualichargePoints(t, { perStation: 1, unit: t.units[1] });
    const silent = await makeQualichargePoints(t, { perStation: 1 });
    const other = await tenantWithPoints(1);
    expect((await qc(server.base, "POST", "/dynamique/status/", { auth: other.t.auth, body: status(other.points[0].idPdcItinerance, ago(1)) })).status).toBe(
      201,
    );
    const body = [
      status(s1[0].idPdcItinerance, ago(50)),
      status(s1[0].idPdcItinerance, ago(5), { occupation_pdc: "occupe" }),
      status(s1[1].idPdcItinerance, ago(40)),
      status(s2[0].idPdcItinerance, ago(3)),
    ];
    expect((await qc(server.base, "POST", "/dynamique/status/bulk", { auth: t.auth, body })).status).toBe(201);
    const list = async (query = "") => {
      const r = await qc(server.base, "GET", `/dynamique/status/${query}`, { auth: t.auth });
      expect(r.status).toBe(200);
      return (r.json as { id_pdc_itinerance: string; occupation_pdc: string }[]).map((s) => `${s.id_pdc_itinerance}:${s.occupation_pdc}`);
    };
    const mine = [`${s1[0].idPdcItinerance}:occupe`, `${s1[1].idPdcItinerance}:libre`, `${s2[0].idPdcItinerance}:libre`].sort();
    expect((await list()).sort()).toEqual(mine);
    expect(await list()).not.toContain(silent[0].idPdcItinerance);
    const from = encodeURIComponent(ago(30).toISOString());
    expect((await list(`?from=${from}`)).sort()).toEqual([`${s1[0].idPdcItinerance}:occupe`, `${s2[0].idPdcItinerance}:libre`].sort());
    expect(await list(`?pdc=${s1[1].idPdcItinerance}`)).toEqual([`${s1[1].idPdcItinerance}:libre`]);
    const stationCode = s2[0].idPdcItinerance.replace(/^(.{5})E/, "$1P").slice(0, -1);
    expect((await list(`?pdc=${s1[1].idPdcItinerance}&station=${stationCode}`)).sort()).toEqual(
      [`${s1[1].idPdcItinerance}:libre`, `${s2[0].idPdcItinerance}:libre`].sort(),
    );
    expect(await list(`?pdc=${other.points[0].idPdcItinerance}`)).toEqual([]);
    const bad = await qc(server.base, "GET", "/dynamique/status/?pdc=bad%20id", { auth: t.auth });
    expect(bad).toMatchObject({ status: 422, json: { detail: [{ type: "string_pattern_mismatch", loc: ["query", "pdc", 0] }] } });
    expect((await qc(server.base, "GET", "/dynamique/status/?from=yesterday", { auth: t.auth })).status).toBe(422);
  });

  it("lists nothing for a user without units, and every point for a superuser", async () => {
    const { t, points } = await tenantWithPoints(1);
    expect((await qc(server.base, "POST", "/dynamique/status/", { auth: t.auth, body: status(points[0].idPdcItinerance, ago(1)) })).status).toBe(201);
    const none = await makeQualichargeTenant({ units: [] });
    expect(await qc(server.base, "GET", "/dynamique/status/", { auth: none.auth })).toMatchObject({ status: 200, json: [] });
    const admin = await makeQualichargeTenant({ units: [], superuser: true });
    const all = await qc(server.base, "GET", `/dynamique/status/?pdc=${points[0].idPdcItinerance}`, { auth: admin.auth });
    expect(all.json.map((s: { id_pdc_itinerance: string }) => s.id_pdc_itinerance)).toEqual([points[0].idPdcItinerance]);
  });
});
