// eMIP envelopes as GIREVE's relay sends them (../shared/docs/GIREVE-EMIP.md): SOAP 1.2, the
// body's root namespace-qualified, its children not. For tests, the simulator and the bench.

export const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
export const DYNAMIC_NS = "https://api-iop.gireve.com/schemas/EVCIDynamicV1/";
export const AUTHORISATION_NS = "https://api-iop.gireve.com/schemas/AuthorisationV1/";

interface Fields {
  [name: string]: string | number | undefined | Fields | Fields[];
}

function xmlOf(fields: Fields): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      if (Array.isArray(v)) return v.map((item) => `<${k}>${xmlOf(item)}</${k}>`).join("");
      if (typeof v === "object") return `<${k}>${xmlOf(v as Fields)}</${k}>`;
      return `<${k}>${String(v).replace(/&/g, "&amp;").replace(/</g, "&lt;")}</${k}>`;
    })
    .join("");
}

/** A SOAP 1.2 envelope holding one eMIP message. */
export function envelope(root: string, ns: string, fields: Fields): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP12}"><soap:Header/><soap:Body>` +
    `<m:${root} xmlns:m="${ns}">${xmlOf(fields)}</m:${root}>` +
    `</soap:Body></soap:Envelope>`
  );
}

export function busyStatus(f: { operatorId: string; evseId: string; at: string; busy: string | number; transactionId?: string; partnerId?: string }): string {
  return envelope("eMIP_ToIOP_SetEVSEBusyStatusRequest", DYNAMIC_NS, {
    transactionId: f.transactionId,
    partnerIdType: "eMI3",
    partnerId: f.partnerId ?? f.operatorId,
    operatorIdType: "eMI3",
    operatorId: f.operatorId,
    EVSEIdType: "eMI3",
    EVSEId: f.evseId,
    statusEventDate: f.at,
    busyStatus: f.busy,
  });
}

export function availabilityStatus(f: { operatorId: string; evseId: string; at: string; availability: string | number; transactionId?: string }): string {
  return envelope("eMIP_ToIOP_SetEVSEAvailabilityStatusRequest", DYNAMIC_NS, {
    transactionId: f.transactionId,
    partnerIdType: "eMI3",
    partnerId: f.operatorId,
    operatorIdType: "eMI3",
    operatorId: f.operatorId,
    EVSEIdType: "eMI3",
    EVSEId: f.evseId,
    statusEventDate: f.at,
    availabilityStatus: f.availability,
  });
}

export function chargeDetailRecord(f: {
  operatorId: string;
  evseId: string;
  sessionId: string;
  nature: "final" | "intermediate";
  start: string;
  end: string;
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
