import { BODY_PATH, IngestError } from "@/lib/channels/advenir/errors";
import { displayText } from "@/lib/schemas/identifiers";
import { decodeEscapes, invalidEscape } from "@/lib/channels/advenir/json-escapes";

// A JSON tokenizer over the body's text (RFC 8259, nothing more, nothing less), for a parser
// that builds the normalised rows as it goes (lib/channels/advenir/parse-body.ts) instead of a tree of
// objects: JSON.parse of a body made of keys or tiny values costs about a hundred times the
// body's size in memory, and keeps only the last of two keys with the same name. Values the
// parser does not need (extra fields, data of a refused part) are skipped without being built.
// Syntax errors are a 400 naming the position, line and column, with an excerpt.

/** Deepest nesting of arrays and objects accepted (the protocol needs 5). */
export const MAX_DEPTH = 32;
/**
 * Longest raw string (in UTF-16 units of the body, escapes included) decoded as an identifier:
 * 255 characters written as escaped surrogate pairs. A longer key is only read as a preview.
 */
const MAX_KEY_SOURCE = 255 * 12;

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** Kind of the value at the current position. */
export type ValueKind = "object" | "array" | "string" | "number" | "literal";

export class JsonScanner {
  pos = 0;
  /** Set by key(): the key read was longer than any identifier may be (only a preview was decoded). */
  keyTooLong = false;

  constructor(readonly text: string) {}

  /** Skips whitespace; the next character code, or -1 at the end. */
  peek(): number {
    const t = this.text;
    const n = t.length;
    let p = this.pos;
    while (p < n) {
      const c = t.charCodeAt(p);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      p++;
    }
    this.pos = p;
    return p < n ? t.charCodeAt(p) : -1;
  }

  atEnd(): boolean {
    return this.peek() === -1;
  }

  /** The kind of the next value (whitespace skipped); a syntax error if none starts here. */
  kind(): ValueKind {
    const c = this.peek();
    if (c === OPEN_BRACE) return "object";
    if (c === OPEN_BRACKET) return "array";
    if (c === QUOTE) return "string";
    if (c === MINUS || isDigit(c)) return "number";
    if (c === 116 || c === 102 || c === 110) return "literal"; // t f n
    return this.fail("une valeur JSON est attendue");
  }

  /** Consumes `{` (or `[`), whitespace first. */
  open(code: typeof OPEN_BRACE | typeof OPEN_BRACKET): void {
    if (this.peek() !== code) this.fail(code === OPEN_BRACE ? "« { » attendu" : "« [ » attendu");
    this.pos++;
  }

  /**
   * Object members: call after open("{") and after each member's value. True when a member
   * follows (its key is next), false at the closing brace (consumed).
   */
  nextMember(first: boolean): boolean {
    const c = this.peek();
    if (c === CLOSE_BRACE) {
      this.pos++;
      return false;
    }
    if (!first) {
      if (c !== COMMA) this.fail("« , » ou « } » attendu");
      this.pos++;
      if (this.peek() !== QUOTE) this.fail(this.peek() === CLOSE_BRACE ? "virgule en trop avant « } »" : "nom de champ entre guillemets attendu");
      return true;
    }
    if (c !== QUOTE) this.fail("nom de champ entre guillemets ou « } » attendu");
    return true;
  }

  /** Array elements: like nextMember. True when an element follows. */
  nextElement(first: boolean): boolean {
    const c = this.peek();
    if (c === CLOSE_BRACKET) {
      this.pos++;
      return false;
    }
    if (!first) {
      if (c !== COMMA) this.fail("« , » ou « ] » attendu");
      this.pos++;
      if (this.peek() === CLOSE_BRACKET) this.fail("virgule en trop avant « ] »");
    }
    return true;
  }

  /** A member's key and its colon; the value is next. See keyTooLong. */
  key(): string {
    const k = this.stringValue(MAX_KEY_SOURCE);
    if (this.peek() !== COLON) this.fail("« : » attendu après le nom de champ");
    this.pos++;
    return k;
  }

  /**
   * A member's key when it is one of `names` (its index), else -1; the key and its colon are
   * consumed. Known names are matched in the source, without building a string.
   */
  knownKey(names: readonly string[]): number {
    if (this.peek() !== QUOTE) this.fail("nom de champ entre guillemets attendu");
    const t = this.text;
    const start = this.pos + 1;
    for (let k = 0; k < names.length; k++) {
      const name = names[k];
      if (t.charCodeAt(start + name.length) === QUOTE && t.startsWith(name, start)) {
        this.pos = start + name.length + 1;
        if (this.peek() !== COLON) this.fail("« : » attendu après le nom de champ");
        this.pos++;
        return k;
      }
    }
    return names.indexOf(this.key());
  }

  /** A string value, decoded. */
  string(): string {
    return this.stringValue(Infinity);
  }

  /**
   * Reads the string at the current position (whitespace skipped). A string whose source is
   * longer than `maxSource` is checked to its end but only its start is decoded (keyTooLong).
   */
  private stringValue(maxSource: number): string {
    const start = this.pos + 1;
    const escaped = this.scanString();
    const close = this.pos - 1;
    this.keyTooLong = close - start > maxSource;
    const end = this.keyTooLong ? start + 256 : close;
    return escaped ? decodeEscapes(this.text, start, end) : this.text.slice(start, end);
  }

  /**
   * Passes over the string at the current position (whitespace skipped), checking that no raw
   * control character is in it; returns whether it holds escapes (checked when decoded).
   */
  private scanString(): boolean {
    if (this.peek() !== QUOTE) this.fail("chaîne entre guillemets attendue");
    const t = this.text;
    const n = t.length;
    let p = this.pos + 1;
    let escaped = false;
    for (;;) {
      if (p >= n) this.failEnd();
      const c = t.charCodeAt(p);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        p += 2;
        continue;
      }
      if (c < 32) this.fail(`caractère de contrôle ${displayText(t[p])} non échappé dans une chaîne`, p);
      p++;
    }
    const start = this.pos + 1;
    this.pos = p + 1;
    if (escaped) {
      const bad = invalidEscape(t, start, p);
      if (bad) this.fail(bad.reason, bad.at);
    }
    return escaped;
  }

  /** A number; integers of up to 15 digits without building a substring. */
  number(): number {
    this.peek();
    const t = this.text;
    const start = this.pos;
    let p = start;
    let c = t.charCodeAt(p);
    if (c === MINUS) c = t.charCodeAt(++p);
    if (c === ZERO) c = t.charCodeAt(++p);
    else if (isDigit(c)) {
      do c = t.charCodeAt(++p);
      while (isDigit(c));
    } else this.fail("chiffre attendu", p);
    let plain = true;
    if (c === DOT) {
      plain = false;
      c = t.charCodeAt(++p);
      if (!isDigit(c)) this.fail("chiffre attendu après le point décimal", p);
      do c = t.charCodeAt(++p);
      while (isDigit(c));
    }
    if (c === 101 || c === 69) {
      plain = false;
      c = t.charCodeAt(++p);
      if (c === PLUS || c === MINUS) c = t.charCodeAt(++p);
      if (!isDigit(c)) this.fail("chiffre attendu dans l'exposant", p);
      do c = t.charCodeAt(++p);
      while (isDigit(c));
    }
    this.pos = p;
    const negative = t.charCodeAt(start) === MINUS;
    if (plain && p - start <= 15) {
      let v = 0;
      for (let q = negative ? start + 1 : start; q < p; q++) v = v * 10 + (t.charCodeAt(q) - ZERO);
      return negative ? -v : v;
    }
    return Number(t.slice(start, p));
  }

  /** true, false or null. */
  literal(): boolean | null {
    this.peek();
    const t = this.text;
    if (t.startsWith("true", this.pos)) {
      this.pos += 4;
      return true;
    }
    if (t.startsWith("false", this.pos)) {
      this.pos += 5;
      return false;
    }
    if (t.startsWith("null", this.pos)) {
      this.pos += 4;
      return null;
    }
    return this.fail("valeur JSON inconnue (true, false ou null ?)");
  }

  /** A string, number or literal, decoded; undefined (and skipped) for an object or array. */
  primitive(depth: number): string | number | boolean | null | undefined {
    switch (this.kind()) {
      case "string":
        return this.string();
      case "number":
        return this.number();
      case "literal":
        return this.literal();
      default:
        this.skip(depth);
        return undefined;
    }
  }

  /** Checks and passes over one value without building it. `depth`: the value's own depth. */
  skip(depth: number): void {
    switch (this.kind()) {
      case "object": {
        this.checkDepth(depth);
        this.pos++;
        for (let first = true; this.nextMember(first); first = false) {
          this.scanString();
          if (this.peek() !== COLON) this.fail("« : » attendu après le nom de champ");
          this.pos++;
          this.skip(depth + 1);
        }
        return;
      }
      case "array": {
        this.checkDepth(depth);
        this.pos++;
        for (let first = true; this.nextElement(first); first = false) this.skip(depth + 1);
        return;
      }
      case "string":
        this.scanString();
        return;
      case "number":
        this.number();
        return;
      default:
        this.literal();
    }
  }

  /** 400 when a container at `depth` would be nested too deep. */
  checkDepth(depth: number): void {
    if (depth > MAX_DEPTH) throw this.error(`imbrication trop profonde (plus de ${MAX_DEPTH} niveaux d'objets et de tableaux)`, this.pos);
  }

  /** A syntax error at `at` (default: the current position). */
  fail(reason: string, at = this.pos): never {
    if (at >= this.text.length) this.failEnd();
    throw this.error(reason, at);
  }

  failEnd(): never {
    throw new IngestError(400, [{ chemin: BODY_PATH, message: "JSON invalide : le corps s'arrête avant la fin (accolade ou guillemet non fermé ?)" }]);
  }

  error(reason: string, at: number): IngestError {
    const t = this.text;
    const lineStart = t.lastIndexOf("\n", at - 1) + 1;
    let line = 1;
    for (let i = t.indexOf("\n"); i !== -1 && i < at; i = t.indexOf("\n", i + 1)) line++;
    const excerpt = displayText(t.slice(Math.max(0, at - 20), at + 20).replace(/\s+/g, " "));
    return new IngestError(400, [
      { chemin: BODY_PATH, message: `JSON invalide à la position ${at} (ligne ${line}, colonne ${at - lineStart + 1}) : ${reason}, près de « ${excerpt} »` },
    ]);
  }
}
