import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSubmissions } from "@/lib/operator-console/list-submissions";
import { getSubmission } from "@/lib/operator-console/get-submission";
import { submissionFiltersSchema } from "@/lib/schemas/operator-console";
import { endpointLabel } from "@/components/operator/labels";
import { listenWithQualichargeDoor } from "@/tests/support/qualicharge/door-server";
import { makeGireveSetup, postEnvelope } from "@/tests/support/gireve/relay";
import { busyStatus, chargeDetailRecord } from "@/tests/support/gireve/envelopes";

// The operator console lists the messages GIREVE relayed about the operator's points, accepted
// or refused, with their errors and warnings; the relay's account is not named (it is the
// portal's), and another operator never sees them.

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
});
afterAll(async () => {
  await server.close();
});

describe("GIREVE calls in the operator console", () => {
  it("lists them with their door, filters by door, and shows a refusal's error and a warning", async () => {
    const s = await makeGireveSetup();
    const other = await makeGireveSetup();
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const send = (xml: string) => postEnvelope(server.base, xml, { auth: s.relay.auth });
    expect((await send(busyStatus({ operatorId: s.emi3OperatorId, evseId: s.points[0].evseId, at, busy: 2 }))).requestStatus).toBe(1);
    expect((await send(busyStatus({ operatorId: s.emi3OperatorId, evseId: `${s.emi3OperatorId}*EGHOST1`, at, busy: 2 }))).requestStatus).toBe(10601);
    const cdr = (energy: number) =>
      chargeDetailRecord({
        operatorId: s.emi3OperatorId,
        evseId: s.points[0].evseId,
        sessionId: "S-console",
        nature: "intermediate",
        start: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        end: at,
        energy,
      });
    await send(cdr(1000));
    await send(cdr(1200));

    const list = await listSubmissions({ operatorId: s.operatorId, filters: submissionFiltersSchema.parse({ door: "GIREVE" }) });
    expect(list.items.map((i) => [i.door, i.endpoint, i.httpStatus, i.outcome, i.errorCount])).toEqual([
      ["GIREVE", "/api/gireve/emip", 200, "OK", 0],
      ["GIREVE", "/api/gireve/emip", 200, "OK", 0],
      ["GIREVE", "/api/gireve/emip", 200, "ECHEC", 1],
      ["GIREVE", "/api/gireve/emip", 200, "OK", 0],
    ]);
    expect(list.items[2].firstError?.message).toContain("GHOST1 inconnu");
    expect(endpointLabel("/api/gireve/emip")).toContain("GIREVE");
    const detail = await getSubmission({ operatorId: s.operatorId, submissionId: list.items[0].id });
    expect(detail).toMatchObject({ door: "GIREVE", credentialUsername: "relais GIREVE", unchanged: 1, stored: 0 });
    expect(detail!.warnings[0].message).toContain("déjà reçu avec 1000 Wh");
    expect((await listSubmissions({ operatorId: s.operatorId, filters: submissionFiltersSchema.parse({ door: "ADVENIR" }) })).items).toEqual([]);
    expect((await listSubmissions({ operatorId: other.operatorId, filters: submissionFiltersSchema.parse({}) })).items).toEqual([]);
    expect(await getSubmission({ operatorId: other.operatorId, submissionId: list.items[0].id })).toBeNull();
  });
});
