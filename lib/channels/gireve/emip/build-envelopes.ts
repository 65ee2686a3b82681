import { escapeXml } from "@/lib/platform/xml/read-xml";

// eMIP envelopes as GIREVE's relay sends them (../shared/docs/GIREVE-EMIP.md): SOAP 1.2, the
// body's root namespace-qualified, its children not. Used by the relay simulator
// (lib/channels/gireve/simulate/), the bench and the tests (tests/support/gireve/envelopes.ts).

export const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
export const DYNAMIC_NS = "https://api-iop.gireve.com/schemas/EVCIDynamicV1/";
export const AUTHORISATION_NS = "https://api-iop.gireve.com/schemas/AuthorisationV1/";

export interface Fields {
  [name: string]: string | number | undefined | Fields | Fields[];
}

function xmlOf(fields: Fields): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      if (Array.isArray(v)) return v.map((item) => `<${k}>${xmlOf(item)}</${k}>`).join("");
      if (typeof v === "object") return `<${k}>${xmlOf(v as Fields)}</${k}>`;
      return `<${k}>${escapeXml(String(v))}</${k}>`;
    })
    .join("");
}

/** A SOAP 1.2 envelope holding one eMIP message (fields in the given order, undefined ones left out). */
export function envelope(root: string, ns: string, fields: Fields): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP12}"><soap:Header/><soap:Body>` +
    `<m:${root} xmlns:m="${ns}">${xmlOf(fields)}</m:${root}>` +
    `</soap:Body></soap:Envelope>`
  );
}

interface StatusCommon {
  operatorId: string;
  evseId: string;
  transactionId?: string;
  /** The sender; the operator itself by default. */
  partnerId?: string;
}

function header(f: StatusCommon): Fields {
  return {
    transactionId: f.transactionId,
    partnerIdType: "eMI3",
    partnerId: f.partnerId ?? f.operatorId,
    operatorIdType: "eMI3",
    operatorId: f.operatorId,
    EVSEIdType: "eMI3",
    EVSEId: f.evseId,
  };
}

/** eMIP_ToIOP_SetEVSEBusyStatusRequest: 1 free, 2 busy, 3 reserved. */
export function busyStatus(f: StatusCommon & { at: string; busy: string | number }): string {
  return envelope("eMIP_ToIOP_SetEVSEBusyStatusRequest", DYNAMIC_NS, { ...header(f), statusEventDate: f.at, busyStatus: f.busy });
}

/** eMIP_ToIOP_SetEVSEAvailabilityStatusRequest: 1 out of order, 2 in service, 3 future, 4 deleted. */
export function availabilityStatus(f: StatusCommon & { at: string; availability: string | number }): string {
  return envelope("eMIP_ToIOP_SetEVSEAvailabilityStatusRequest", DYNAMIC_NS, { ...header(f), statusEventDate: f.at, availabilityStatus: f.availability });
}

/** eMIP_ToIOP_SetEVSESyntheticStatusRequest: availability and busy status at once, each optional. */
export function syntheticStatus(
  f: StatusCommon & { availability?: string | number; availabilityAt?: string; busy?: string | number; busyAt?: string },
): string {
  return envelope("eMIP_ToIOP_SetEVSESyntheticStatusRequest", DYNAMIC_NS, {
    ...header(f),
    availabilityStatus: f.availability,
    availabilityStatusEventDate: f.availabilityAt,
    busyStatus: f.busy,
    busyStatusEventDate: f.busyAt,
  });
}

/** A charge detail record (CDRNature 1 final, 2 intermediate) with its total energy (meter type 2). */
export function chargeDetailRecord(f: {
  operatorId: string;
  evseId: string;
  sessionId: string;
  nature: "final" | "intermediate";
  start: string;
  /** For an intermediate record, the time of its meter reading. */
  end: string;
  /** Energy since the session's start, in `energyUnit` (Wh by default). */
  energy: number;
  energyUnit?: string;
  userId?: string;
  transactionId?: string;
}): string {
  return envelope("eMIP_FromIOP_SetChargeDetailRecordRequest", AUTHORISATION_NS, {
    transactionId: f.transactionId,
    partnerIdType: "eMI3",
    partnerId: f.operatorId,
    operatorIdType: "eMI3",
    operatorId: f.operatorId,
    chargeDetailRecord: {
      CDRNature: f.nature === "final" ? 1 : 2,
      serviceSessionId: f.sessionId,
      requestedServiceId: "Charge",
      EVSEIdType: "eMI3",
      EVSEId: f.evseId,
      userIdType: "UID",
      userId: f.userId ?? "04A2B3C4D5E6F7",
      startTime: f.start,
      endTime: f.end,
      meterReportList: { meterReport: [{ meterTypeId: 2, meterValue: f.energy, meterUnit: f.energyUnit ?? "Wh" }] },
    },
  });
}
