import { SaxesParser } from "saxes";

// A small, safe XML reader for the messages machines send us (GIREVE's eMIP relay): a tree of
// elements with their namespace, local name and text, read by saxes (a maintained, streaming,
// non-validating parser). What makes it safe is what it refuses, before anything is built:
// - any DOCTYPE (SOAP 1.2 forbids them): so no DTD, no external entity, no entity expansion
//   (saxes knows only XML's five predefined entities and character references anyway);
// - documents over `maxBytes`, nesting deeper than `maxDepth`, more than `maxElements` elements,
//   any text over `maxTextLength` characters: a bounded amount of work and memory per message.
// Attributes are read (SOAP's encodingStyle and the like) but kept nowhere, unless asked for
// (`{ attributes: true }`): eMIP carries everything in elements; the portal's own XML Schemas
// (public/api/*.xsd, checked by tests) name their declarations in attributes.

export interface XmlElement {
  /** Namespace URI ("" when none). */
  ns: string;
  local: string;
  children: XmlElement[];
  /** The element's own text (character data and CDATA), untrimmed. */
  text: string;
  /** The element's attributes by qualified name (xmlns declarations included), only when read with `{ attributes: true }`. */
  attributes?: Record<string, string>;
}

export interface XmlReadOptions {
  /** Keep each element's attributes (XmlElement.attributes). */
  attributes?: boolean;
}

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
  maxTextLength: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 256 * 1024, maxDepth: 24, maxElements: 2_000, maxTextLength: 4_096 };

export type XmlRefusal = "size" | "depth" | "elements" | "text" | "doctype" | "malformed";

export class XmlRefused extends Error {
  constructor(
    readonly reason: XmlRefusal,
    message: string,
  ) {
    super(message);
    this.name = "XmlRefused";
  }
}

/** The document's root element; throws XmlRefused for anything unsafe or not well-formed. */
export function readXml(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS, options: XmlReadOptions = {}): XmlElement {
  if (Buffer.byteLength(text) > limits.maxBytes) throw new XmlRefused("size", `document larger than ${limits.maxBytes} bytes`);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  let refusal: XmlRefused | null = null;
  const refuse = (r: XmlRefused) => {
    refusal ??= r;
    throw r;
  };
  const addText = (t: string) => {
    const current = stack[stack.length - 1];
    if (!current) return; // whitespace around the root element
    if (current.text.length + t.length > limits.maxTextLength) refuse(new XmlRefused("text", `text of <${current.local}> longer than ${limits.maxTextLength}`));
    current.text += t;
  };
  parser.on("doctype", () => refuse(new XmlRefused("doctype", "DOCTYPE refused")));
  parser.on("opentag", (tag) => {
    if (++elements > limits.maxElements) refuse(new XmlRefused("elements", `more than ${limits.maxElements} elements`));
    if (stack.length >= limits.maxDepth) refuse(new XmlRefused("depth", `nesting deeper than ${limits.maxDepth}`));
    const element: XmlElement = { ns: tag.uri ?? "", local: tag.local ?? tag.name, children: [], text: "" };
    if (options.attributes) element.attributes = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value]));
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("error", (e) => {
    throw refusal ?? new XmlRefused("malformed", e.message);
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof XmlRefused) throw e;
    throw refusal ?? new XmlRefused("malformed", e instanceof Error ? e.message : String(e));
  }
  if (!root) throw new XmlRefused("malformed", "no root element");
  return root;
}

/** The first child of `parent` with this local name (any namespace: eMIP's children usually have none). */
export function child(parent: XmlElement, local: string): XmlElement | undefined {
  return parent.children.find((c) => c.local === local);
}

/** Escapes text for an element's content or an attribute value. */
export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}
