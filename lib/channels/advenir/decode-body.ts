import { BODY_PATH, IngestError } from "@/lib/channels/advenir/errors";

// The body's bytes as UTF-8 text, or a 400 that says what was seen instead: a body in UTF-16
// (Windows tools write it, with or without a byte-order mark) or in Latin-1 / Windows-1252, or a
// gzip body sent without its Content-Encoding header. A UTF-8 byte-order mark is skipped.

function refuse(message: string): never {
  throw new IngestError(400, [{ chemin: BODY_PATH, message }]);
}

const UTF8_EXPECTED = "le corps doit être du JSON encodé en UTF-8";

/** The UTF-16 or UTF-32 form the bytes start with, if any (JSON starts with an ASCII character). */
function wideEncoding(bytes: Uint8Array): string | null {
  const [a, b, c, d] = bytes;
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return "UTF-32 (gros-boutiste)";
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return "UTF-32 (petit-boutiste)";
  if (a === 0xfe && b === 0xff) return "UTF-16 (gros-boutiste, avec BOM)";
  if (a === 0xff && b === 0xfe) return "UTF-16 (petit-boutiste, avec BOM)";
  if (bytes.length >= 2 && a === 0x00 && b !== 0x00) return "UTF-16 (gros-boutiste)";
  if (bytes.length >= 2 && a !== 0x00 && b === 0x00) return "UTF-16 (petit-boutiste)";
  return null;
}

export function decodeBody(bytes: Uint8Array, gzipped: boolean): string {
  if (!gzipped && bytes[0] === 0x1f && bytes[1] === 0x8b)
    refuse("le corps semble compressé en gzip : ajoutez l'en-tête « Content-Encoding: gzip » (ou envoyez-le décompressé)");
  const wide = wideEncoding(bytes);
  if (wide) refuse(`corps encodé en ${wide} : ${UTF8_EXPECTED}`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8. Bytes 0xA0–0xFF alone (not as UTF-8 sequences) are the accented letters of
    // Latin-1 / Windows-1252, the usual other encoding of French text.
    const at = firstInvalidUtf8(bytes);
    const byte = bytes[at];
    const hint = byte >= 0x80 ? " (encodage ISO-8859-1 / Latin-1 ou Windows-1252 ?)" : "";
    refuse(`corps illisible : octet 0x${byte.toString(16).toUpperCase().padStart(2, "0")} à la position ${at} invalide en UTF-8${hint} ; ${UTF8_EXPECTED}`);
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return Math.max(0, bytes.length - 1);
}
