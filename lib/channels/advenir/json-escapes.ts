// The escapes of a JSON string (RFC 8259 §7), in the body's text: checked, then decoded.
// `\uXXXX` gives one UTF-16 unit, so a lone surrogate is decoded as JSON.parse decodes it; the
// identifier rules (lib/schemas/identifiers.ts) refuse it afterwards where it matters.

const BACKSLASH = 92;
const SIMPLE = new Map<number, string>([
  [34, '"'],
  [92, "\\"],
  [47, "/"],
  [98, "\b"],
  [102, "\f"],
  [110, "\n"],
  [114, "\r"],
  [116, "\t"],
]);
const U = 117;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** The first invalid escape of the source [from, close) of a string, if any. */
export function invalidEscape(t: string, from: number, close: number): { at: number; reason: string } | null {
  for (let q = from; q < close; q++) {
    if (t.charCodeAt(q) !== BACKSLASH) continue;
    const e = t.charCodeAt(q + 1);
    if (e === U) {
      if (q + 6 > close || !HEX4.test(t.slice(q + 2, q + 6))) return { at: q, reason: "séquence \\u incomplète : quatre chiffres hexadécimaux attendus" };
      q += 5;
    } else if (SIMPLE.has(e)) q++;
    else return { at: q, reason: "séquence d'échappement invalide dans une chaîne" };
  }
  return null;
}

/** The source [start, end) of a string with valid escapes, decoded (`end` may cut an escape: a preview). */
export function decodeEscapes(t: string, start: number, end: number): string {
  let out = "";
  let from = start;
  for (let p = start; p < end; p++) {
    if (t.charCodeAt(p) !== BACKSLASH) continue;
    out += t.slice(from, p);
    const e = t.charCodeAt(p + 1);
    if (e === U) {
      if (p + 6 > end) return out;
      out += String.fromCharCode(parseInt(t.slice(p + 2, p + 6), 16));
      p += 5;
    } else {
      out += SIMPLE.get(e) ?? "";
      p++;
    }
    from = p + 1;
  }
  return from < end ? out + t.slice(from, end) : out;
}
