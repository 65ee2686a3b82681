import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { listenWithQualichargeDoor, qc } from "@/tests/support/qualicharge/door-server";
import { freshUnitCode, makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { stationItems, statiqueItem } from "@/tests/support/qualicharge/statique";

// The /statique/ endpoints as QualiCharge answers them: every success, every error in its order
// (validation, tenancy, existence), and what is stored in the core.

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
});
afterAll(async () => {
  await server.close();
});

const call = (method: string, path: string, options: Parameters<typeof qc>[3] = {}) => qc(server.base, method, path, options);

async function pointRow(id: string) {
  return (await db()).chargePoint.findUnique({
    where: { idPdcItinerance: id },
    select: {
      id: true,
      pointCode: true,
      nominalPowerKw: true,
      longitude: true,
      latitude: true,
      commissionedOn: true,
      staticDeclaredAt: true,
      decommissionedAt: true,
      irve: true,
      station: {
        select: {
          id: true,
          dossierId: true,
          channel: true,
          stationCode: true,
          operatorId: true,
          pointCount: true,
          inseeCode: true,
          nominalPowerKw: true,
          decommissionedAt: true,
        },
      },
    },
  });
}

describe("POST /statique/", () => {
  it("creates the point and its station without dossier, records the declaration, and answers 201", async () => {
    const t = await makeQualichargeTenant();
    const item = statiqueItem(t.units[0], { puissance_nominale: 50, code_insee_commune: "42130" });
    const r = await call("POST", "/statique/", { auth: t.auth, body: item });
    expect(r).toMatchObject({ status: 201, json: { message: "Statique items created", items: [item.id_pdc_itinerance], size: 1 } });
    const row = await pointRow(item.id_pdc_itinerance as string);
    expect(row).toMatchObject({
      pointCode: item.id_pdc_itinerance,
      longitude: 4.156034,
      latitude: 45.679959,
      decommissionedAt: null,
      station: { dossierId: null, channel: null, stationCode: item.id_station_itinerance, operatorId: t.operatorId, pointCount: 2, inseeCode: "42130" },
    });
    expect(Number(row!.nominalPowerKw)).toBe(50);
    expect(Number(row!.station.nominalPowerKw)).toBe(50);
    expect(row!.commissionedOn?.toISOString().slice(0, 10)).toBe("2022-12-02");
    expect((row!.irve as Record<string, string>).prise_type_2).toBe("true");
    const declarations = await (await db()).chargePointDeclaration.findMany({ where: { chargePointId: row!.id } });
    expect(declarations).toEqual([
      expect.objectContaining({ door: "QUALICHARGE", source: `api:${t.username}`, apiUserId: t.userId, dataSha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    const journal = await (
      await db()
    ).submission.findFirst({ where: { apiUserId: t.userId }, select: { received: true, stored: true, unchanged: true, httpStatus: true } });
    expect(journal).toEqual({ received: 1, stored: 1, unchanged: 0, httpStatus: 201 });
  });

  it("answers 409 for an existing point, and 404 for an operational unit held by no operator", async () => {
    const t = await makeQualichargeTenant();
    const item = statiqueItem(t.units[0]);
    expect((await call("POST", "/statique/", { auth: t.auth, body: item })).status).toBe(201);
    expect(await call("POST", "/statique/", { auth: t.auth, body: item })).toMatchObject({
      status: 409,
      json: { detail: `Charge point ${item.id_pdc_itinerance} already exists` },
    });
    const orphan = freshUnitCode();
    const admin = await makeQualichargeTenant({ superuser: true, scopes: [] });
    expect(await call("POST", "/statique/", { auth: admin.auth, body: statiqueItem(orphan) })).toMatchObject({
      status: 404,
      json: { detail: `OperationalUnit with code ${orphan} should be created first` },
    });
  });

  it("checks in QualiCharge's order: validation 422, then tenancy 403", async () => {
    const t = await makeQualichargeTenant();
    const other = await makeQualichargeTenant();
    const bad = await call("POST", "/statique/", { auth: t.auth, body: statiqueItem(other.units[0], { nbre_pdc: 0 }) });
    expect(bad).toMatchObject({ status: 422, json: { detail: [{ type: "greater_than", loc: ["body", "nbre_pdc"], msg: "Input should be greater than 0" }] } });
    expect(await call("POST", "/statique/", { auth: t.auth, body: statiqueItem(other.units[0]) })).toMatchObject({
      status: 403,
      json: { message: "Unsufficient permissions: You cannot submit data for an organization you are not assigned to" },
    });
    const missing = { ...statiqueItem(t.units[0]) };
    delete missing.num_pdl;
    expect(await call("POST", "/statique/", { auth: t.auth, body: missing })).toMatchObject({
      status: 422,
      json: { detail: [{ type: "missing", loc: ["body", "num_pdl"], msg: "Field required" }] },
    });
    expect(await call("POST", "/statique/", { auth: t.auth, rawBody: "{not json" })).toMatchObject({
      status: 422,
      json: { detail: [{ type: "json_invalid" }] },
    });
  });

  it("refuses a user without the scope", async () => {
    const t = await makeQualichargeTenant({ scopes: ["static:read"] });
    expect(await call("POST", "/statique/", { auth: t.auth, body: statiqueItem(t.units[0]) })).toMatchObject({
      status: 403,
      json: { message: "Unsufficient permissions: missing scope static:create" },
    });
  });
});

describe("GET /statique/ and /statique/{id}", () => {
  it("lists only the user's units, in id order, with absolute links (offset last)", async () => {
    const t = await makeQualichargeTenant({ unitCount: 2 });
    const other = await makeQualichargeTenant();
    const items = [...stationItems(t.units[0], 2), ...stationItems(t.units[1], 1)];
    expect((await call("POST", "/statique/bulk", { auth: t.auth, body: items })).status).toBe(201);
    expect((await call("POST", "/statique/bulk", { auth: other.auth, body: stationItems(other.units[0], 2) })).status).toBe(201);
    const ids = items.map((i) => i.id_pdc_itinerance as string).sort();

    const first = await call("GET", "/statique/?limit=2", { auth: t.auth });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ limit: 2, offset: 0, total: 3, size: 2, previous: null, next: `${server.base}/api/v1/statique/?limit=2&offset=2` });
    expect(first.json.items.map((i: { id_pdc_itinerance: string }) => i.id_pdc_itinerance)).toEqual(ids.slice(0, 2));
    expect(first.json.items[0]).toMatchObject({
      puissance_nominale: 150,
      nbre_pdc: expect.any(Number),
      prise_type_ef: false,
      coordonneesXY: "[4.156034, 45.679959]",
    });

    const last = await call("GET", "/statique/?offset=2&limit=2", { auth: t.auth });
    expect(last.json).toMatchObject({ total: 3, size: 1, next: null, previous: `${server.base}/api/v1/statique/?limit=2&offset=0` });
    expect(last.json.items[0].id_pdc_itinerance).toBe(ids[2]);

    expect(await call("GET", "/statique/?limit=101", { auth: t.auth })).toMatchObject({ status: 422, json: { detail: [{ loc: ["query", "limit"] }] } });
    expect(await call("GET", "/statique/?offset=-1", { auth: t.auth })).toMatchObject({ status: 422 });
  });

  it("gives a user without unit an empty page, and a superuser every point", async () => {
    const t = await makeQualichargeTenant();
    await call("POST", "/statique/", { auth: t.auth, body: statiqueItem(t.units[0]) });
    const none = await makeQualichargeTenant({ units: [] });
    expect((await call("GET", "/statique/", { auth: none.auth })).json).toMatchObject({ total: 0, size: 0, items: [], next: null, previous: null });
    const admin = await makeQualichargeTenant({ superuser: true, units: [] });
    expect((await call("GET", "/statique/?limit=1", { auth: admin.auth })).json.total).toBeGreaterThanOrEqual(1);
  });

  it("reads one point: 403 not yours, 404 unknown", async () => {
    const t = await makeQualichargeTenant();
    const other = await makeQualichargeTenant();
    const item = statiqueItem(t.units[0], { gratuit: null });
    await call("POST", "/statique/", { auth: t.auth, body: item });
    const r = await call("GET", `/statique/${item.id_pdc_itinerance}`, { auth: t.auth });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ...item, puissance_nominale: 150, gratuit: null });
    expect(await call("GET", `/statique/${item.id_pdc_itinerance}`, { auth: other.auth })).toMatchObject({
      status: 403,
      json: { message: "Unsufficient permissions: You don't manage this charge point" },
    });
    expect(await call("GET", `/statique/${t.units[0]}E404`, { auth: t.auth })).toMatchObject({
      status: 404,
      json: { detail: "Requested statique does not exist" },
    });
  });
});

describe("PUT /statique/{id}", () => {
  it("updates a point and answers the Statique; 406 when ids differ; 404 unknown", async () => {
    const t = await makeQualichargeTenant();
    const item = statiqueItem(t.units[0]);
    await call("POST", "/statique/", { auth: t.auth, body: item });
    const changed = { ...item, puissance_nominale: 300, telephone_operateur: "01 84 71 00 62" };
    const r = await call("PUT", `/statique/${item.id_pdc_itinerance}`, { auth: t.auth, body: changed });
    expect(r).toMatchObject({ status: 200, json: { puissance_nominale: 300, telephone_operateur: "tel:+33-1-84-71-00-62" } });
    expect(Number((await pointRow(item.id_pdc_itinerance as string))!.nominalPowerKw)).toBe(300);
    expect(await call("PUT", `/statique/${t.units[0]}EOTHER1`, { auth: t.auth, body: changed })).toMatchObject({
      status: 406,
      json: { detail: "id_pdc_itinerance does not match request body" },
    });
    const unknown = statiqueItem(t.units[0]);
    expect(await call("PUT", `/statique/${unknown.id_pdc_itinerance}`, { auth: t.auth, body: unknown })).toMatchObject({
      status: 404,
      json: { detail: "Statique with id_pdc_itinerance does not exist" },
    });
  });
});

describe("POST /statique/bulk", () => {
  it("upserts every item, counts the unchanged, and takes gzip bodies", async () => {
    const t = await makeQualichargeTenant();
    const items = stationItems(t.units[0], 3);
    const created = await call("POST", "/statique/bulk", { auth: t.auth, body: items, gzip: true });
    expect(created).toMatchObject({ status: 201, json: { message: "Statique items created", size: 3 } });
    expect(created.json.items).toEqual(items.map((i) => i.id_pdc_itinerance));
    const again = await call("POST", "/statique/bulk", { auth: t.auth, body: [...items.slice(0, 2), { ...items[2], puissance_nominale: 22 }] });
    expect(again.status).toBe(201);
    const prisma = await db();
    const journal = await prisma.submission.findMany({
      where: { apiUserId: t.userId },
      orderBy: { id: "asc" },
      select: { received: true, stored: true, unchanged: true },
    });
    expect(journal).toEqual([
      { received: 3, stored: 3, unchanged: 0 },
      { received: 3, stored: 1, unchanged: 2 },
    ]);
    const stations = await prisma.station.findMany({ where: { operatorId: t.operatorId }, select: { pointCount: true, nominalPowerKw: true } });
    expect(stations.map((s) => [s.pointCount, Number(s.nominalPowerKw)])).toEqual([[3, 150]]);
    // Same data again: same state, no new declaration.
    const before = await prisma.chargePointDeclaration.count({ where: { apiUserId: t.userId } });
    await call("POST", "/statique/bulk", { auth: t.auth, body: [...items.slice(0, 2), { ...items[2], puissance_nominale: 22 }] });
    expect(await prisma.chargePointDeclaration.count({ where: { apiUserId: t.userId } })).toBe(before);
    expect(before).toBe(4);
  });

  it("stores nothing when one item is refused (422 with its index, 403, 404 unknown unit)", async () => {
    const t = await makeQualichargeTenant();
    const other = await makeQualichargeTenant();
    const items = stationItems(t.units[0], 2);
    const invalid = await call("POST", "/statique/bulk", { auth: t.auth, body: [items[0], { ...items[1], coordonneesXY: "[45.67, 4.15]" }] });
    expect(invalid).toMatchObject({ status: 422, json: { detail: [{ type: "value_error", loc: ["body", 1, "coordonneesXY"] }] } });
    expect((await call("POST", "/statique/bulk", { auth: t.auth, body: [...items, statiqueItem(other.units[0])] })).status).toBe(403);
    const superuser = await makeQualichargeTenant({ superuser: true, units: [] });
    expect(await call("POST", "/statique/bulk", { auth: superuser.auth, body: [...items, statiqueItem(freshUnitCode())] })).toMatchObject({
      status: 404,
      json: { detail: "Operational units should be created first" },
    });
    expect(await (await db()).chargePoint.count({ where: { idPdcItinerance: { in: items.map((i) => i.id_pdc_itinerance as string) } } })).toBe(0);
  });

  it("answers 400 when points of one station differ in station fields, or one coordinate has two addresses", async () => {
    const t = await makeQualichargeTenant();
    const items = stationItems(t.units[0], 2);
    expect(await call("POST", "/statique/bulk", { auth: t.auth, body: [items[0], { ...items[1], nom_station: "Autre nom" }] })).toMatchObject({
      status: 400,
      json: { detail: "An error occured while trying to create or update the 'station' table" },
    });
    const elsewhere = statiqueItem(t.units[0], { adresse_station: "1 place Bellecour, 69002 Lyon" });
    expect(await call("POST", "/statique/bulk", { auth: t.auth, body: [items[0], elsewhere] })).toMatchObject({
      status: 400,
      json: { detail: "An error occured while trying to create or update the 'localisation' table" },
    });
    expect(await (await db()).chargePoint.count({ where: { idPdcItinerance: items[0].id_pdc_itinerance as string } })).toBe(0);
  });

  it("stores a full bulk (QUALICHARGE_BULK_MAX items) in one go", async () => {
    const t = await makeQualichargeTenant();
    const max = Number(process.env.QUALICHARGE_BULK_MAX ?? 1000);
    const items = Array.from({ length: max / 10 }, () => stationItems(t.units[0], 10)).flat();
    const r = await call("POST", "/statique/bulk", { auth: t.auth, body: items, gzip: true });
    expect(r).toMatchObject({ status: 201, json: { size: max } });
    expect(await (await db()).station.count({ where: { operatorId: t.operatorId } })).toBe(max / 10);
    // Sent again: nothing changes.
    expect((await call("POST", "/statique/bulk", { auth: t.auth, body: items, gzip: true })).status).toBe(201);
    const journal = await (
      await db()
    ).submission.findMany({ where: { apiUserId: t.userId }, orderBy: { id: "asc" }, select: { stored: true, unchanged: true } });
    expect(journal).toEqual([
      { stored: max, unchanged: 0 },
      { stored: 0, unchanged: max },
    ]);
  });

  it("caps a bulk at QUALICHARGE_BULK_MAX (422 beyond)", async () => {
    const t = await makeQualichargeTenant();
    const max = Number(process.env.QUALICHARGE_BULK_MAX ?? 1000);
    const items = Array.from({ length: max + 1 }, () => statiqueItem(t.units[0]));
    const r = await call("POST", "/statique/bulk", { auth: t.auth, body: items, gzip: true });
    expect(r).toMatchObject({ status: 422, json: { detail: [{ type: "too_long", loc: ["body"] }] } });
    expect(await call("POST", "/statique/bulk", { auth: t.auth, body: [] })).toMatchObject({ status: 422, json: { detail: [{ type: "too_short" }] } });
  });
});

describe("tenancy", () => {
  it("lets a user write and read the points of each of its units, and refuses another operator's token", async () => {
    const t = await makeQualichargeTenant({ unitCount: 2 });
    const other = await makeQualichargeTenant();
    const items = [...stationItems(t.units[0], 1), ...stationItems(t.units[1], 1)];
    expect((await call("POST", "/statique/bulk", { auth: t.auth, body: items })).status).toBe(201);
    for (const item of items) {
      expect((await call("GET", `/statique/${item.id_pdc_itinerance}`, { auth: t.auth })).status).toBe(200);
      expect((await call("GET", `/statique/${item.id_pdc_itinerance}`, { auth: other.auth })).status).toBe(403);
      expect((await call("PUT", `/statique/${item.id_pdc_itinerance}`, { auth: other.auth, body: item })).status).toBe(403);
    }
    expect((await call("POST", "/statique/bulk", { auth: other.auth, body: items })).status).toBe(403);
    expect((await call("GET", "/statique/", { auth: other.auth })).json.total).toBe(0);
  });

  it("lets a superuser without scopes or units write and read any unit", async () => {
    const t = await makeQualichargeTenant();
    const admin = await makeQualichargeTenant({ superuser: true, scopes: [], units: [] });
    const item = statiqueItem(t.units[0]);
    expect((await call("POST", "/statique/", { auth: admin.auth, body: item })).status).toBe(201);
    expect((await call("GET", `/statique/${item.id_pdc_itinerance}`, { auth: admin.auth })).status).toBe(200);
    expect((await pointRow(item.id_pdc_itinerance as string))!.station.operatorId).toBe(t.operatorId);
  });
});

describe("DELETE /statique/{id} and /up", () => {
  it("decommissions softly and idempotently, with the station at its last point, and recommissions", async () => {
    const t = await makeQualichargeTenant();
    const [a, b] = stationItems(t.units[0], 2);
    await call("POST", "/statique/bulk", { auth: t.auth, body: [a, b] });
    const idA = a.id_pdc_itinerance as string;
    const idB = b.id_pdc_itinerance as string;
    const rowA = (await pointRow(idA))!;
    const prisma = await db();
    await prisma.$executeRaw`
      INSERT INTO charge_point_status (station_id, charge_point_id, status_id, horodatage, door, etat_pdc, occupation_pdc)
      VALUES (${rowA.station.id}::uuid, ${rowA.id}::uuid, gen_random_uuid(), now(), 'QUALICHARGE', 'en_service', 'libre')`;
    const inserted = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM charge_point_status WHERE charge_point_id = ${rowA.id}::uuid`;
    expect(Number(inserted[0].n)).toBe(1);

    expect((await call("DELETE", `/statique/${idA}`, { auth: t.auth })).status).toBe(204);
    const statuses = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM charge_point_status WHERE charge_point_id = ${rowA.id}::uuid`;
    expect(Number(statuses[0].n)).toBe(0);
    expect((await pointRow(idA))!.decommissionedAt).not.toBeNull();
    expect((await pointRow(idA))!.station.decommissionedAt).toBeNull();
    const first = (await pointRow(idA))!.decommissionedAt;
    expect((await call("DELETE", `/statique/${idA}`, { auth: t.auth })).status).toBe(204);
    expect((await pointRow(idA))!.decommissionedAt).toEqual(first);
    expect(await call("GET", `/statique/${idA}`, { auth: t.auth })).toMatchObject({ status: 404 });
    expect((await call("GET", "/statique/", { auth: t.auth })).json.total).toBe(1);

    expect((await call("DELETE", `/statique/${idB}`, { auth: t.auth })).status).toBe(204);
    expect((await pointRow(idB))!.station.decommissionedAt).not.toBeNull();
    expect(await call("PUT", `/statique/${idB}`, { auth: t.auth, body: b })).toMatchObject({ status: 404 });

    expect((await call("POST", `/statique/${idB}/up`, { auth: t.auth })).status).toBe(204);
    expect((await call("POST", `/statique/${idB}/up`, { auth: t.auth })).status).toBe(204);
    expect((await pointRow(idB))!).toMatchObject({ decommissionedAt: null, station: { decommissionedAt: null } });
    expect((await pointRow(idA))!.decommissionedAt).not.toBeNull();
  });

  it("answers 404 for an unknown point and 403 for another operator's", async () => {
    const t = await makeQualichargeTenant();
    const other = await makeQualichargeTenant();
    const item = statiqueItem(other.units[0]);
    await call("POST", "/statique/", { auth: other.auth, body: item });
    expect(await call("DELETE", `/statique/${t.units[0]}E1`, { auth: t.auth })).toMatchObject({
      status: 404,
      json: { detail: "Target charge point does not exist" },
    });
    expect(await call("POST", `/statique/${t.units[0]}E1/up`, { auth: t.auth })).toMatchObject({ status: 404 });
    expect((await call("DELETE", `/statique/${item.id_pdc_itinerance}`, { auth: t.auth })).status).toBe(403);
    expect((await call("POST", `/statique/${item.id_pdc_itinerance}/up`, { auth: t.auth })).status).toBe(403);
    expect((await pointRow(item.id_pdc_itinerance as string))!.decommissionedAt).toBeNull();
  });
});
