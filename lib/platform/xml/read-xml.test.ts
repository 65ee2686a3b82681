import { describe, expect, it } from "vitest";
import { readXml, XmlRefused, type XmlLimits } from "@/lib/platform/xml/read-xml";

function refusal(text: string, limits?: XmlLimits): string {
  try {
    readXml(text, limits);
  } catch (e) {
    if (e instanceof XmlRefused) return e.reason;
    throw e;
  }
  return "accepted";
}

describe("readXml", () => {
  it("reads elements by namespace and local name, with their text and CDATA", () => {
    const root = readXml(`<?xml version="1.0"?><s:E xmlns:s="urn:s"><a>1 &amp; 2</a><b><![CDATA[<x>]]></b><s:c attr="v">&#233;t&#xE9;</s:c></s:E>`);
    expect(root).toMatchObject({ ns: "urn:s", local: "E" });
    expect(root.children.map((c) => [c.ns, c.local, c.text])).toEqual([
      ["", "a", "1 & 2"],
      ["", "b", "<x>"],
      ["urn:s", "c", "été"],
    ]);
  });

  it("keeps attributes only when asked, by qualified name", () => {
    const text = `<x:r xmlns:x="urn:x" name="a" x:type="t"><c b="1"/></x:r>`;
    expect(readXml(text).attributes).toBeUndefined();
    const root = readXml(text, undefined, { attributes: true });
    expect(root.attributes).toEqual({ "xmlns:x": "urn:x", name: "a", "x:type": "t" });
    expect(root.children[0].attributes).toEqual({ b: "1" });
  });

  it("refuses any DOCTYPE: external entities (XXE) and entity expansion (billion laughs) never run", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>`;
    const laughs =
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("") +
      `]><lolz>&lol9;</lolz>`;
    const external = `<!DOCTYPE r SYSTEM "http://example.invalid/r.dtd"><r/>`;
    expect(refusal(xxe)).toBe("doctype");
    expect(refusal(laughs)).toBe("doctype");
    expect(refusal(external)).toBe("doctype");
  });

  it("refuses an entity it does not know, without a DOCTYPE", () => {
    expect(refusal(`<r>&xxe;</r>`)).toBe("malformed");
  });

  it("refuses oversized documents, deep nesting, too many elements and long texts", () => {
    const limits: XmlLimits = { maxBytes: 1_000, maxDepth: 5, maxElements: 20, maxTextLength: 50 };
    expect(refusal(`<r>${"x".repeat(1_000)}</r>`, limits)).toBe("size");
    expect(refusal(`${"<a>".repeat(6)}${"</a>".repeat(6)}`, limits)).toBe("depth");
    expect(refusal(`${"<a>".repeat(5)}${"</a>".repeat(5)}`, limits)).toBe("accepted");
    expect(refusal(`<r>${"<a/>".repeat(20)}</r>`, limits)).toBe("elements");
    expect(refusal(`<r>${"<a/>".repeat(19)}</r>`, limits)).toBe("accepted");
    expect(refusal(`<r>${"x".repeat(51)}</r>`, limits)).toBe("text");
    expect(refusal(`<r>a<![CDATA[${"x".repeat(50)}]]></r>`, limits)).toBe("text");
  });

  it("refuses what is not well-formed XML", () => {
    for (const text of [``, `<r>`, `<r></s>`, `<a/><b/>`, `not xml`, `<r><p:x/></r>`]) expect(refusal(text)).toBe("malformed");
  });
});
