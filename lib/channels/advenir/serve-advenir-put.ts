import type { IncomingMessage, ServerResponse } from "node:http";
import { answerAdvenirPut } from "@/lib/channels/advenir/handle-put";
import { advenirFailure, answerHeaders, type AdvenirAnswer } from "@/lib/channels/advenir/advenir-response";
import type { Endpoint } from "@/lib/channels/advenir/normalize-body";
import { getEnv } from "@/lib/platform/env";
import { discardRest } from "@/lib/platform/server/discard-body";
import type { HeaderSource } from "@/lib/channels/advenir/operator-basic";
import { guardBody } from "@/lib/platform/server/guarded-body";

// The two ADVENIR data endpoints answered by the portal's own Node server, before Next.js:
// operators' clients post small bodies many times a minute, and Next's request machinery (web
// Request/Response objects, async contexts, routing) cost several times what the ingestion
// itself costs (docs/benchmarks.md). Same code as the route files (lib/channels/advenir/handle-put.ts),
// called with the Node request's headers and byte stream.

const ENDPOINTS: ReadonlyMap<string, Endpoint> = new Map([
  ["/api/courbe/put", "courbe"],
  ["/api/operation/put", "operation"],
]);

/** The endpoint a request is for when this server answers it itself, else null (Next.js does). */
export function advenirEndpointOf(req: IncomingMessage): Endpoint | null {
  if (req.method !== "POST" && req.method !== "PUT") return null;
  const url = req.url ?? "";
  const query = url.indexOf("?");
  return ENDPOINTS.get(query === -1 ? url : url.slice(0, query)) ?? null;
}

/**
 * The Node request's own headers read as a web Headers would be (lower-case names; repeated
 * headers joined as Node joins them), without copying them into one on every call.
 */
function headersOf(req: IncomingMessage): HeaderSource {
  return {
    get(name: string): string | null {
      const value = req.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

export async function serveAdvenirPut(req: IncomingMessage, res: ServerResponse, endpoint: Endpoint): Promise<void> {
  // The body as read, bounded in time (API_BODY_TIMEOUT_MS) and ended by broken framing
  // (lib/platform/server/guarded-body.ts): either is answered and journaled like any refusal.
  const guarded = guardBody(req, getEnv().API_BODY_TIMEOUT_MS);
  let answer: AdvenirAnswer;
  try {
    answer = await answerAdvenirPut(endpoint, { method: req.method ?? "POST", headers: headersOf(req), body: guarded.body });
  } catch (e) {
    answer = advenirFailure(e); // answerAdvenirPut answers every failure itself; this is the last guard
  } finally {
    guarded.done();
  }
  // A body refused because the server is busy (503) is read to its end and thrown away (bounded
  // like any body), so that the client, still sending, receives the 503 and its Retry-After
  // rather than a reset connection, and may retry on the same connection.
  const env = getEnv();
  if (answer.status === 503 && !req.complete) await discardRest(req, { maxBytes: env.API_MAX_BODY_BYTES, timeoutMs: env.API_BODY_TIMEOUT_MS });
  if (res.destroyed || !res.writable) return; // the client is gone
  const text = JSON.stringify(answer.body);
  const headers: Record<string, string | number> = { ...answerHeaders(answer), "Content-Length": Buffer.byteLength(text) };
  // After a 413 (or any other answer given before the whole body came in), the rest of the body
  // is never read: the connection cannot carry another request.
  if (answer.status === 413 || !req.complete) headers.Connection = "close";
  res.writeHead(answer.status, headers);
  res.end(text);
}
