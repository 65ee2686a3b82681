import { gunzip } from "node:zlib";
import { promisify } from "node:util";
import { getEnv } from "@/lib/platform/env";
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

/** The JSON value of a body; not JSON → 422 as FastAPI (type json_invalid, loc ["body", position]). */
export function parseJsonBody(body: RawBody): unknown {
  const text = body.bytes.toString("utf8");
  if (text.trim() === "") throw validationFailed([{ type: "missing", loc: ["body"], msg: "Field required", input: null }]);
  try {
    return JSON.parse(text);
  } catch (e) {
    const position = /position (\d+)/.exec((e as Error).message)?.[1];
    throw validationFailed([{ type: "json_invalid", loc: ["body", position ? Number(position) : 0], msg: "JSON decode error" }]);
  }
}

/** An `application/x-www-form-urlencoded` body (the OAuth2 password flow's form). */
export function parseFormBody(body: RawBody): URLSearchParams {
  return new URLSearchParams(body.bytes.toString("utf8"));
}
