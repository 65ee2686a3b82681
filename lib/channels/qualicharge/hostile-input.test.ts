import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { listenWithQualichargeDoor, qc } from "@/tests/support/qualicharge/door-server";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { statiqueItem } from "@/tests/support/qualicharge/statique";

// Hostile bytes through the QualiCharge door: U+0000 and lone UTF-16 surrogates, which
// PostgreSQL refuses in text and jsonb, in free-text fields, keys, bulk items, path and query
// parameters and the token form. Never a 500: a 422 with the offending path, nothing stored.

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
});
afterAll(async () => {
  await server.close();
});

const UNICODE_422 = { type: "string_unicode", msg: "Input should be a valid string: U+0000 and lone UTF-16 surrogates are not accepted" };

describe("hostile bytes", () => {
  it("refuses U+0000 or a lone surrogate in a statique's free text, a key or a bulk item with 422 and its path, storing nothing", async () => {
    const t = await makeQualichargeTenant();
    const item = statiqueItem(t.units[0]);
    for (const text of ["Gare\u0000Nord", "Gare\ud800Nord", "Gare\udfffNord"]) {
      const r = await qc(server.base, "POST", "/statique/", { auth: t.auth, body: { ...item, nom_station: text } });
      expect(r).toMatchObject({ status: 422, json: { detail: [{ ...UNICODE_422, loc: ["body", "nom_station"] }] } });
    }
    const key = await qc(server.base, "POST", "/statique/", { auth: t.auth, body: { ...item, "x\u0000": 1 } });
    expect(key).toMatchObject({ status: 422, json: { detail: [{ ...UNICODE_422, loc: ["body", "x\u0000"] }] } });
    const bulk = await qc(server.base, "POST", "/statique/bulk", {
      auth: t.auth,
      gzip: true,
      body: [statiqueItem(t.units[0]), { ...statiqueItem(t.units[0]), adresse_station: "1 rue \ud83d" }],
    });
    expect(bulk).toMatchObject({ status: 422, json: { detail: [{ ...UNICODE_422, loc: ["body", 1, "adresse_station"] }] } });
    const prisma = await db();
    expect(await prisma.chargePoint.count({ where: { idPdcItinerance: { startsWith: t.units[0] } } })).toBe(0);
    // A well-formed pair (an emoji) is ordinary text.
    const emoji = await qc(server.base, "POST", "/statique/", { auth: t.auth, body: { ...item, nom_station: "Gare \ud83d\ude97" } });
    expect(emoji.status).toBe(201);
  });

  it("answers hostile path and query parameters, status and session bodies, and the token form without a 500", async () => {
    const t = await makeQualichargeTenant();
    const reads = [
      "/statique/%00",
      "/statique/%ED%A0%80",
      "/dynamique/status/%00",
      "/dynamique/status/?pdc=%00",
      "/dynamique/status/?station=%ED%A0%80",
      "/dynamique/status/x/history?from=%00",
      "/dynamique/session/check?session_id=%00",
      "/manage/station/siren/%00",
    ];
    for (const path of reads) {
      const r = await qc(server.base, "GET", path, { auth: t.auth });
      expect([403, 404, 422], path).toContain(r.status);
    }
    const status = await qc(server.base, "POST", "/dynamique/status/bulk", {
      auth: t.auth,
      body: [{ id_pdc_itinerance: `${t.units[0]}E1\u0000`, etat_pdc: "en_service", occupation_pdc: "libre", horodatage: new Date().toISOString() }],
    });
    expect(status).toMatchObject({ status: 422, json: { detail: [{ ...UNICODE_422, loc: ["body", 0, "id_pdc_itinerance"] }] } });
    const session = await qc(server.base, "POST", "/dynamique/session/", {
      auth: t.auth,
      body: { id_pdc_itinerance: "\udc00", start: "x", end: "y", energy: 1 },
    });
    expect(session).toMatchObject({ status: 422, json: { detail: [{ ...UNICODE_422, loc: ["body", "id_pdc_itinerance"] }] } });
    const token = await qc(server.base, "POST", "/auth/token", { form: { username: "a\u0000b", password: "x" } });
    expect(token).toMatchObject({ status: 422, json: { detail: [{ ...UNICODE_422, loc: ["body", "username"] }] } });
  });
});
