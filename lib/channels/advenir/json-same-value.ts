import { JsonScanner } from "@/lib/channels/advenir/json-scanner";

// Comparison of two values of one body in place, without building them: how a key repeated in an
// object is told harmless (the same value) from ambiguous (another one).

/**
 * Whether the two values starting at `a` and `b` are the same JSON value: same structure, keys
 * in the same order, strings equal once decoded, numbers equal as numbers (1000 = 1e3); blanks
 * ignored. Both values must have been scanned already (valid JSON).
 */
export function sameValue(text: string, a: number, b: number): boolean {
  const x = new JsonScanner(text);
  const y = new JsonScanner(text);
  x.pos = a;
  y.pos = b;
  return equalFrom(x, y);
}

function equalFrom(x: JsonScanner, y: JsonScanner): boolean {
  const kind = x.kind();
  if (y.kind() !== kind) return false;
  switch (kind) {
    case "object": {
      x.pos++;
      y.pos++;
      for (let first = true; ; first = false) {
        const more = x.nextMember(first);
        if (y.nextMember(first) !== more) return false;
        if (!more) return true;
        if (x.key() !== y.key() || x.keyTooLong !== y.keyTooLong) return false;
        if (!equalFrom(x, y)) return false;
      }
    }
    case "array": {
      x.pos++;
      y.pos++;
      for (let first = true; ; first = false) {
        const more = x.nextElement(first);
        if (y.nextElement(first) !== more) return false;
        if (!more) return true;
        if (!equalFrom(x, y)) return false;
      }
    }
    case "string":
      return x.string() === y.string();
    case "number":
      return x.number() === y.number();
    default:
      return x.literal() === y.literal();
  }
}
