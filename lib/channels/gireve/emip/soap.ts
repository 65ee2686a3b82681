import { child, escapeXml, readXml, XmlRefused, type XmlElement } from "@/lib/platform/xml/read-xml";

// SOAP 1.2 as eMIP uses it (../shared/docs/GIREVE-EMIP.md, "Transport"): an envelope with an
// empty header and one message in the body, dispatched on the local name of the body's root
// element; answers are envelopes holding the matching response, and a malformed envelope gets a
// SOAP 1.2 Fault.

export const SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
const SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";

export type FaultCode = "VersionMismatch" | "Sender" | "Receiver";

/** A SOAP Fault to answer (HTTP 400 for the sender's faults, 500 for ours). */
export class SoapFault extends Error {
  constructor(
    readonly code: FaultCode,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "SoapFault";
  }
}

/** The message in the envelope's body; SoapFault when the text is not a SOAP 1.2 envelope with one. */
export function openEnvelope(text: string): XmlElement {
  let envelope: XmlElement;
  try {
    envelope = readXml(text);
  } catch (e) {
    if (e instanceof XmlRefused)
      throw new SoapFault("Sender", e.reason === "malformed" ? `XML mal formé : ${e.message}` : `XML refusé (${e.reason}) : ${e.message}`);
    throw e;
  }
  if (envelope.local !== "Envelope") throw new SoapFault("Sender", "L'élément racine doit être soap:Envelope.");
  if (envelope.ns === SOAP11_NS) throw new SoapFault("VersionMismatch", "SOAP 1.1 n'est pas accepté : enveloppe SOAP 1.2 attendue.");
  if (envelope.ns !== SOAP12_NS) throw new SoapFault("VersionMismatch", `Espace de noms d'enveloppe inattendu : ${envelope.ns || "(aucun)"}.`);
  const body = child(envelope, "Body");
  if (!body || body.ns !== SOAP12_NS) throw new SoapFault("Sender", "Enveloppe sans soap:Body.");
  const messages = body.children;
  if (messages.length !== 1) throw new SoapFault("Sender", `soap:Body doit contenir exactement un message (${messages.length} reçus).`);
  return messages[0];
}

/** An envelope answering with `element` (its fields in order, values escaped). */
export function answerEnvelope(element: { name: string; ns: string; fields: [string, string | number | undefined][] }): string {
  const fields = element.fields
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`)
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP12_NS}"><soap:Header/><soap:Body>` +
    `<ns:${element.name} xmlns:ns="${escapeXml(element.ns)}">${fields}</ns:${element.name}>` +
    `</soap:Body></soap:Envelope>`
  );
}

/** A SOAP 1.2 Fault envelope. */
export function faultEnvelope(fault: SoapFault): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP12_NS}"><soap:Body><soap:Fault>` +
    `<soap:Code><soap:Value>soap:${fault.code}</soap:Value></soap:Code>` +
    `<soap:Reason><soap:Text xml:lang="fr">${escapeXml(fault.reason)}</soap:Text></soap:Reason>` +
    `</soap:Fault></soap:Body></soap:Envelope>`
  );
}
