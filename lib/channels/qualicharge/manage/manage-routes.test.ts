import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenWithQualichargeDoor, qc } from "@/tests/support/qualicharge/door-server";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { stationItems } from "@/tests/support/qualicharge/statique";
import { makeSiren } from "@/cli/demo/factories";

// GET /manage/station/siren/{siren}: QualiCharge's management read (scope manage:read).

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
});
afterAll(async () => {
  await server.close();
});

describe("GET /manage/station/siren/{siren}", () => {
  it("lists the SIREN's stations having a PDL; 404 when none; 422 on a bad SIREN; 403 without the scope", async () => {
    const operator = await makeQualichargeTenant();
    const siren = makeSiren();
    const withPdl = stationItems(operator.units[0], 2, { siren_amenageur: siren, nom_station: "Gare" });
    const withoutPdl = stationItems(operator.units[0], 1, { siren_amenageur: siren, raccordement: "Indirect", num_pdl: null });
    expect((await qc(server.base, "POST", "/statique/bulk", { auth: operator.auth, body: [...withPdl, ...withoutPdl] })).status).toBe(201);

    const manager = await makeQualichargeTenant({ scopes: ["manage:read"], units: [] });
    const r = await qc(server.base, "GET", `/manage/station/siren/${siren}`, { auth: manager.auth });
    expect(r.status).toBe(200);
    expect(r.json).toEqual([
      { id_station_itinerance: withPdl[0].id_station_itinerance, nom_station: "Gare", num_pdl: "00001234567890", updated_at: expect.any(String) },
    ]);
    expect(new Date(r.json[0].updated_at).getTime()).toBeLessThanOrEqual(Date.now());

    expect(await qc(server.base, "GET", `/manage/station/siren/${makeSiren()}`, { auth: manager.auth })).toMatchObject({
      status: 404,
      json: { detail: "No station corresponds to your request" },
    });
    expect(await qc(server.base, "GET", "/manage/station/siren/12345", { auth: manager.auth })).toMatchObject({
      status: 422,
      json: { detail: [{ type: "string_pattern_mismatch", loc: ["path", "siren"] }] },
    });
    const reader = await makeQualichargeTenant({ scopes: ["static:read"] });
    expect(await qc(server.base, "GET", `/manage/station/siren/${siren}`, { auth: reader.auth })).toMatchObject({
      status: 403,
      json: { message: "Unsufficient permissions: missing scope manage:read" },
    });
  });
});
