import { describe, expect, it } from "vitest";
import { readEvseId, readOperatorId } from "@/lib/schemas/gireve-emip-ids";
import { AVAILABILITY, BUSY, readCode } from "@/lib/schemas/gireve-emip-codes";
import { openEnvelope, SoapFault, answerEnvelope, faultEnvelope } from "@/lib/channels/gireve/emip/soap";
import { decodeMessage } from "@/lib/channels/gireve/emip/decode-message";
import { readXml } from "@/lib/platform/xml/read-xml";
import { availabilityStatus, busyStatus, chargeDetailRecord, envelope, DYNAMIC_NS } from "@/tests/support/gireve/envelopes";

const decode = (text: string) => decodeMessage(openEnvelope(text));

function faultOf(text: string): SoapFault {
  try {
    decode(text);
  } catch (e) {
    if (e instanceof SoapFault) return e;
    throw e;
  }
  throw new Error("no fault");
}

describe("eMIP identifiers and codes", () => {
  it("normalises star-separated and plain EVSE ids to the IRVE form, and refuses others", () => {
    expect(readEvseId("FR*A68*E680210015")).toEqual({ raw: "FR*A68*E680210015", irve: "FRA68E680210015", operator: "FRA68" });
    expect(readEvseId("FRA68E680210015")?.irve).toBe("FRA68E680210015");
    expect(readEvseId("fr*a68*e68*021*0015")?.irve).toBe("FRA68E680210015");
    expect(readEvseId("FR*A68E*1")?.irve).toBe("FRA68E1");
    for (const bad of ["", "FR*A68", "F*A68*E1", "FR*A6*E1", "FR*A68*X1", "FR-A68-E1", `FR*A68*E${"1".repeat(31)}`, "FR*A68*E**"])
      expect(readEvseId(bad)).toBeNull();
    expect(readOperatorId("FR*A68")).toBe("FRA68");
    expect(readOperatorId("fra68")).toBe("FRA68");
    expect(readOperatorId("FR*A6")).toBeNull();
  });

  it("reads status codes as numbers or names", () => {
    expect(readCode(AVAILABILITY, "2")).toBe(2);
    expect(readCode(AVAILABILITY, " outoforder ")).toBe(1);
    expect(readCode(AVAILABILITY, "5")).toBeNull();
    expect(readCode(BUSY, "Reserved")).toBe(3);
    expect(readCode(BUSY, "0")).toBeNull();
    expect(readCode(BUSY, "busy!")).toBeNull();
  });
});

describe("eMIP envelopes and messages", () => {
  it("decodes a busy status, with or without the direction prefix; a date without zone is UTC", () => {
    const m = decode(busyStatus({ operatorId: "FR*A68", evseId: "FR*A68*E1", at: "2026-12-01T10:00:00", busy: 2, transactionId: "t-1" }));
    expect(m).toMatchObject({ kind: "busy", root: "eMIP_ToIOP_SetEVSEBusyStatusRequest" });
    if (m.kind !== "busy") throw new Error(m.kind);
    expect(m.message).toMatchObject({ transactionId: "t-1", operatorId: "FRA68", partnerId: "FRA68", busyStatus: 2, EVSEId: { irve: "FRA68E1" } });
    expect(m.message.statusEventDate.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    const bare = envelope("SetEVSEBusyStatusRequest", DYNAMIC_NS, {
      partnerId: "FRA68",
      operatorId: "FRA68",
      EVSEId: "FRA68E1",
      statusEventDate: "2026-12-01T11:00:00+01:00",
      busyStatus: "Free",
    });
    const b = decode(bare);
    expect(b.kind).toBe("busy");
    if (b.kind === "busy") expect([b.message.busyStatus, b.message.statusEventDate.toISOString()]).toEqual([1, "2026-12-01T10:00:00.000Z"]);
  });

  it("decodes availability, synthetic statuses and charge detail records, without the user's id", () => {
    const a = decode(availabilityStatus({ operatorId: "FR*A68", evseId: "FR*A68*E1", at: "2026-12-01T10:00:00Z", availability: "InService" }));
    expect(a.kind === "availability" && a.message.availabilityStatus).toBe(2);
    const s = decode(
      envelope("eMIP_ToIOP_SetEVSESyntheticStatusRequest", DYNAMIC_NS, {
        partnerId: "FR*A68",
        operatorId: "FR*A68",
        EVSEId: "FR*A68*E1",
        availabilityStatus: 1,
        availabilityStatusEventDate: "2026-12-01T09:00:00Z",
        busyStatus: 1,
        busyStatusEventDate: "2026-12-01T09:30:00Z",
      }),
    );
    expect(s.kind === "synthetic" && [s.message.availabilityStatus, s.message.busyStatus]).toEqual([1, 1]);
    const c = decode(
      chargeDetailRecord({
        operatorId: "FR*A68",
        evseId: "FR*A68*E1",
        sessionId: "S-1",
        nature: "intermediate",
        start: "2026-12-01T08:00:00Z",
        end: "2026-12-01T08:05:00Z",
        energy: 1.5,
        energyUnit: "kWh",
      }),
    );
    if (c.kind !== "cdr") throw new Error(c.kind);
    expect(c.message.chargeDetailRecord).toMatchObject({
      CDRNature: "intermediate",
      serviceSessionId: "S-1",
      meterReportList: [{ meterTypeId: "2", meterValue: 1.5, meterUnit: "kWh" }],
    });
    expect(JSON.stringify(c.message)).not.toContain("04A2B3C4D5E6F7");
  });

  it("answers faults naming the envelope's problem or the field's path", () => {
    expect(faultOf(`<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body/></e:Envelope>`).code).toBe("VersionMismatch");
    expect(faultOf(`<r/>`).reason).toMatch(/soap:Envelope/);
    expect(faultOf(`<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body/></soap:Envelope>`).reason).toMatch(/exactement un message/);
    expect(faultOf(envelope("eMIP_ToIOP_PullEVSEDataRequest", DYNAMIC_NS, {})).reason).toMatch(/Message eMIP inconnu/);
    const missing = faultOf(
      envelope("eMIP_ToIOP_SetEVSEBusyStatusRequest", DYNAMIC_NS, {
        partnerId: "FRA68",
        operatorId: "FRA68",
        statusEventDate: "2026-12-01T10:00:00Z",
        busyStatus: 1,
      }),
    );
    expect(missing.reason).toBe("eMIP_ToIOP_SetEVSEBusyStatusRequest/EVSEId : champ obligatoire manquant");
    expect(faultOf(busyStatus({ operatorId: "FRA68", evseId: "FRA68E1", at: "hier", busy: 1 })).reason).toMatch(/statusEventDate : date-heure illisible/);
    expect(faultOf(busyStatus({ operatorId: "FRA68", evseId: "FRA68E1", at: "2026-12-01T10:00:00Z", busy: 9 })).reason).toMatch(
      /busyStatus : code d'occupation inconnu/,
    );
    expect(faultOf(busyStatus({ operatorId: "FRA68", evseId: "X1", at: "2026-12-01T10:00:00Z", busy: 1 })).reason).toMatch(
      /EVSEId : identifiant d'EVSE eMI3 invalide/,
    );
    expect(faultOf(`<!DOCTYPE r [<!ENTITY x "y">]><r/>`).reason).toMatch(/doctype/);
  });

  it("writes answers and faults that read back as SOAP 1.2", () => {
    const answer = readXml(
      answerEnvelope({
        name: "eMIP_ToIOP_SetEVSEBusyStatusResponse",
        ns: DYNAMIC_NS,
        fields: [
          ["transactionId", "a<b"],
          ["requestStatus", 1],
          ["serviceSessionId", undefined],
        ],
      }),
    );
    const response = answer.children[1].children[0];
    expect([response.local, response.ns, response.children.map((c) => [c.local, c.text])]).toEqual([
      "eMIP_ToIOP_SetEVSEBusyStatusResponse",
      DYNAMIC_NS,
      [
        ["transactionId", "a<b"],
        ["requestStatus", "1"],
      ],
    ]);
    const fault = readXml(faultEnvelope(new SoapFault("Sender", "x & y")));
    expect(fault.children[0].children[0].local).toBe("Fault");
  });
});
