import { gunzip } from "node:zlib";
import { promisify } from "node:util";
import { getEnv } from "@/lib/platform/env";
import { isStorableText } from "@/lib/schemas/identifiers";
import { detailError, validationFailed } from "@/lib/channels/qualicharge/errors";

// The body of a QualiCharge request: at most API_MAX_BODY_BYTES as sent, gzip accepted
// (`Content-Encoding: gzip`, as QualiCharge's GZipRequest route class) and inflated to at most
// API_MAX_INFLATED_BYTES. A body that is not JSON is a 422 "json_invalid", as FastAPI answers.

const gunzipAsync = promisify(gunzip);

export interface RawBody {
  bytes: Buffer;
  gzipped: boolean;
}

export async function readRawBody(chunks: AsyncIterable<Uint8Array>, contentEncoding: string | null, options: { gzip: boolean }): Promise<RawBody> {
  const env = getEnv();
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > env.API_MAX_BODY_BYTES) throw detailError(413, `Request body too large (limit: ${env.API_MAX_BODY_BYTES} bytes)`, { Connection: "close" });
    parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  const bytes = Buffer.concat(parts, size);
  const encoding = (contentEncoding ?? "").trim().toLowerCase();
  if (encoding === "" || encoding === "identity") return { bytes, gzipped: false };
  if (encoding !== "gzip" || !options.gzip) throw detailError(415, `Unsupported Content-Encoding: ${encoding}`);
  try {
    return { bytes: await gunzipAsync(bytes, { maxOutputLength: env.API_MAX_INFLATED_BYTES }), gzipped: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw detailError(413, `Inflated request body too large (limit: ${env.API_MAX_INFLATED_BYTES} bytes)`);
    throw detailError(400, "Request body is not valid gzip");
  }
}

/** Pydantic-style message for a string PostgreSQL cannot store (JSON bodies and the token's form). */
export const UNSTORABLE_TEXT_MESSAGE = "Input should be a valid string: U+0000 and lone UTF-16 surrogates are not accepted";

/** The path of the first key or string holding U+0000 or a lone UTF-16 surrogate, if any. */
function unstorableAt(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === "string") return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableAt(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return [...path, key];
      const found = unstorableAt(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

// Only escapes can carry them into JSON text (a raw U+0000 is not JSON; invalid UTF-8 reads as
// U+FFFD): the walk runs only when the text holds such an escape.
const SUSPECT_ESCAPE = /\\u(0000|d[89a-f][0-9a-f]{2})/i;

/**
 * The JSON value of a body; not JSON → 422 as FastAPI (type json_invalid, loc ["body", position]).
 * A text holding U+0000 or a lone surrogate, which PostgreSQL cannot store, → 422 with its path.
 */
export function parseJsonBody(body: RawBody): unknown {
  const text = body.bytes.toString("utf8");
  if (text.trim() === "") throw validationFailed([{ type: "missing", loc: ["body"], msg: "Field required", input: null }]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const position = /position (\d+)/.exec((e as Error).message)?.[1];
    throw validationFailed([{ type: "json_invalid", loc: ["body", position ? Number(position) : 0], msg: "JSON decode error" }]);
  }
  const at = SUSPECT_ESCAPE.test(text) ? unstorableAt(value, ["body"]) : null;
  if (at) throw validationFailed([{ type: "string_unicode", loc: at, msg: UNSTORABLE_TEXT_MESSAGE }]);
  return value;
}

/** An `application/x-www-form-urlencoded` body (the OAuth2 password flow's form). */
export function parseFormBody(body: RawBody): URLSearchParams {
  return new URLSearchParams(body.bytes.toString("utf8"));
}
