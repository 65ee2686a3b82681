import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { JsonScanner, MAX_DEPTH } from "@/lib/channels/advenir/json-scanner";
import { sameValue } from "@/lib/channels/advenir/json-same-value";
import { IngestError } from "@/lib/channels/advenir/errors";

// The tokenizer against JSON.parse: it accepts exactly the texts JSON.parse accepts (nesting
// limit aside) and decodes the same values.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A tree built with the scanner's API (what parse-body does level by level). */
function build(s: JsonScanner, depth = 1): Json {
  switch (s.kind()) {
    case "object": {
      s.checkDepth(depth);
      s.open(123);
      const out: Record<string, Json> = {};
      for (let first = true; s.nextMember(first); first = false) {
        const k = s.key();
        out[k] = build(s, depth + 1);
      }
      return out;
    }
    case "array": {
      s.checkDepth(depth);
      s.open(91);
      const out: Json[] = [];
      for (let first = true; s.nextElement(first); first = false) out.push(build(s, depth + 1));
      return out;
    }
    case "string":
      return s.string();
    case "number":
      return s.number();
    default:
      return s.literal();
  }
}

function scan(text: string): { ok: true; value: Json } | { ok: false; error: unknown } {
  try {
    const s = new JsonScanner(text);
    const value = build(s);
    if (!s.atEnd()) s.fail("fin attendue");
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error };
  }
}

function skips(text: string): boolean {
  try {
    const s = new JsonScanner(text);
    s.skip(1);
    return s.atEnd();
  } catch (e) {
    if (!(e instanceof IngestError)) throw e;
    return false;
  }
}

function jsonParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Valid JSON texts, with odd spacing, and corrupted variants of them. */
const texts = fc.oneof(
  fc.json({ depthSize: "small" }),
  fc
    .tuple(
      fc.json({ depthSize: "small" }),
      fc.nat(),
      fc.constantFrom("", " ", ",", "}", "]", '"', "\\", "\\u12", "\u0000", "\n", "1", "-", ".", "e", "tru", ":", "[", "{"),
    )
    .map(([text, at, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1))),
  fc.string({ unit: fc.constantFrom(...'{}[]:,"\\ 0123456789-+.eEtrufalsn\u00e9\t\n') }),
);

describe("JsonScanner", () => {
  it("accepts exactly what JSON.parse accepts and decodes the same values", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const ours = scan(text);
        const theirs = jsonParse(text);
        expect(ours.ok).toBe(theirs.ok);
        expect(skips(text)).toBe(theirs.ok);
        if (ours.ok && theirs.ok) expect(ours.value).toEqual(theirs.value);
        if (!ours.ok) expect(ours.error).toBeInstanceOf(IngestError);
      }),
      { numRuns: 3000, seed: 13 },
    );
  });

  it("decodes escapes, lone surrogates included, as JSON.parse does", () => {
    for (const text of ['"a\\u0000b"', '"\\ud800"', '"\\uD83D\\uDE00"', '"\\/\\b\\f\\n\\r\\t\\"\\\\"', '"é€😀"'])
      expect(scan(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it("reads integers of any length as JSON.parse does (beyond 2^53 too)", () => {
    for (const text of ["0", "-0", "123456789012345", "1234567890123456", "9007199254740993", "-12.5e3", "1E400"])
      expect(scan(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it("refuses nesting deeper than the limit, and says where", () => {
    expect(scan(`${"[".repeat(MAX_DEPTH)}${"]".repeat(MAX_DEPTH)}`).ok).toBe(true);
    const deep = scan(`${"[".repeat(MAX_DEPTH + 1)}${"]".repeat(MAX_DEPTH + 1)}`);
    expect(deep.ok).toBe(false);
    expect((deep as { error: IngestError }).error.errors[0].message).toMatch(
      /^JSON invalide à la position 32 \(ligne 1, colonne 33\) : imbrication trop profonde/,
    );
    // Skipping a 100,000-deep value is refused too, without overflowing the stack.
    expect(skips("[".repeat(100_000))).toBe(false);
  });

  it("gives the line and column of a syntax error, with an excerpt where control characters are escaped", () => {
    const r = scan('{\n  "a": 1,\n  "b": \u0001\n}');
    expect((r as { error: IngestError }).error.errors).toEqual([
      {
        chemin: "(corps)",
        message: 'JSON invalide à la position 19 (ligne 3, colonne 8) : une valeur JSON est attendue, près de « { "a": 1, "b": \\u0001 } »',
      },
    ]);
  });

  it("reads only the start of a very long key, and says it was too long", () => {
    const s = new JsonScanner(`{"${"k".repeat(100_000)}": 1}`);
    s.open(123);
    s.nextMember(true);
    expect(s.key()).toBe("k".repeat(256));
    expect(s.keyTooLong).toBe(true);
  });
});

describe("sameValue", () => {
  const valueAt = (text: string) => text.indexOf("=") + 1;
  const same = (a: string, b: string) => {
    const text = `[=${a},=${b}]`;
    const second = text.indexOf("=", valueAt(text)) + 1;
    return sameValue(text, valueAt(text), second);
  };

  it("compares values, not spellings: blanks, number forms and escapes do not count; order, types and content do", () => {
    expect(same('{"a": [1, 2.50, "x"]}', '{ "a" : [ 1e0,2.5,"\\u0078" ] }')).toBe(true);
    expect(same("null", "null")).toBe(true);
    expect(same('{"a":1,"b":2}', '{"b":2,"a":1}')).toBe(false);
    expect(same("[1,2]", "[1,2,3]")).toBe(false);
    expect(same('"1"', "1")).toBe(false);
    expect(same("true", "false")).toBe(false);
    expect(same('{"a":{}}', '{"a":[]}')).toBe(false);
  });

  it("agrees with a deep comparison of JSON.parse's values for objects without repeated keys", () => {
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: "small" }), fc.jsonValue({ depthSize: "small" }), fc.boolean(), (a, b, twin) => {
        const left = JSON.stringify(a);
        const right = JSON.stringify(twin ? a : b);
        const text = `[${left},${right}]`;
        // -0 and 0 are the same JSON number; JSON.stringify writes both as 0.
        expect(sameValue(text, 1, left.length + 2)).toBe(left === right);
      }),
      { numRuns: 1000, seed: 13 },
    );
  });
});
