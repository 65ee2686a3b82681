import { describe, expect, it } from "vitest";
import { call, curve, makeTenant, operation } from "@/tests/support/advenir/ingest";
import { listSubmissions } from "@/lib/operator-console/list-submissions";
import { getSubmission } from "@/lib/operator-console/get-submission";
import { listAnomalies } from "@/lib/operator-console/list-anomalies";
import { getStationActivityByEnv, activityOf } from "@/lib/operator-console/get-station-activity-by-env";
import { getSandboxSummary } from "@/lib/operator-console/get-sandbox-summary";
import { findOwnCredential } from "@/lib/operator-console/find-own-credential";
import { submissionFiltersSchema } from "@/lib/schemas/operator-console";
import { parisDay } from "@/lib/platform/time/paris-time";

const T0 = 1_700_000_000;
const all = submissionFiltersSchema.parse({});

describe("operator console queries", () => {
  it("lists an operator's submissions with filters, pages and errors, never another operator's", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const sandbox = await makeTenant({ env: "sandbox" });
    await call("operation", { [a.operatorId]: { R320: { T1: operation(T0), T2: operation(T0, 10 * 86_400) } } }, { auth: a.auth });
    await call("courbe", { [a.operatorId]: { "1234": { C1: curve(T0) } } }, { auth: a.auth });
    const refused = await call("operation", { [a.operatorId]: { R320: { T3: { ...operation(T0), StopValue: 1.5 } } } }, { auth: a.auth });
    expect(refused.status).toBe(422);
    await call("operation", { [b.operatorId]: { R320: { T1: operation(T0) } } }, { auth: b.auth });

    const list = await listSubmissions({ operatorId: a.operatorId, filters: all });
    expect(list.total).toBe(3);
    expect(list.items.map((i) => i.outcome)).toEqual(["ECHEC", "OK", "OK"]);
    expect(list.items[0]).toMatchObject({ httpStatus: 422, errorCount: 1, firstError: { chemin: `${a.operatorId}/R320/T3/StopValue` } });
    expect(list.items[2]).toMatchObject({ endpoint: "/api/operation/put", received: 2, stored: 2, warningCount: 1 });

    const failed = await listSubmissions({ operatorId: a.operatorId, filters: { ...all, outcome: "ECHEC" } });
    expect(failed.total).toBe(1);
    expect((await listSubmissions({ operatorId: a.operatorId, filters: { ...all, endpoint: "/api/courbe/put" } })).total).toBe(1);
    expect((await listSubmissions({ operatorId: a.operatorId, filters: { ...all, env: "sandbox" } })).total).toBe(0);
    expect((await listSubmissions({ operatorId: a.operatorId, filters: { ...all, au: "2015-01-01" } })).total).toBe(0);
    // The filter reads Paris days: late in the UTC evening, Paris is already on the next day.
    const today = parisDay(new Date());
    expect((await listSubmissions({ operatorId: a.operatorId, filters: { ...all, du: today, au: today } })).total).toBe(3);
    const page2 = await listSubmissions({ operatorId: a.operatorId, filters: { ...all, page: 2 }, pageSize: 2 });
    expect(page2).toMatchObject({ page: 2, pageCount: 2, total: 3 });
    expect(page2.items).toHaveLength(1);

    const detail = await getSubmission({ operatorId: a.operatorId, submissionId: failed.items[0].id });
    expect(detail?.errors[0].message).toMatch(/entier attendu/);
    expect(detail?.credentialUsername).toBe(a.username);
    expect(await getSubmission({ operatorId: b.operatorId, submissionId: failed.items[0].id })).toBeNull();
    expect(await getSubmission({ operatorId: a.operatorId, submissionId: "abc" })).toBeNull();

    const anomalies = await listAnomalies({ operatorId: a.operatorId, filters: { page: 1 } });
    expect(anomalies.total).toBe(1);
    expect(anomalies.items[0]).toMatchObject({ kind: "operation", stationCode: "R320", transactionId: "T2", env: "production" });
    expect(anomalies.items[0].flags.map((f) => f.label)).toEqual(["Durée supérieure à 7 jours"]);
    expect((await listAnomalies({ operatorId: a.operatorId, filters: { page: 1, env: "sandbox" } })).total).toBe(0);

    const activity = await getStationActivityByEnv({ operatorId: a.operatorId });
    expect(activityOf(activity, a.stations.R320).production).toMatchObject({ operations: 2, curves: 0, anomalies: 1 });
    expect(activityOf(activity, a.stations["1234"]).production).toMatchObject({ operations: 0, curves: 1 });
    expect(activityOf(activity, a.stations["1234"]).sandbox.lastDataAt).toBeNull();

    await call("operation", { [sandbox.operatorId]: { R320: { S1: operation(T0) } } }, { auth: sandbox.auth });
    expect(await getSandboxSummary({ operatorId: sandbox.operatorId })).toMatchObject({ operations: 1, curves: 0, submissions: 1 });
    expect(activityOf(await getStationActivityByEnv({ operatorId: sandbox.operatorId }), sandbox.stations.R320).sandbox.operations).toBe(1);
  });

  it("finds only the operator's own credentials", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    expect((await findOwnCredential({ operatorId: a.operatorId, credentialId: a.credentialId })).username).toBe(a.username);
    await expect(findOwnCredential({ operatorId: b.operatorId, credentialId: a.credentialId })).rejects.toThrow("Accès API introuvable.");
    await expect(findOwnCredential({ operatorId: a.operatorId, credentialId: "pas-un-uuid" })).rejects.toThrow("Accès API introuvable.");
  });
});
