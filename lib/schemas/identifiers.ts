// The alphabet of the identifiers operators send and beneficiaries register (StationID,
// TransactionID, UserID): printable Unicode, at most 255 characters, compared in Unicode
// normalisation form C (NFC), so that "é" sent decomposed (e + U+0301, as some systems write it)
// is the same StationID as the "é" registered. Refused, because they cannot be stored, shown or
// compared safely:
//   - control characters (U+0000–U+001F, U+007F–U+009F): PostgreSQL cannot store U+0000 in text;
//   - lone UTF-16 surrogates (a "\uD800" escape without its pair): not a character, and the
//     database would store U+FFFD instead, merging distinct identifiers;
//   - line and paragraph separators (U+2028, U+2029) and the bidirectional-text controls
//     (U+202A–U+202E, U+2066–U+2069), which make an identifier display as another one;
//   - noncharacters (U+FDD0–U+FDEF and the last two code points of every plane).
// Pure functions: shared by the data API (lib/ingest) and the forms that register stations.

/** Most characters (Unicode code points, after NFC) of an identifier. */
export const MAX_IDENTIFIER_LENGTH = 255;

const FORBIDDEN = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const FORBIDDEN_ALL = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
/** Printable ASCII only: the common case, which needs neither the check above nor NFC. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

export const IDENTIFIER_RULE =
  `de 1 à ${MAX_IDENTIFIER_LENGTH} caractères Unicode imprimables, sans caractère de contrôle, demi-paire de substitution UTF-16, ` +
  `séparateur de ligne ou de paragraphe, contrôle de direction du texte ni non-caractère ; comparé en forme normalisée NFC`;

/** What a refused character is, in French. */
function kindOf(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return c === 0 ? "caractère nul" : "caractère de contrôle";
  if (c >= 0xd800 && c <= 0xdfff) return "demi-paire de substitution UTF-16 isolée";
  if (c === 0x2028 || c === 0x2029) return "séparateur de ligne ou de paragraphe";
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return "contrôle de direction du texte";
  return "non-caractère Unicode";
}

/** Number of code points (a pair of surrogates counts once). */
function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** `\uXXXX` for one UTF-16 code unit or `\u{XXXXX}` for a code point. */
function escapeCodePoint(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp > 0xffff ? `\\u{${cp.toString(16).toUpperCase()}}` : `\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

export type IdentifierCheck = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Checks an identifier and returns its NFC form, or the French reason it is refused. `label`
 * names it in the reason ("StationID", "TransactionID").
 */
export function checkIdentifier(raw: string, label: string): IdentifierCheck {
  if (PLAIN_ASCII.test(raw)) {
    if (raw.trim() === "") return { ok: false, reason: `${label} vide` };
    if (raw.length > MAX_IDENTIFIER_LENGTH) return { ok: false, reason: `${label} trop long (${raw.length} caractères, ${MAX_IDENTIFIER_LENGTH} au plus)` };
    return { ok: true, value: raw };
  }
  const bad = FORBIDDEN.exec(raw);
  if (bad) return { ok: false, reason: `${label} invalide : ${escapeCodePoint(bad[0])} (${kindOf(bad[0])}) n'est pas admis dans un identifiant` };
  const value = raw.normalize("NFC");
  if (value.trim() === "") return { ok: false, reason: `${label} vide` };
  const length = codePointLength(value);
  if (length > MAX_IDENTIFIER_LENGTH) return { ok: false, reason: `${label} trop long (${length} caractères, ${MAX_IDENTIFIER_LENGTH} au plus)` };
  return { ok: true, value };
}

/** How many characters of a too long text are shown (in paths and messages). */
const SHOWN_PREFIX = 64;

/**
 * A text as it may be shown and stored anywhere (answers, the submissions log in jsonb, pages):
 * the characters refused above written as `\uXXXX`, and a text longer than the identifiers' limit
 * cut, with its length said. Identity for a valid identifier.
 */
export function displayText(raw: string): string {
  let s = raw;
  let suffix = "";
  if (s.length > MAX_IDENTIFIER_LENGTH) {
    let cut = SHOWN_PREFIX;
    const last = s.charCodeAt(cut - 1);
    if (last >= 0xd800 && last <= 0xdbff) cut--; // never split a pair
    suffix = `…(${s.length} caractères)`;
    s = s.slice(0, cut);
  }
  if (!PLAIN_ASCII.test(s)) s = s.replace(FORBIDDEN_ALL, escapeCodePoint);
  return s + suffix;
}

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Whether PostgreSQL can hold this text in text and jsonb (no U+0000, no lone surrogate). */
export function isStorableText(s: string): boolean {
  UNSTORABLE.lastIndex = 0;
  return !UNSTORABLE.test(s);
}

/**
 * A text PostgreSQL can hold in text and jsonb: U+0000 and lone surrogates written as `\uXXXX`
 * (both are refused by the database, and a message quoting a hostile body may carry them).
 */
export function storableText(s: string): string {
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(s) ? s.replace(UNSTORABLE, escapeCodePoint) : s;
}
