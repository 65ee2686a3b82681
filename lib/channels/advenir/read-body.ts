import { createGunzip } from "node:zlib";
import { BODY_PATH, IngestError } from "@/lib/channels/advenir/errors";
import { isProtocolFailure } from "@/lib/platform/server/protocol-failure";
import { decodeBody } from "@/lib/channels/advenir/decode-body";
import type { BodyClaim } from "@/lib/channels/advenir/body-budget";
import type { HeaderSource } from "@/lib/channels/advenir/operator-basic";

// Reads a request body as a stream, counting bytes, and stops at the limit without reading the
// rest (413). `Content-Encoding: gzip` bodies are inflated chunk by chunk with a limit on the
// inflated size, checked while inflating (a zip bomb stops at the limit, it is never inflated
// whole). Every byte held is charged to the request's claim on the process-wide budget
// (lib/channels/advenir/body-budget.ts), which answers 503 when the server holds too much already.
// The source is headers plus a byte stream, so that the same code serves a web Request (Next.js
// route) and a Node request (lib/channels/advenir/serve-advenir-put.ts).

/** What a body is read from: a web Request fits, and so does a Node request (see serve-advenir-put). */
export interface BodySource {
  headers: HeaderSource;
  body: AsyncIterable<Uint8Array> | null;
}

export interface BodyLimits {
  maxBytes: number;
  maxInflatedBytes: number;
  /** The request's claim on the process-wide budget of body bytes; none: not accounted. */
  claim?: BodyClaim;
}

export interface ReadBody {
  /** Bytes as received (compressed when gzipped): kept as the submission's raw body. */
  raw: Buffer;
  gzipped: boolean;
  /** The body as text (inflated, UTF-8). */
  text: string;
}

/** A web stream's chunks; leaving the loop early cancels the stream (the rest is not read). */
export async function* webStreamChunks(stream: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!stream) return;
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
  }
}

const ACCEPTED_TYPES = new Set(["application/json", "text/plain", "application/x-www-form-urlencoded", "text/json"]);

/** 415 for a declared content type that cannot carry JSON (none at all is accepted). */
export function checkContentType(contentType: string | null): void {
  if (!contentType?.trim()) return;
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (ACCEPTED_TYPES.has(type) || /^application\/[\w.+-]*\+json$/.test(type)) return;
  throw new IngestError(415, [{ chemin: BODY_PATH, message: `type de contenu ${type} non pris en charge : envoyez du JSON (application/json)` }]);
}

function tooLarge(limit: number, inflated = false): IngestError {
  const mb = Math.floor(limit / (1024 * 1024));
  const size = mb >= 1 ? `${mb} Mo` : `${limit} octets`;
  return new IngestError(413, [
    {
      chemin: BODY_PATH,
      message: inflated
        ? `corps décompressé trop volumineux (plus de ${size}) : découpez l'envoi`
        : `corps trop volumineux (plus de ${size}) : découpez l'envoi`,
    },
  ]);
}

function encodingOf(request: BodySource): "identity" | "gzip" {
  const value = (request.headers.get("content-encoding") ?? "").trim().toLowerCase();
  if (value === "" || value === "identity") return "identity";
  if (value === "gzip" || value === "x-gzip") return "gzip";
  throw new IngestError(415, [{ chemin: BODY_PATH, message: `encodage ${value} non pris en charge : envoyez le corps tel quel ou compressé en gzip` }]);
}

async function readLimited(request: BodySource, maxBytes: number, claim: BodyClaim | undefined): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return Buffer.alloc(0);
  // The declared length is charged before anything is read: a body that cannot fit is refused
  // (503) without reading it.
  if (Number.isSafeInteger(declared) && declared > 0) claim?.chargeUpTo(declared);
  // With a declared length, chunks are copied into one buffer as they come: a large body is
  // then held once, not as its chunks plus their concatenation.
  const into = Number.isSafeInteger(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : null;
  let filled = 0; // bytes copied into `into`; any beyond the declared length go to `chunks`
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early (limit reached) stops the stream: the rest is never read.
  try {
    for await (const value of request.body) {
      if (size + value.byteLength > maxBytes) throw tooLarge(maxBytes);
      claim?.chargeUpTo(size + value.byteLength);
      if (into && chunks.length === 0 && filled + value.byteLength <= into.length) {
        into.set(value, filled);
        filled += value.byteLength;
      } else chunks.push(value);
      size += value.byteLength;
    }
  } catch (e) {
    // A timeout or broken framing named by the server (lib/platform/server/guarded-body.ts) is answered as such.
    if (e instanceof IngestError || isProtocolFailure(e)) throw e;
    // The client went away (or the stream broke) before the end of its body: not a server error.
    throw new IngestError(400, [{ chemin: BODY_PATH, message: "corps incomplet : la connexion a été interrompue pendant l'envoi" }]);
  }
  if (!into) return Buffer.concat(chunks, size);
  if (chunks.length === 0) return into.subarray(0, filled);
  return Buffer.concat([into.subarray(0, filled), ...chunks], size);
}

/**
 * Inflates a gzip body chunk by chunk: the inflated size is checked (and charged to the claim)
 * as each chunk comes out of zlib, so that a bomb stops at the limit instead of being inflated
 * whole first.
 */
async function inflateLimited(raw: Buffer, maxInflatedBytes: number, claim: BodyClaim | undefined): Promise<Buffer> {
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  const chunks: Buffer[] = [];
  let size = 0;
  gunzip.end(raw);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxInflatedBytes) throw tooLarge(maxInflatedBytes, true);
      claim?.charge(chunk.length);
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError(400, [{ chemin: BODY_PATH, message: "corps annoncé en gzip (Content-Encoding) mais illisible" }]);
  } finally {
    gunzip.destroy();
  }
  return Buffer.concat(chunks, size);
}

export async function readBody(request: BodySource, limits: BodyLimits): Promise<ReadBody> {
  const encoding = encodingOf(request);
  const raw = await readLimited(request, limits.maxBytes, limits.claim);
  const bytes = encoding === "gzip" ? await inflateLimited(raw, limits.maxInflatedBytes, limits.claim) : raw;
  // UTF-8 expected; an error names the encoding seen (UTF-16, Latin-1, gzip without its header).
  return { raw, gzipped: encoding === "gzip", text: decodeBody(bytes, encoding === "gzip") };
}
