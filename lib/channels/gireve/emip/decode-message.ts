import type { z } from "zod";
import type { XmlElement } from "@/lib/platform/xml/read-xml";
import {
  availabilityStatusMessage,
  busyStatusMessage,
  chargeDetailRecordMessage,
  syntheticStatusMessage,
  type AvailabilityStatusMessage,
  type BusyStatusMessage,
  type ChargeDetailRecordMessage,
  type SyntheticStatusMessage,
} from "@/lib/schemas/gireve-emip";
import { SoapFault } from "@/lib/channels/gireve/emip/soap";

// The body's message, dispatched on its root's local name (with or without eMIP's ToIOP/FromIOP
// prefix, since senders and GIREVE's relay name the same message both ways), its fields read as
// text by local name and validated (lib/schemas/gireve-emip.ts). A message that cannot be read
// is a SOAP Fault naming the offending field's path.

export type DecodedMessage =
  | { kind: "availability"; root: string; message: AvailabilityStatusMessage }
  | { kind: "busy"; root: string; message: BusyStatusMessage }
  | { kind: "synthetic"; root: string; message: SyntheticStatusMessage }
  | { kind: "cdr"; root: string; message: ChargeDetailRecordMessage };

const KINDS = {
  SetEVSEAvailabilityStatusRequest: "availability",
  SetEVSEBusyStatusRequest: "busy",
  SetEVSESyntheticStatusRequest: "synthetic",
  SetChargeDetailRecordRequest: "cdr",
} as const;

/** The message's name without eMIP's direction prefix. */
export function messageName(local: string): string {
  return local.replace(/^eMIP_(?:ToIOP|FromIOP)_/, "");
}

/**
 * Leaf children as text, by local name. A field given twice with the same text is one field; with
 * two different texts it is ambiguous (which one did the sender mean?) and refused, never resolved
 * by taking the first or the last.
 */
function leaves(element: XmlElement, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of element.children) {
    if (c.children.length > 0) continue;
    if (c.local in out && out[c.local] !== c.text)
      throw new SoapFault("Sender", `${path}/${c.local} : champ présent deux fois avec deux valeurs différentes (ambigu)`);
    out[c.local] = c.text;
  }
  return out;
}

/** The one child of that name; two are ambiguous. */
function single(parent: XmlElement, local: string, path: string): XmlElement | undefined {
  const found = parent.children.filter((c) => c.local === local);
  if (found.length > 1) throw new SoapFault("Sender", `${path}/${local} : élément présent ${found.length} fois, une seule fois attendu (ambigu)`);
  return found[0];
}

function fieldsOf(root: XmlElement, kind: DecodedMessage["kind"]): Record<string, unknown> {
  const fields: Record<string, unknown> = leaves(root, root.local);
  if (kind !== "cdr") return fields;
  const path = `${root.local}/chargeDetailRecord`;
  const record = single(root, "chargeDetailRecord", root.local);
  if (!record) return fields;
  const list = single(record, "meterReportList", path);
  fields.chargeDetailRecord = {
    ...leaves(record, path),
    meterReportList: (list?.children ?? []).filter((c) => c.local === "meterReport").map((r, i) => leaves(r, `${path}/meterReportList/${i}`)),
  };
  return fields;
}

function fault(root: string, error: z.ZodError): SoapFault {
  const issue = error.issues[0];
  const path = [root, ...issue.path.map(String)].join("/");
  const message = issue.code === "invalid_type" && issue.input === undefined ? "champ obligatoire manquant" : issue.message;
  return new SoapFault("Sender", `${path} : ${message}`);
}

/** The fields validated by `schema`, or the Fault naming the first offending field. */
function validated<T>(schema: z.ZodType<T, unknown>, root: XmlElement, fields: Record<string, unknown>): T {
  const parsed = schema.safeParse(fields, { reportInput: true });
  if (!parsed.success) throw fault(root.local, parsed.error);
  return parsed.data;
}

export function decodeMessage(root: XmlElement): DecodedMessage {
  const name = messageName(root.local);
  const kind = KINDS[name as keyof typeof KINDS];
  if (!kind) throw new SoapFault("Sender", `Message eMIP inconnu : ${root.local}.`);
  const fields = fieldsOf(root, kind);
  switch (kind) {
    case "availability":
      return { kind, root: root.local, message: validated(availabilityStatusMessage, root, fields) };
    case "busy":
      return { kind, root: root.local, message: validated(busyStatusMessage, root, fields) };
    case "synthetic":
      return { kind, root: root.local, message: validated(syntheticStatusMessage, root, fields) };
    case "cdr":
      return { kind, root: root.local, message: validated(chargeDetailRecordMessage, root, fields) };
  }
}
