import type { DataEnv } from "@/generated/prisma/enums";
import { AVAILABILITY, BUSY } from "@/lib/schemas/gireve-emip-codes";
import { METER_TYPE, type ChargeDetailRecordMessage } from "@/lib/schemas/gireve-emip";
import { MIN_TIMESTAMP_S } from "@/lib/schemas/advenir";
import type { RelayCallJournal, RelayStatus } from "@/lib/statuses/write-relay-status";
import { writeRelayStatusCoalesced } from "@/lib/statuses/coalesce-relay-status-writes";
import { recordChargeDetail, type ChargeDetail } from "@/lib/charges/record-charge-detail";
import { explainRefusal, recordUnknownEvse } from "@/lib/gireve-relay/relay-point";
import type { RelayPrincipal } from "@/lib/gireve-relay/authenticate-relay";
import { SoapFault } from "@/lib/channels/gireve/emip/soap";
import type { DecodedMessage } from "@/lib/channels/gireve/emip/decode-message";
import { REQUEST_STATUS, type RequestStatus } from "@/lib/channels/gireve/emip/request-status";

// One decoded eMIP message stored in the core (statuses: lib/statuses/write-relay-status.ts;
// charge detail records: lib/charges/record-charge-detail.ts) and what the relay is answered.
// A message about a point the relay may not report on stores nothing: the code says why, the EVSE
// is listed for the admin, and the call is journaled for the message's operator when it has one.

export interface MessageOutcome {
  requestStatus: RequestStatus;
  /** The portal operator the message concerns, when known (the journal's owner). */
  operatorId: string | null;
  /** Set when the journal row is still to be written (refusals); null when the write wrote it. */
  refusal: { chemin: string; message: string } | null;
}

/** Statuses before this are refused: the history's first partition (QualiCharge's floor). */
const FIRST_STATUS_DAY = { ms: Date.UTC(2024, 0, 1), label: "1er janvier 2024" };
/** A record before this is refused, as the ADVENIR door refuses such operations (2010-01-01). */
const FIRST_RECORD_DAY = { ms: MIN_TIMESTAMP_S * 1000, label: "1er janvier 2010" };
/** A status or record dated further ahead than this is impossible (clocks may drift a little). */
const FUTURE_TOLERANCE_MS = 60 * 60_000;
/** Beyond this an energy cannot be stored exactly (Wh in a float): impossible, not implausible (1,000 kWh and more are flagged). */
const MAX_STORABLE_WH = Number.MAX_SAFE_INTEGER;

function checkTime(at: Date, path: string, now: Date, floor = FIRST_STATUS_DAY): void {
  if (at.getTime() < floor.ms) throw new SoapFault("Sender", `${path} : date antérieure au ${floor.label}, non acceptée`);
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw new SoapFault("Sender", `${path} : date dans le futur (${at.toISOString()})`);
}

/** The status a status message carries (a synthetic one at the later of its two dates). */
export function statusOf(decoded: Exclude<DecodedMessage, { kind: "cdr" }>, now: Date): RelayStatus {
  const m = decoded.message;
  const base = { idPdcItinerance: m.EVSEId.irve, operatorCode: m.operatorId };
  switch (decoded.kind) {
    case "availability":
      checkTime(decoded.message.statusEventDate, `${decoded.root}/statusEventDate`, now);
      return { ...base, horodatage: decoded.message.statusEventDate, etatPdc: AVAILABILITY[decoded.message.availabilityStatus].etatPdc, occupationPdc: null };
    case "busy":
      checkTime(decoded.message.statusEventDate, `${decoded.root}/statusEventDate`, now);
      return { ...base, horodatage: decoded.message.statusEventDate, etatPdc: null, occupationPdc: BUSY[decoded.message.busyStatus].occupationPdc };
    case "synthetic": {
      const s = decoded.message;
      const dates = [s.availabilityStatusEventDate, s.busyStatusEventDate].filter((d): d is Date => d !== undefined);
      for (const d of dates)
        checkTime(d, `${decoded.root}/${d === s.availabilityStatusEventDate ? "availabilityStatusEventDate" : "busyStatusEventDate"}`, now);
      return {
        ...base,
        horodatage: new Date(Math.max(...dates.map((d) => d.getTime()))),
        etatPdc: s.availabilityStatus !== undefined ? AVAILABILITY[s.availabilityStatus].etatPdc : null,
        occupationPdc: s.busyStatus !== undefined ? BUSY[s.busyStatus].occupationPdc : null,
      };
    }
  }
}

/** Wh per unit of a meterReport's meterUnit (energy); none given: Wh, eMIP's unit. */
const ENERGY_UNITS: Record<string, number> = { "": 1, wh: 1, "w.h": 1, kwh: 1000, "kw.h": 1000 };

/** The record as the core stores it: its energy (meterTypeId 2) in Wh. */
export function chargeDetailOf(decoded: { root: string; message: ChargeDetailRecordMessage }, now: Date): ChargeDetail {
  const { message: m, root } = decoded;
  const r = m.chargeDetailRecord;
  const path = `${root}/chargeDetailRecord`;
  const index = r.meterReportList.findIndex((report) => report.meterTypeId === METER_TYPE.energy);
  if (index < 0) throw new SoapFault("Sender", `${path}/meterReportList : relevé d'énergie (meterTypeId ${METER_TYPE.energy}) manquant`);
  const report = r.meterReportList[index];
  const factor = ENERGY_UNITS[(report.meterUnit ?? "").toLowerCase()];
  if (factor === undefined)
    throw new SoapFault("Sender", `${path}/meterReportList/${index}/meterUnit : unité d'énergie inconnue ${JSON.stringify(report.meterUnit)} (Wh ou kWh)`);
  const energyWh = Math.round(report.meterValue * factor);
  if (energyWh < 0) throw new SoapFault("Sender", `${path}/meterReportList/${index}/meterValue : énergie négative`);
  if (energyWh > MAX_STORABLE_WH)
    throw new SoapFault("Sender", `${path}/meterReportList/${index}/meterValue : énergie hors de toute mesure (${report.meterValue})`);
  checkTime(r.startTime, `${path}/startTime`, now, FIRST_RECORD_DAY);
  checkTime(r.endTime, `${path}/endTime`, now, FIRST_RECORD_DAY);
  if (r.endTime.getTime() < r.startTime.getTime()) throw new SoapFault("Sender", `${path}/endTime : antérieure à startTime`);
  return {
    idPdcItinerance: r.EVSEId.irve,
    operatorCode: m.operatorId,
    serviceSessionId: r.serviceSessionId,
    nature: r.CDRNature,
    start: r.startTime,
    end: r.endTime,
    energyWh,
  };
}

/** Why the point is refused: the code, the operator concerned, and the EVSE listed for the admin. */
async function refused(env: DataEnv, evse: { irve: string; raw: string }, operatorCode: string, path: string): Promise<MessageOutcome> {
  const why = await explainRefusal(evse.irve, operatorCode);
  const operatorId = why.kind === "unknown-operator" ? null : why.operatorId;
  const message =
    why.kind === "unknown-operator"
      ? `opérateur ${operatorCode} inconnu du portail (aucune unité opérationnelle de ce code)`
      : why.kind === "foreign-operator"
        ? `EVSE ${evse.raw} déclaré par un autre opérateur que ${operatorCode}`
        : `EVSE ${evse.raw} inconnu : ${why.reason}`;
  await recordUnknownEvse({ env, evseId: evse.irve, rawEvseId: evse.raw, operatorCode, operatorId, reason: message });
  const requestStatus =
    why.kind === "unknown-operator"
      ? REQUEST_STATUS.unknownOperator
      : why.kind === "foreign-operator"
        ? REQUEST_STATUS.foreignOperator
        : REQUEST_STATUS.unknownEvse;
  return { requestStatus, operatorId, refusal: { chemin: path, message } };
}

export async function handleMessage(decoded: DecodedMessage, principal: RelayPrincipal, journal: RelayCallJournal, now = new Date()): Promise<MessageOutcome> {
  if (decoded.kind === "cdr") {
    const record = chargeDetailOf(decoded, now);
    const evse = decoded.message.chargeDetailRecord.EVSEId;
    const result = await recordChargeDetail({ record, env: principal.env, journal });
    switch (result.kind) {
      case "refused":
        return refused(principal.env, evse, record.operatorCode, `${decoded.root}/chargeDetailRecord/EVSEId`);
      case "closed":
        return {
          requestStatus: REQUEST_STATUS.unknownError,
          operatorId: null,
          refusal: { chemin: decoded.root, message: "programme clos : les données individuelles ont été purgées, plus rien n'est enregistré" },
        };
      case "conflict":
        return { requestStatus: REQUEST_STATUS.finalAlreadyReceived, operatorId: result.operatorId, refusal: null };
      default:
        return { requestStatus: REQUEST_STATUS.ok, operatorId: result.operatorId, refusal: null };
    }
  }
  const status = statusOf(decoded, now);
  const result = await writeRelayStatusCoalesced({ status, env: principal.env, journal });
  if (!result.written) return refused(principal.env, decoded.message.EVSEId, status.operatorCode, `${decoded.root}/EVSEId`);
  return { requestStatus: REQUEST_STATUS.ok, operatorId: result.operatorId, refusal: null };
}
