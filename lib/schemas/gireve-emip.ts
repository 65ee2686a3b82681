import { z } from "zod";
import { readIsoDatetime } from "@/lib/schemas/qualicharge-status";
import { AVAILABILITY, BUSY, readCode } from "@/lib/schemas/gireve-emip-codes";
import { readEvseId, readOperatorId } from "@/lib/schemas/gireve-emip-ids";

// eMIP's messages as the GIREVE channel receives them (../shared/docs/GIREVE-EMIP.md), once the
// envelope's fields are read as text by local name (lib/channels/gireve/emip/decode-message.ts).
// Messages in French, each issue with its field's path.

const text = (max: number) => z.string().trim().min(1, "champ obligatoire vide").max(max, `au plus ${max} caractères`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `au plus ${max} caractères`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** xs:dateTime; a value without a zone is UTC (the senders' convention, ADR 0022). */
export const xsDateTime = z.string().transform((value, ctx) => {
  const read = readIsoDatetime(value.trim());
  if (!read) {
    ctx.addIssue({ code: "custom", message: `date-heure illisible : ${JSON.stringify(value)} (xs:dateTime attendu)` });
    return z.NEVER;
  }
  return read.instant;
});

const evseId = z.string().transform((value, ctx) => {
  const id = readEvseId(value);
  if (!id) {
    ctx.addIssue({ code: "custom", message: `identifiant d'EVSE eMI3 invalide : ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return id;
});

const operatorId = z.string().transform((value, ctx) => {
  const id = readOperatorId(value);
  if (!id) {
    ctx.addIssue({ code: "custom", message: `identifiant d'opérateur eMI3 invalide : ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return id;
});

function code<T extends Record<number, { name: string }>>(table: T, label: string) {
  return z.string().transform((value, ctx) => {
    const c = readCode(table, value);
    if (c === null) {
      ctx.addIssue({ code: "custom", message: `${label} inconnu : ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return c;
  });
}

const common = {
  transactionId: optionalText(100),
  partnerIdType: optionalText(20),
  partnerId: operatorId,
  operatorIdType: optionalText(20),
  operatorId,
  EVSEIdType: optionalText(20),
  EVSEId: evseId,
};

export const availabilityStatusMessage = z.object({
  ...common,
  statusEventDate: xsDateTime,
  availabilityStatus: code(AVAILABILITY, "code de disponibilité"),
  availabilityStatusUntil: xsDateTime.optional(),
  availabilityStatusComment: optionalText(1000),
});

export const busyStatusMessage = z.object({
  ...common,
  statusEventDate: xsDateTime,
  busyStatus: code(BUSY, "code d'occupation"),
  busyStatusUntil: xsDateTime.optional(),
  busyStatusComment: optionalText(1000),
});

export const syntheticStatusMessage = z
  .object({
    ...common,
    availabilityStatus: code(AVAILABILITY, "code de disponibilité").optional(),
    availabilityStatusEventDate: xsDateTime.optional(),
    busyStatus: code(BUSY, "code d'occupation").optional(),
    busyStatusEventDate: xsDateTime.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.availabilityStatus === undefined && m.busyStatus === undefined)
      ctx.addIssue({ code: "custom", path: ["availabilityStatus"], message: "ni disponibilité ni occupation : rien à enregistrer" });
    if (m.availabilityStatus !== undefined && !m.availabilityStatusEventDate)
      ctx.addIssue({ code: "custom", path: ["availabilityStatusEventDate"], message: "date de la disponibilité manquante" });
    if (m.busyStatus !== undefined && !m.busyStatusEventDate)
      ctx.addIssue({ code: "custom", path: ["busyStatusEventDate"], message: "date de l'occupation manquante" });
  });

/** Meter types of a record's meterReport (energy: type 2, cumulated since the session's start). */
export const METER_TYPE = { duration: "1", energy: "2" } as const;

const meterReport = z.object({
  meterTypeId: text(10),
  meterValue: z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, "nombre décimal attendu (séparateur « . »)")
    .transform(Number),
  meterUnit: optionalText(20),
});

export const chargeDetailRecord = z.object({
  CDRNature: z.enum(["1", "2"], { message: "CDRNature : 1 (final) ou 2 (intermédiaire) attendu" }).transform((v) => (v === "1" ? "final" : "intermediate")),
  serviceSessionId: text(100),
  execPartnerSessionId: optionalText(100),
  execPartnerOperatorId: optionalText(20),
  salePartnerSessionId: optionalText(100),
  salePartnerOperatorId: optionalText(20),
  requestedServiceId: optionalText(100),
  EVSEIdType: optionalText(20),
  EVSEId: evseId,
  // userIdType, userId, userContractIdAlias: personal data, read by nobody and never stored.
  partnerProductId: optionalText(100),
  startTime: xsDateTime,
  endTime: xsDateTime,
  meterReportList: z.array(meterReport).max(200, "au plus 200 relevés"),
});

export const chargeDetailRecordMessage = z.object({
  transactionId: optionalText(100),
  partnerIdType: optionalText(20),
  partnerId: operatorId,
  operatorIdType: optionalText(20),
  operatorId,
  chargeDetailRecord,
});

export type AvailabilityStatusMessage = z.infer<typeof availabilityStatusMessage>;
export type BusyStatusMessage = z.infer<typeof busyStatusMessage>;
export type SyntheticStatusMessage = z.infer<typeof syntheticStatusMessage>;
export type ChargeDetailRecordMessage = z.infer<typeof chargeDetailRecordMessage>;
