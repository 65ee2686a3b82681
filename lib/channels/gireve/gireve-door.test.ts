import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rawSql } from "@/lib/platform/db/database";
import { listenWithQualichargeDoor } from "@/tests/support/qualicharge/door-server";
import { basicAuth, makeGireveSetup, makeRelayAccount, postEnvelope, type GireveSetup } from "@/tests/support/gireve/relay";
import { availabilityStatus, busyStatus, chargeDetailRecord, envelope, DYNAMIC_NS } from "@/tests/support/gireve/envelopes";
import { authenticateRelay } from "@/lib/gireve-relay/authenticate-relay";
import { createRelayAccount } from "@/lib/gireve-relay/create-relay-account";
import { revokeRelayAccount } from "@/lib/gireve-relay/revoke-relay-account";
import { REQUEST_STATUS } from "@/lib/channels/gireve/emip/request-status";

// The GIREVE door end to end on the portal's own Node server: statuses and charge detail records
// stored in the core with the page's rules, every refusal with its eMIP code, unsafe XML refused,
// every authenticated call journaled for the operator it concerns.

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
});
afterAll(async () => {
  await server.close();
});

const send = (s: GireveSetup, xml: string) => postEnvelope(server.base, xml, { auth: s.relay.auth });
const query = async <T>(text: string, params: unknown[]) => (await rawSql()).query<T>(text, params);

async function latest(pointId: string) {
  const [row] = await query<{ etat_pdc: string; occupation_pdc: string; horodatage: Date; door: string }>(
    `SELECT etat_pdc, occupation_pdc, horodatage, door::text AS door FROM charge_point_status WHERE charge_point_id = $1::uuid AND env = 'production'`,
    [pointId],
  );
  return row ?? null;
}

async function history(pointId: string) {
  return query<{ etat_pdc: string; occupation_pdc: string; horodatage: Date }>(
    `SELECT etat_pdc, occupation_pdc, horodatage FROM status_event WHERE charge_point_id = $1::uuid ORDER BY horodatage, received_at`,
    [pointId],
  );
}

async function journal(operatorId: string | null, relayId: string) {
  return query<{ http_status: number; outcome: string; stored: number; unchanged: number; errors: { message: string }[]; operator_id: string | null }>(
    `SELECT http_status, outcome, stored, unchanged, errors, operator_id::text AS operator_id FROM submission
      WHERE door = 'GIREVE' AND relay_account_id = $1::uuid AND operator_id IS NOT DISTINCT FROM $2::uuid ORDER BY id`,
    [relayId, operatorId],
  );
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
/** xs:dateTime without a zone (UTC by the senders' convention). */
const noZone = (d: Date) => d.toISOString().slice(0, 19);

describe("statuses", () => {
  it("stores availability and occupancy sent apart, each keeping the other's last value, and answers with the echoed transactionId", async () => {
    const s = await makeGireveSetup();
    const [p] = s.points;
    const t1 = hoursAgo(3);
    const t2 = hoursAgo(2);
    const a = await send(
      s,
      availabilityStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: t1.toISOString(), availability: 2, transactionId: "tx-42" }),
    );
    expect(a.status).toBe(200);
    expect(a.requestStatus).toBe(REQUEST_STATUS.ok);
    expect(a.text).toContain("<transactionId>tx-42</transactionId>");
    expect(a.text).toContain("eMIP_ToIOP_SetEVSEAvailabilityStatusResponse");
    expect(await latest(p.chargePointId)).toMatchObject({ etat_pdc: "en_service", occupation_pdc: "inconnu", door: "GIREVE" });
    // A busy status with its name, the EVSE without separators.
    const b = await send(s, busyStatus({ operatorId: s.emi3OperatorId, evseId: p.idPdcItinerance, at: t2.toISOString(), busy: "Busy" }));
    expect(b.requestStatus).toBe(REQUEST_STATUS.ok);
    expect(await latest(p.chargePointId)).toMatchObject({ etat_pdc: "en_service", occupation_pdc: "occupe" });
    expect((await history(p.chargePointId)).map((e) => [e.etat_pdc, e.occupation_pdc])).toEqual([
      ["en_service", "inconnu"],
      ["en_service", "occupe"],
    ]);
    const rows = await journal(s.operatorId, s.relay.id);
    expect(rows.map((r) => [r.http_status, r.outcome, r.stored])).toEqual([
      [200, "OK", 1],
      [200, "OK", 1],
    ]);
  });

  it("keeps an older event in the history only, reads a time without a zone as UTC, applies offsets, and stores a repeated event once", async () => {
    const s = await makeGireveSetup();
    const [p] = s.points;
    const now = hoursAgo(1);
    expect((await send(s, availabilityStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: noZone(now), availability: 1 }))).requestStatus).toBe(1);
    const stored = await latest(p.chargePointId);
    expect(new Date(stored!.horodatage).getTime()).toBe(Math.floor(now.getTime() / 1000) * 1000);
    expect(stored!.etat_pdc).toBe("hors_service");
    // 2 hours earlier, written with a +02:00 offset: history only.
    const older = new Date(now.getTime() - 2 * 3_600_000);
    const offset = new Date(older.getTime() + 2 * 3_600_000).toISOString().slice(0, 19) + "+02:00";
    expect((await send(s, availabilityStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: offset, availability: 2 }))).requestStatus).toBe(1);
    expect((await latest(p.chargePointId))!.etat_pdc).toBe("hors_service");
    const events = await history(p.chargePointId);
    expect(events.map((e) => [new Date(e.horodatage).getTime(), e.etat_pdc])).toEqual([
      [Math.floor(older.getTime() / 1000) * 1000, "en_service"],
      [Math.floor(now.getTime() / 1000) * 1000, "hors_service"],
    ]);
    // The same message again (a retry): answered OK, stored once, journaled as unchanged.
    expect((await send(s, availabilityStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: noZone(now), availability: 1 }))).requestStatus).toBe(1);
    expect(await history(p.chargePointId)).toHaveLength(2);
    expect((await journal(s.operatorId, s.relay.id)).map((r) => [r.stored, r.unchanged])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
  });

  it("gives a late busy-only event the availability the point had at its time, from the history", async () => {
    const s = await makeGireveSetup();
    const [p] = s.points;
    const [t1, t2, t3] = [hoursAgo(3), hoursAgo(2), hoursAgo(1)];
    await send(s, availabilityStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: t1.toISOString(), availability: 2 }));
    await send(s, availabilityStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: t3.toISOString(), availability: 1 }));
    expect((await send(s, busyStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: t2.toISOString(), busy: 2 }))).requestStatus).toBe(1);
    expect((await history(p.chargePointId)).map((e) => [e.etat_pdc, e.occupation_pdc])).toEqual([
      ["en_service", "inconnu"],
      ["en_service", "occupe"],
      ["hors_service", "inconnu"],
    ]);
    expect(await latest(p.chargePointId)).toMatchObject({ etat_pdc: "hors_service", occupation_pdc: "inconnu" });
    expect((await journal(s.operatorId, s.relay.id)).map((r) => r.stored)).toEqual([1, 1, 1]);
  });

  it("stores a synthetic status at the later of its dates, with both states; planned and deleted are states of their own", async () => {
    const s = await makeGireveSetup();
    const [p, q] = s.points;
    const at1 = hoursAgo(5).toISOString();
    const at2 = hoursAgo(4).toISOString();
    const synthetic = envelope("eMIP_ToIOP_SetEVSESyntheticStatusRequest", DYNAMIC_NS, {
      partnerIdType: "eMI3",
      partnerId: s.emi3OperatorId,
      operatorIdType: "eMI3",
      operatorId: s.emi3OperatorId,
      EVSEIdType: "eMI3",
      EVSEId: p.evseId,
      availabilityStatus: 3,
      availabilityStatusEventDate: at1,
      busyStatus: 3,
      busyStatusEventDate: at2,
    });
    expect((await send(s, synthetic)).requestStatus).toBe(1);
    const row = await latest(p.chargePointId);
    expect(row).toMatchObject({ etat_pdc: "planifie", occupation_pdc: "reserve" });
    expect(new Date(row!.horodatage).toISOString()).toBe(at2);
    expect((await send(s, availabilityStatus({ operatorId: s.emi3OperatorId, evseId: q.evseId, at: at1, availability: "Deleted" }))).requestStatus).toBe(1);
    expect((await latest(q.chargePointId))!.etat_pdc).toBe("supprime");
  });

  it("refuses a status dated in the future or before 2024 with a Fault naming the field, and stores nothing", async () => {
    const s = await makeGireveSetup();
    const [p] = s.points;
    const future = await send(
      s,
      busyStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: new Date(Date.now() + 3 * 3_600_000).toISOString(), busy: 1 }),
    );
    expect(future.status).toBe(400);
    expect(future.text).toContain("soap:Sender");
    expect(future.text).toContain("eMIP_ToIOP_SetEVSEBusyStatusRequest/statusEventDate : date dans le futur");
    const old = await send(s, busyStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: "2023-12-31T23:00:00Z", busy: 1 }));
    expect(old.status).toBe(400);
    expect(await history(p.chargePointId)).toHaveLength(0);
    expect((await journal(null, s.relay.id)).map((r) => [r.http_status, r.outcome])).toEqual([
      [400, "ECHEC"],
      [400, "ECHEC"],
    ]);
  });
});

describe("who may be reported on", () => {
  it("answers 10601 for an EVSE no dossier declares, and lists it for the admin with the raw id", async () => {
    const s = await makeGireveSetup();
    const raw = `${s.emi3OperatorId}*E99ZZ*01`;
    const r = await send(s, busyStatus({ operatorId: s.emi3OperatorId, evseId: raw, at: hoursAgo(1).toISOString(), busy: 2 }));
    expect(r.status).toBe(200);
    expect(r.requestStatus).toBe(REQUEST_STATUS.unknownEvse);
    const [listed] = await query<{ raw_evse_id: string; operator_id: string; messages: number; reason: string }>(
      `SELECT raw_evse_id, operator_id::text AS operator_id, messages, reason FROM gireve_unknown_evse WHERE evse_id = $1`,
      [`${s.unit}E99ZZ01`],
    );
    expect(listed).toMatchObject({ raw_evse_id: raw, operator_id: s.operatorId, messages: 1 });
    expect(listed.reason).toContain("déclaré dans aucun dossier");
    // The operator sees the refused call in its console.
    const [row] = await journal(s.operatorId, s.relay.id);
    expect(row).toMatchObject({ http_status: 200, outcome: "ECHEC", stored: 0 });
    expect(row.errors[0].message).toContain("inconnu");
  });

  it("answers 10502 for a point of another operator, 10501 for an operator the portal does not know, 10601 for an unsigned dossier", async () => {
    const mine = await makeGireveSetup();
    const theirs = await makeGireveSetup();
    const at = hoursAgo(1).toISOString();
    const foreign = await send(mine, busyStatus({ operatorId: mine.emi3OperatorId, evseId: theirs.points[0].evseId, at, busy: 1 }));
    expect(foreign.requestStatus).toBe(REQUEST_STATUS.foreignOperator);
    expect(await latest(theirs.points[0].chargePointId)).toBeNull();
    const unknown = await send(mine, busyStatus({ operatorId: "FR*Q0Q", evseId: mine.points[0].evseId, at, busy: 1 }));
    expect(unknown.requestStatus).toBe(REQUEST_STATUS.unknownOperator);
    await query(`UPDATE attestation SET signed_at = NULL WHERE dossier_id = (SELECT dossier_id FROM station WHERE id = $1::uuid)`, [mine.points[0].stationId]);
    const unsigned = await send(mine, busyStatus({ operatorId: mine.emi3OperatorId, evseId: mine.points[0].evseId, at, busy: 1 }));
    expect(unsigned.requestStatus).toBe(REQUEST_STATUS.unknownEvse);
    expect(await latest(mine.points[0].chargePointId)).toBeNull();
  });
});

describe("charge detail records", () => {
  const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000).toISOString();

  async function charge(s: GireveSetup, sessionId: string) {
    const [row] = await query<{ start_at: Date; stop_at: Date; energy: string; door: string; charge_point_id: string; quality_flags: string[] }>(
      `SELECT start_at, stop_at, (stop_wh - start_wh)::text AS energy, door::text AS door, charge_point_id::text AS charge_point_id, quality_flags
         FROM charge_operation WHERE transaction_id = $1 AND operator_id = $2::uuid`,
      [sessionId, s.operatorId],
    );
    return row ?? null;
  }

  async function curve(s: GireveSetup, sessionId: string) {
    const [row] = await query<{ offsets_s: number[]; values_wh: string[]; quality_flags: string[]; energy_wh: string | null }>(
      `SELECT offsets_s, values_wh::text[] AS values_wh, quality_flags, energy_wh::text AS energy_wh FROM load_curve WHERE transaction_id = $1 AND operator_id = $2::uuid`,
      [sessionId, s.operatorId],
    );
    return row
      ? { offsets: row.offsets_s, values: row.values_wh.map(Number), flags: row.quality_flags, energy: row.energy_wh === null ? null : Number(row.energy_wh) }
      : null;
  }

  it("builds the curve from intermediate records received out of order, then fixes the charge with the final one", async () => {
    const s = await makeGireveSetup({ powerKw: 22 });
    const [p] = s.points;
    const start = new Date(Math.floor(hoursAgo(6).getTime() / 60_000) * 60_000);
    const cdr = (nature: "final" | "intermediate", minutes: number, energy: number, unit?: string) =>
      chargeDetailRecord({
        operatorId: s.emi3OperatorId,
        evseId: p.evseId,
        sessionId: "S-1",
        nature,
        start: start.toISOString(),
        end: at(start, minutes),
        energy,
        energyUnit: unit,
      });
    for (const [m, e] of [
      [10, 1500],
      [5, 700],
      [15, 2600],
    ] as const) {
      const r = await send(s, cdr("intermediate", m, e));
      expect(r.requestStatus).toBe(1);
      expect(r.text).toContain("<serviceSessionId>S-1</serviceSessionId>");
    }
    expect(await charge(s, "S-1")).toBeNull();
    expect(await curve(s, "S-1")).toEqual({ offsets: [0, 300, 600, 900], values: [0, 700, 1500, 2600], flags: [], energy: 2600 });
    // The final record, in kWh: the charge, and the curve's last point.
    expect((await send(s, cdr("final", 20, 3.4, "kWh"))).requestStatus).toBe(1);
    const c = await charge(s, "S-1");
    expect(c).toMatchObject({ energy: "3400", door: "GIREVE", charge_point_id: p.chargePointId, quality_flags: [] });
    expect(new Date(c!.start_at).toISOString()).toBe(start.toISOString());
    expect(new Date(c!.stop_at).toISOString()).toBe(at(start, 20));
    expect(await curve(s, "S-1")).toEqual({ offsets: [0, 300, 600, 900, 1200], values: [0, 700, 1500, 2600, 3400], flags: [], energy: 3400 });
    // The final again: harmless. Another final: 10701, the first stands.
    expect((await send(s, cdr("final", 20, 3400))).requestStatus).toBe(1);
    expect((await send(s, cdr("final", 25, 3900))).requestStatus).toBe(REQUEST_STATUS.finalAlreadyReceived);
    expect((await charge(s, "S-1"))!.energy).toBe("3400");
    // An intermediate after the final: kept when it fits, ignored when it does not (never changes the energy).
    expect((await send(s, cdr("intermediate", 18, 3000))).requestStatus).toBe(1);
    expect((await send(s, cdr("intermediate", 19, 9000))).requestStatus).toBe(1);
    expect(await curve(s, "S-1")).toEqual({ offsets: [0, 300, 600, 900, 1080, 1200], values: [0, 700, 1500, 2600, 3000, 3400], flags: [], energy: 3400 });
    expect((await charge(s, "S-1"))!.energy).toBe("3400");
    const rows = await journal(s.operatorId, s.relay.id);
    expect(rows.map((r) => r.outcome)).toEqual(["OK", "OK", "OK", "OK", "OK", "ECHEC", "OK", "OK"]);
    expect(rows[5].errors[0].message).toContain("relevé final déjà reçu");
  });

  it("loses no reading when a session's records arrive together: each is decided again on what the others stored", async () => {
    const s = await makeGireveSetup({ powerKw: 22 });
    const [p] = s.points;
    const start = new Date(Math.floor(hoursAgo(6).getTime() / 60_000) * 60_000);
    const cdr = (nature: "final" | "intermediate", minutes: number, energy: number) =>
      chargeDetailRecord({
        operatorId: s.emi3OperatorId,
        evseId: p.evseId,
        sessionId: "S-9",
        nature,
        start: start.toISOString(),
        end: at(start, minutes),
        energy,
      });
    // Twelve readings and the final, all at once, in no order: every one answered 1 and kept.
    const minutes = Array.from({ length: 12 }, (_, i) => 5 * (i + 1));
    const answers = await Promise.all([...minutes.map((m) => send(s, cdr("intermediate", m, m * 100))), send(s, cdr("final", 65, 6500))]);
    expect(answers.map((a) => a.requestStatus)).toEqual(Array(13).fill(1));
    expect(await curve(s, "S-9")).toEqual({
      offsets: [0, ...minutes.map((m) => m * 60), 3900],
      values: [0, ...minutes.map((m) => m * 100), 6500],
      flags: [],
      energy: 6500,
    });
    expect((await charge(s, "S-9"))!.energy).toBe("6500");
    // One journal row per call, each with what it stored.
    const rows = await journal(s.operatorId, s.relay.id);
    expect(rows.filter((r) => r.outcome === "OK" && r.stored === 1)).toHaveLength(13);
  });

  it("flags a curve whose cumulative energy decreases, keeps the duplicate reading's first value, and never stores the user's identifier", async () => {
    const s = await makeGireveSetup();
    const [p] = s.points;
    const start = new Date(Math.floor(hoursAgo(8).getTime() / 60_000) * 60_000);
    const cdr = (minutes: number, energy: number) =>
      chargeDetailRecord({
        operatorId: s.emi3OperatorId,
        evseId: p.evseId,
        sessionId: "S-2",
        nature: "intermediate",
        start: start.toISOString(),
        end: at(start, minutes),
        energy,
        userId: "CAFE0123BADGE",
      });
    await send(s, cdr(5, 800));
    await send(s, cdr(10, 500));
    await send(s, cdr(15, 400));
    await send(s, cdr(5, 999));
    const c = await curve(s, "S-2");
    expect(c).toMatchObject({ values: [0, 800, 500, 400], energy: null });
    expect(c!.flags).toContain("index_decroissant");
    const [leak] = await query<{ n: number }>(
      `SELECT (SELECT count(*) FROM submission WHERE (warnings::text || errors::text) LIKE '%CAFE0123BADGE%')
            + (SELECT count(*) FROM load_curve WHERE transaction_id LIKE '%CAFE0123BADGE%') AS n`,
      [],
    );
    expect(Number(leak.n)).toBe(0);
  });

  it("refuses a record whose energy unit is unknown with a Fault naming the field", async () => {
    const s = await makeGireveSetup();
    const bad = chargeDetailRecord({
      operatorId: s.emi3OperatorId,
      evseId: s.points[0].evseId,
      sessionId: "S-3",
      nature: "final",
      start: hoursAgo(2).toISOString(),
      end: hoursAgo(1).toISOString(),
      energy: 5,
      energyUnit: "MWh",
    });
    const r = await send(s, bad);
    expect(r.status).toBe(400);
    expect(r.text).toContain("chargeDetailRecord/meterReportList/0/meterUnit : unité d&apos;énergie inconnue &quot;MWh&quot;");
    expect(await charge(s, "S-3")).toBeNull();
  });
});

describe("the envelope and the XML", () => {
  it("refuses external entities, entity expansion and oversized envelopes with a Fault, storing nothing", async () => {
    const s = await makeGireveSetup();
    const xxe = `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>&x;</soap:Body></soap:Envelope>`;
    const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>&b;</soap:Body></soap:Envelope>`;
    const huge = busyStatus({ operatorId: s.emi3OperatorId, evseId: s.points[0].evseId, at: hoursAgo(1).toISOString(), busy: 1 }).replace(
      "<soap:Header/>",
      `<soap:Header><pad>${"x".repeat(300 * 1024)}</pad></soap:Header>`,
    );
    for (const body of [xxe, laughs, huge]) {
      const r = await send(s, body);
      expect(r.status).toBe(400);
      expect(r.text).toContain("<soap:Fault>");
      expect(r.text).not.toContain("root:");
    }
    expect(await latest(s.points[0].chargePointId)).toBeNull();
    expect(await journal(null, s.relay.id)).toHaveLength(3);
  });

  it("answers SOAP 1.1, a wrong content type, another method and GET ?wsdl as the protocol says", async () => {
    const s = await makeGireveSetup();
    const v11 = await send(s, `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body/></e:Envelope>`);
    expect(v11.status).toBe(400);
    expect(v11.text).toContain("soap:VersionMismatch");
    const json = await postEnvelope(server.base, "{}", { auth: s.relay.auth, headers: { "Content-Type": "application/json" } });
    expect(json.status).toBe(400);
    expect(json.text).toContain("application/soap+xml");
    const put = await fetch(`${server.base}/api/gireve/emip`, { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("POST");
    const wsdl = await fetch(`${server.base}/api/gireve/emip?wsdl`, { redirect: "manual" });
    expect(wsdl.status).toBe(302);
    expect(wsdl.headers.get("location")).toBe("/api/gireve-emip.wsdl");
  });
});

describe("the relay's authentication", () => {
  it("asks for credentials, refuses a wrong secret and a revoked account, and accepts the account's certificate", async () => {
    const s = await makeGireveSetup();
    const xml = busyStatus({ operatorId: s.emi3OperatorId, evseId: s.points[0].evseId, at: hoursAgo(1).toISOString(), busy: 1 });
    const none = await postEnvelope(server.base, xml);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Basic");
    expect(none.text).toContain("<soap:Fault>");
    expect((await postEnvelope(server.base, xml, { auth: basicAuth(s.relay.username, "wrong") })).status).toBe(401);
    // Revoked after a successful call (its secret remembered): refused at once.
    expect((await send(s, xml)).status).toBe(200);
    // Revoked by the admin (this process forgets the secret at once).
    await revokeRelayAccount({ accountId: s.relay.id, actor: "test" });
    expect((await send(s, xml)).status).toBe(401);
    const fingerprint = randomBytes(32).toString("hex");
    const account = await createRelayAccount({ env: "production", certFingerprint: fingerprint.toUpperCase() }, { actor: "test" });
    await expect(authenticateRelay({ fingerprint, authorization: null, ip: "127.0.0.1" })).resolves.toMatchObject({ id: account.id, method: "certificate" });
    await expect(authenticateRelay({ fingerprint: randomBytes(32).toString("hex"), authorization: null, ip: "127.0.0.1" })).rejects.toMatchObject({
      status: 401,
    });
  });

  it("reads a remembered account again within seconds: a revocation made by another instance takes effect", async () => {
    const relay = await makeRelayAccount();
    const request = { fingerprint: null, authorization: relay.auth, ip: "127.0.0.1" };
    await expect(authenticateRelay(request)).resolves.toMatchObject({ id: relay.id });
    // Another instance of the portal revokes it (this process's memory is not told).
    await query(`UPDATE gireve_relay_account SET revoked_at = now() WHERE id = $1::uuid`, [relay.id]);
    await expect(authenticateRelay(request)).resolves.toMatchObject({ id: relay.id });
    const now = Date.now();
    const later = vi.spyOn(Date, "now").mockReturnValue(now + 6_000);
    try {
      await expect(authenticateRelay(request)).rejects.toMatchObject({ status: 401 });
    } finally {
      later.mockRestore();
    }
  });

  it("writes a sandbox relay's messages in the sandbox, apart from production", async () => {
    const s = await makeGireveSetup();
    const sandbox = await makeRelayAccount("sandbox");
    const xml = busyStatus({ operatorId: s.emi3OperatorId, evseId: s.points[0].evseId, at: hoursAgo(1).toISOString(), busy: 2 });
    expect((await postEnvelope(server.base, xml, { auth: sandbox.auth })).requestStatus).toBe(1);
    expect(await latest(s.points[0].chargePointId)).toBeNull();
    const [row] = await query<{ env: string }>(`SELECT env::text AS env FROM charge_point_status WHERE charge_point_id = $1::uuid`, [
      s.points[0].chargePointId,
    ]);
    expect(row.env).toBe("sandbox");
  });
});

describe("ambiguous and impossible records", () => {
  it("refuses a field given twice with two values and an energy beyond any measure, accepts an old record and a repeated identical field", async () => {
    const s = await makeGireveSetup();
    const [p] = s.points;
    const at = hoursAgo(1).toISOString();
    const twoEvses = busyStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at, busy: 1 }).replace(
      `<EVSEId>${p.evseId}</EVSEId>`,
      `<EVSEId>${p.evseId}</EVSEId><EVSEId>${s.points[1].evseId}</EVSEId>`,
    );
    const ambiguous = await send(s, twoEvses);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.text).toContain("eMIP_ToIOP_SetEVSEBusyStatusRequest/EVSEId : champ présent deux fois avec deux valeurs différentes");
    const sameTwice = busyStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at, busy: 1 }).replace(
      `<EVSEId>${p.evseId}</EVSEId>`,
      `<EVSEId>${p.evseId}</EVSEId><EVSEId>${p.evseId}</EVSEId>`,
    );
    expect((await send(s, sameTwice)).requestStatus).toBe(1);
    const record = (start: string, end: string, energy: string | number) =>
      chargeDetailRecord({ operatorId: s.emi3OperatorId, evseId: p.evseId, sessionId: `S-${start}`, nature: "final", start, end, energy: energy as number });
    const huge = await send(s, record(hoursAgo(3).toISOString(), hoursAgo(2).toISOString(), "99999999999999999999999"));
    expect(huge.status).toBe(400);
    expect(huge.text).toContain("énergie hors de toute mesure");
    // A 2023 session relayed late: stored (charges have no history partition to fit in).
    expect((await send(s, record("2023-06-01T08:00:00Z", "2023-06-01T09:00:00Z", 7000))).requestStatus).toBe(1);
    const tooOld = await send(s, record("2009-12-31T08:00:00Z", "2009-12-31T09:00:00Z", 7000));
    expect(tooOld.status).toBe(400);
    expect(tooOld.text).toContain("date antérieure au 1er janvier 2010");
  });
});
