import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSubmissions } from "@/lib/operator-console/list-submissions";
import { getSubmission } from "@/lib/operator-console/get-submission";
import { submissionFiltersSchema } from "@/lib/schemas/operator-console";
import { endpointLabel } from "@/components/operator/labels";
import { call, makeTenant, operation } from "@/tests/support/advenir/ingest";
import { listenWithQualichargeDoor, qc } from "@/tests/support/qualicharge/door-server";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints } from "@/tests/support/qualicharge/points";

// The operator console lists the calls of both APIs: QualiCharge's are journaled with their door,
// their route and the API user, and their errors (FastAPI's 422 items, other details) read as the
// ADVENIR ones do.

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
});
afterAll(async () => {
  await server.close();
});

const all = submissionFiltersSchema.parse({});

describe("QualiCharge calls in the operator console", () => {
  it("lists them with their door and route, filters by door and route, and shows their errors", async () => {
    const a = await makeTenant();
    const t = await makeQualichargeTenant({ operatorId: a.operatorId });
    const [p] = await makeQualichargePoints(t);
    const start = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const end = new Date(Date.now() - 3_600_000).toISOString();
    const ok = { id_pdc_itinerance: p.idPdcItinerance, start, end, energy: 4.2 };
    expect((await call("operation", { [a.operatorId]: { R320: { T1: operation(1_700_000_000) } } }, { auth: a.auth })).status).toBe(200);
    expect((await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body: ok })).status).toBe(201);
    expect((await qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: [ok, { ...ok, energy: -1 }] })).status).toBe(422);
    expect((await qc(server.base, "POST", "/dynamique/session/", { auth: t.auth, body: { ...ok, id_pdc_itinerance: `${t.units[0]}EABSENT1` } })).status).toBe(
      404,
    );

    const list = await listSubmissions({ operatorId: a.operatorId, filters: all });
    expect(list.items.map((i) => [i.door, i.method, i.endpoint, i.httpStatus, i.errorCount])).toEqual([
      ["QUALICHARGE", "POST", "/api/v1/dynamique/session/", 404, 1],
      ["QUALICHARGE", "POST", "/api/v1/dynamique/session/bulk", 422, 1],
      ["QUALICHARGE", "POST", "/api/v1/dynamique/session/", 201, 0],
      ["ADVENIR", "POST", "/api/operation/put", 200, 0],
    ]);
    expect(list.items[1].firstError).toEqual({
      chemin: "body/1/energy",
      message: "Input should be greater than or equal to 0 (greater_than_equal)",
    });
    expect(list.items[0].firstError).toEqual({ chemin: "", message: "Point of charge does not exist" });

    const qualicharge = await listSubmissions({ operatorId: a.operatorId, filters: submissionFiltersSchema.parse({ door: "QUALICHARGE" }) });
    expect(qualicharge.total).toBe(3);
    const advenir = await listSubmissions({ operatorId: a.operatorId, filters: submissionFiltersSchema.parse({ door: "ADVENIR" }) });
    expect(advenir.items.map((i) => i.endpoint)).toEqual(["/api/operation/put"]);
    const bulks = await listSubmissions({ operatorId: a.operatorId, filters: submissionFiltersSchema.parse({ endpoint: "/api/v1/dynamique/session/bulk" }) });
    expect(bulks.items.map((i) => i.httpStatus)).toEqual([422]);

    const detail = await getSubmission({ operatorId: a.operatorId, submissionId: list.items[1].id });
    expect(detail).toMatchObject({ door: "QUALICHARGE", credentialUsername: t.username, received: 2, stored: 0 });
    expect(detail?.errors).toEqual([{ chemin: "body/1/energy", message: "Input should be greater than or equal to 0 (greater_than_equal)" }]);
    const stored = await getSubmission({ operatorId: a.operatorId, submissionId: list.items[2].id });
    expect(stored).toMatchObject({ received: 1, stored: 1, unchanged: 0, errors: [] });
    // Another operator reads none of them.
    const b = await makeTenant();
    expect(await getSubmission({ operatorId: b.operatorId, submissionId: list.items[1].id })).toBeNull();
  });

  it("reads the door filter from the query string and ignores an unknown door", () => {
    expect(submissionFiltersSchema.parse({ door: "QUALICHARGE" }).door).toBe("QUALICHARGE");
    expect(submissionFiltersSchema.parse({ door: "GUICHET" }).door).toBeUndefined();
    expect(submissionFiltersSchema.parse({ endpoint: "/api/v1/dynamique/session/check" }).endpoint).toBe("/api/v1/dynamique/session/check");
  });

  it("names QualiCharge's routes with their door", () => {
    expect(endpointLabel("/api/v1/dynamique/session/bulk")).toBe("QualiCharge : Sessions (lot)");
    expect(endpointLabel("/api/v1/nouvelle/route")).toBe("QualiCharge : /nouvelle/route");
    expect(endpointLabel("/api/operation/put")).toBe("Opérations");
  });
});
