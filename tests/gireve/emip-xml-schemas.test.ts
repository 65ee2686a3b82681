import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { readXml, type XmlElement } from "@/lib/platform/xml/read-xml";
import { availabilityStatusMessage, busyStatusMessage, chargeDetailRecord, chargeDetailRecordMessage, syntheticStatusMessage } from "@/lib/schemas/gireve-emip";
import { AVAILABILITY, BUSY } from "@/lib/schemas/gireve-emip-codes";
import { openEnvelope, SoapFault } from "@/lib/channels/gireve/emip/soap";
import { decodeMessage, messageName } from "@/lib/channels/gireve/emip/decode-message";
import {
  AUTHORISATION_NS,
  DYNAMIC_NS,
  SOAP12,
  availabilityStatus,
  busyStatus,
  chargeDetailRecord as cdrEnvelope,
  envelope,
} from "@/tests/support/gireve/envelopes";

// The published XML Schemas and WSDL of the GIREVE endpoint (public/api/gireve-emip*.xsd,
// gireve-emip.wsdl, docs/api-gireve.md) say what the reader (lib/schemas/gireve-emip.ts,
// lib/channels/gireve/emip/) accepts: the same fields, the same required ones, the same message
// names, the same codes. Read with the portal's own XML reader. Validating envelopes against the
// schemas needs a schema validator (xmllint), which is no dependency of the portal: that check is
// done by hand when the schemas change (docs/api-gireve.md, "Schémas").

const API = path.resolve(import.meta.dirname, "../../public/api");
const XS = "http://www.w3.org/2001/XMLSchema";
const WSDL = "http://schemas.xmlsoap.org/wsdl/";
const SOAP12_BINDING = "http://schemas.xmlsoap.org/wsdl/soap12/";

function read(file: string): XmlElement {
  return readXml(readFileSync(path.join(API, file), "utf8"), undefined, { attributes: true });
}

const attr = (e: XmlElement, name: string) => e.attributes?.[name];
const kids = (e: XmlElement, ns: string, local: string) => e.children.filter((c) => c.ns === ns && c.local === local);
function descendants(e: XmlElement, ns: string, local: string): XmlElement[] {
  return e.children.flatMap((c) => [...(c.ns === ns && c.local === local ? [c] : []), ...descendants(c, ns, local)]);
}

const dynamic = read("gireve-emip-dynamic.xsd");
const authorisation = read("gireve-emip-authorisation.xsd");
const soapProfile = read("gireve-emip.xsd");
const wsdl = read("gireve-emip.wsdl");

/** The local elements a named complex type declares: name → { optional, type }. */
function declared(schema: XmlElement, typeName: string): Record<string, { optional: boolean; type: string }> {
  const type = kids(schema, XS, "complexType").find((t) => attr(t, "name") === typeName);
  if (!type) throw new Error(`complexType ${typeName} not declared`);
  const out: Record<string, { optional: boolean; type: string }> = {};
  for (const el of descendants(type, XS, "element")) out[attr(el, "name")!] = { optional: attr(el, "minOccurs") === "0", type: attr(el, "type")! };
  return out;
}

const globals = (schema: XmlElement) => Object.fromEntries(kids(schema, XS, "element").map((e) => [attr(e, "name")!, attr(e, "type")!]));

/** Field name → optional, as the reader sees it (a field it leaves undefined is optional). */
function readerFields(schema: z.ZodObject): Record<string, boolean> {
  return Object.fromEntries(Object.entries(schema.shape).map(([k, s]) => [k, (s as z.ZodType).safeParse(undefined).success]));
}

// Accepted by the endpoint and never read (the XSD says so and types them xs:anyType).
const IGNORED_SYNTHETIC = ["availabilityStatusUntil", "availabilityStatusComment", "busyStatusUntil", "busyStatusComment"];
const IGNORED_RECORD = ["userIdType", "userId", "userContractIdAlias"];

const MESSAGES: { schema: XmlElement; type: string; reader: unknown; ignored: readonly string[] }[] = [
  { schema: dynamic, type: "SetEVSEAvailabilityStatusRequest", reader: availabilityStatusMessage, ignored: [] },
  { schema: dynamic, type: "SetEVSEBusyStatusRequest", reader: busyStatusMessage, ignored: [] },
  { schema: dynamic, type: "SetEVSESyntheticStatusRequest", reader: syntheticStatusMessage, ignored: IGNORED_SYNTHETIC },
  { schema: authorisation, type: "SetChargeDetailRecordRequest", reader: chargeDetailRecordMessage, ignored: [] },
  { schema: authorisation, type: "ChargeDetailRecord", reader: chargeDetailRecord, ignored: IGNORED_RECORD },
  { schema: authorisation, type: "MeterReport", reader: chargeDetailRecord.shape.meterReportList.element, ignored: [] },
];

describe("the GIREVE endpoint's XML Schemas", () => {
  it.each(MESSAGES.map((m) => [m.type, m] as const))("%s declares exactly the fields the reader reads, required alike", (_, m) => {
    const xsd = declared(m.schema, m.type);
    const reader = readerFields(m.reader as z.ZodObject);
    // The reader is given an empty list when a record has no meterReportList (decode-message.ts).
    if ("meterReportList" in reader) reader.meterReportList = true;
    for (const name of m.ignored) {
      expect(xsd[name], name).toEqual({ optional: true, type: "xs:anyType" });
      expect(reader[name], name).toBeUndefined();
    }
    const declaredRead = Object.fromEntries(Object.entries(xsd).filter(([k]) => !m.ignored.includes(k)));
    expect(Object.fromEntries(Object.entries(declaredRead).map(([k, v]) => [k, v.optional]))).toEqual(reader);
  });

  it("declares each message under the three names the endpoint dispatches, and its answer named alike", () => {
    const byKind = {
      SetEVSEAvailabilityStatusRequest: dynamic,
      SetEVSEBusyStatusRequest: dynamic,
      SetEVSESyntheticStatusRequest: dynamic,
      SetChargeDetailRecordRequest: authorisation,
    };
    const requests: string[] = [];
    for (const [name, schema] of Object.entries(byKind)) {
      const g = globals(schema);
      for (const prefix of ["eMIP_ToIOP_", "eMIP_FromIOP_", ""]) {
        const request = `${prefix}${name}`;
        requests.push(request);
        expect(g[request], request).toMatch(new RegExp(`^(dyn|auth):${name}$`));
        expect(g[request.replace(/Request$/, "Response")], request).toBeDefined();
        // The endpoint dispatches it: a root of that name reaches the field checks, not "unknown message".
        expect(messageName(request)).toBe(name);
        expect(() => decodeMessage({ ns: "", local: request, children: [], text: "" })).toThrow(/champ obligatoire manquant/);
      }
      // Nothing else is declared as a request.
      expect(
        Object.keys(g)
          .filter((n) => n.endsWith("Request") && messageName(n) === name)
          .sort(),
      ).toEqual(requests.filter((r) => r.endsWith(name)).sort());
    }
    // The envelope's profile admits exactly those twelve in its body.
    const body = descendants(soapProfile, XS, "element").find((e) => attr(e, "name") === "Body")!;
    const refs = descendants(body, XS, "element").map((e) => attr(e, "ref")!.replace(/^\w+:/, ""));
    expect(refs.sort()).toEqual(requests.sort());
    expect(attr(soapProfile, "targetNamespace")).toBe(SOAP12);
    expect(attr(dynamic, "targetNamespace")).toBe(DYNAMIC_NS);
    expect(attr(authorisation, "targetNamespace")).toBe(AUTHORISATION_NS);
  });

  it("spells the status codes as the reader's tables: numbers (leading zeros allowed) or names in any case", () => {
    const pattern = (name: string) => {
      const type = kids(dynamic, XS, "simpleType").find((t) => attr(t, "name") === name)!;
      return attr(descendants(type, XS, "pattern")[0], "value");
    };
    const expected = (table: Record<number, { name: string }>) =>
      [
        `0*[1-${Object.keys(table).length}]`,
        ...Object.values(table).map((e) => [...e.name].map((c) => `[${c.toUpperCase()}${c.toLowerCase()}]`).join("")),
      ].join("|");
    expect(pattern("AvailabilityStatus")).toBe(expected(AVAILABILITY));
    expect(pattern("BusyStatus")).toBe(expected(BUSY));
  });

  it("declares every field the test envelopes send (tests/support/gireve/envelopes.ts), and the reader accepts them", () => {
    const at = "2026-03-01T10:00:00";
    const cases = [
      {
        xml: busyStatus({ operatorId: "FR*A68", evseId: "FR*A68*E680210015", at, busy: 2, transactionId: "T-1" }),
        schema: dynamic,
        type: "SetEVSEBusyStatusRequest",
      },
      {
        xml: availabilityStatus({ operatorId: "FR*A68", evseId: "FR*A68*E680210015", at, availability: "InService" }),
        schema: dynamic,
        type: "SetEVSEAvailabilityStatusRequest",
      },
      {
        xml: cdrEnvelope({
          operatorId: "FR*A68",
          evseId: "FR*A68*E680210015",
          sessionId: "S-1",
          nature: "final",
          start: `${at}Z`,
          end: "2026-03-01T11:00:00Z",
          energy: 12.3,
          energyUnit: "kWh",
        }),
        schema: authorisation,
        type: "SetChargeDetailRecordRequest",
      },
      {
        xml: envelope("eMIP_ToIOP_SetEVSESyntheticStatusRequest", DYNAMIC_NS, {
          partnerId: "FR*A68",
          operatorId: "FR*A68",
          EVSEId: "FR*A68*E1",
          busyStatusEventDate: at,
          busyStatus: 1,
        }),
        schema: dynamic,
        type: "SetEVSESyntheticStatusRequest",
      },
    ];
    for (const c of cases) {
      const root = openEnvelope(c.xml);
      expect(() => decodeMessage(root)).not.toThrow();
      const fields = declared(c.schema, c.type);
      for (const child of root.children) expect(fields, `${c.type}/${child.local}`).toHaveProperty(child.local);
      const record = root.children.find((x) => x.local === "chargeDetailRecord");
      if (record) {
        const recordFields = declared(authorisation, "ChargeDetailRecord");
        for (const child of record.children) expect(recordFields, `chargeDetailRecord/${child.local}`).toHaveProperty(child.local);
      }
    }
    // And a message no schema declares is not read either.
    expect(() => decodeMessage(openEnvelope(envelope("eMIP_ToIOP_HeartbeatRequest", DYNAMIC_NS, {})))).toThrow(SoapFault);
  });
});

describe("the GIREVE endpoint's WSDL", () => {
  it("imports both schemas, and every message part names an element they declare", () => {
    const imports = descendants(wsdl, XS, "import").map((i) => [attr(i, "namespace"), attr(i, "schemaLocation")]);
    expect(imports).toEqual([
      [DYNAMIC_NS, "gireve-emip-dynamic.xsd"],
      [AUTHORISATION_NS, "gireve-emip-authorisation.xsd"],
    ]);
    const known: Record<string, Record<string, string>> = { [DYNAMIC_NS]: globals(dynamic), [AUTHORISATION_NS]: globals(authorisation) };
    const prefixes = Object.fromEntries(Object.entries(wsdl.attributes!).flatMap(([k, v]) => (k.startsWith("xmlns:") ? [[k.slice(6), v]] : [])));
    const messages = kids(wsdl, WSDL, "message");
    expect(messages).toHaveLength(24);
    for (const m of messages) {
      const [prefix, local] = attr(kids(m, WSDL, "part")[0], "element")!.split(":");
      expect(known[prefixes[prefix]], `${prefix}:${local}`).toHaveProperty(local);
    }
  });

  it("binds one SOAP 1.2 document/literal operation per request name, without a required action, at /api/gireve/emip", () => {
    const operations = kids(kids(wsdl, WSDL, "portType")[0], WSDL, "operation").map((o) => attr(o, "name"));
    expect(operations).toHaveLength(12);
    const binding = kids(wsdl, WSDL, "binding")[0];
    expect(attr(kids(binding, SOAP12_BINDING, "binding")[0], "style")).toBe("document");
    const bound = kids(binding, WSDL, "operation");
    expect(bound.map((o) => attr(o, "name"))).toEqual(operations);
    for (const o of bound) expect(attr(descendants(o, SOAP12_BINDING, "operation")[0], "soapActionRequired")).toBe("false");
    expect(descendants(binding, SOAP12_BINDING, "body").every((b) => attr(b, "use") === "literal")).toBe(true);
    expect(attr(descendants(wsdl, SOAP12_BINDING, "address")[0], "location")).toBe("/api/gireve/emip");
  });
});
