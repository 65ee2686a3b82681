import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { getEnv } from "@/lib/platform/env";
import { guardBody } from "@/lib/platform/server/guarded-body";
import { CLIENT_IP_HEADER } from "@/lib/platform/server/trusted-headers";
import { authenticateBearer, requireScope, type QualichargePrincipal } from "@/lib/channels/qualicharge/auth/principal";
import { detailError, qualichargeFailure, type QualichargeAnswer } from "@/lib/channels/qualicharge/errors";
import { recordQualichargeCall } from "@/lib/channels/qualicharge/journal";
import { readRawBody, type RawBody } from "@/lib/channels/qualicharge/read-request-body";
import type { JournalRow, Method, QualichargeContext, QualichargeRouter, RouteMatch } from "@/lib/channels/qualicharge/router";

// One request of the QualiCharge API, answered by the portal's Node server before Next.js: the
// route's resolution (404, 405, FastAPI's slash redirect), then the checks in QualiCharge's order
// (token, scope, then the handler's validation, tenancy and existence), the answer in the
// protocol's shapes (errors.ts), and one journal row for every call whose user is known.

export const QUALICHARGE_PREFIX = "/api/v1";

export function isQualichargePath(url: string | undefined): boolean {
  const u = url ?? "";
  return u === QUALICHARGE_PREFIX || u.startsWith(`${QUALICHARGE_PREFIX}/`) || u.startsWith(`${QUALICHARGE_PREFIX}?`);
}

/** The request's absolute URL as the client reached it (pagination links). */
function absoluteUrl(req: IncomingMessage): URL {
  const configured = getEnv().NEXTAUTH_URL;
  const host = req.headers.host && /^[A-Za-z0-9.\-:[\]]+$/.test(req.headers.host) ? req.headers.host : "localhost";
  const origin = configured ? new URL(configured).origin : `http://${host}`;
  return new URL(req.url ?? "/", origin);
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

/** The error body of a failed answer, for the journal. */
function errorsOf(answer: QualichargeAnswer): unknown[] {
  if (answer.status < 400) return [];
  const body = answer.body as { detail?: unknown; message?: unknown } | undefined;
  if (Array.isArray(body?.detail)) return body.detail;
  return [body?.detail ?? body?.message ?? body];
}

/**
 * A request target URL would give back unchanged: no dot segment, escape or backslash in the
 * path, nothing in the query that URL would percent-encode, no empty "?".
 */
const PLAIN_TARGET = /^\/[A-Za-z0-9_\-/]*(\?[A-Za-z0-9_\-.~=&%+:,]+)?$/;

/**
 * The request's path and query. URL is built only for a path it might normalise, and for
 * pagination links: its two parses were about 2 % of the server's CPU under single status POSTs.
 */
function requestTarget(req: IncomingMessage): { pathname: string; search: string; url: () => URL } {
  const raw = req.url ?? "/";
  const q = raw.indexOf("?");
  const pathname = q < 0 ? raw : raw.slice(0, q);
  let url: URL | undefined;
  const lazyUrl = () => (url ??= absoluteUrl(req));
  if (PLAIN_TARGET.test(raw)) return { pathname, search: q < 0 ? "" : raw.slice(q), url: lazyUrl };
  const parsed = lazyUrl();
  return { pathname: parsed.pathname, search: parsed.search, url: lazyUrl };
}

async function answerRequest(req: IncomingMessage, router: QualichargeRouter, chunks: AsyncIterable<Uint8Array>, state: CallState): Promise<QualichargeAnswer> {
  const target = requestTarget(req);
  const path = target.pathname.slice(QUALICHARGE_PREFIX.length) || "/";
  const resolution = router.resolve(req.method ?? "GET", path);
  if (resolution.kind === "not-found") throw detailError(404, "Not Found");
  if (resolution.kind === "method-not-allowed") throw detailError(405, "Method Not Allowed", { Allow: resolution.allowed.join(", ") });
  if (resolution.kind === "redirect") return { status: 307, body: undefined, headers: { Location: `${QUALICHARGE_PREFIX}${resolution.path}${target.search}` } };
  const { route, params }: RouteMatch = resolution.match;
  state.endpoint = route.path;
  if (route.scope) {
    state.principal = await authenticateBearer(headerOf(req, "authorization"));
    if (route.scope !== "authenticated") requireScope(state.principal, route.scope);
  }
  let body: Promise<RawBody> | null = null;
  let query: URLSearchParams | undefined;
  const ctx: QualichargeContext = {
    req,
    method: route.method as Method,
    path,
    get url() {
      return target.url();
    },
    get query() {
      return (query ??= new URLSearchParams(target.search));
    },
    params,
    header: (name) => headerOf(req, name),
    ip: headerOf(req, CLIENT_IP_HEADER)?.trim() || "inconnue",
    principal: state.principal,
    body: () => {
      body ??= readRawBody(chunks, headerOf(req, "content-encoding"), { gzip: route.gzip ?? true }).then((b) => {
        state.sizeBytes = b.bytes.length;
        return b;
      });
      return body;
    },
    counts: state.counts,
    journalRow: (httpStatus) => journalRowOf(req, state, httpStatus),
    journaled: () => {
      state.journaled = true;
    },
  };
  return route.handle(ctx);
}

interface CallState {
  receivedAt: Date;
  started: number;
  journaled: boolean;
  principal: QualichargePrincipal | null;
  endpoint: string;
  sizeBytes: number;
  counts: { received: number; stored: number; unchanged: number };
}

/** The call's journal row as it stands now (endpoint with its /api/v1 prefix, as stored). */
function journalRowOf(req: IncomingMessage, state: CallState, httpStatus: number): JournalRow {
  return {
    env: state.principal?.env ?? null,
    operatorId: state.principal?.operatorId ?? null,
    apiUserId: state.principal?.id ?? null,
    endpoint: `${QUALICHARGE_PREFIX}${state.endpoint}`,
    method: req.method ?? "GET",
    ipAddress: headerOf(req, CLIENT_IP_HEADER),
    receivedAt: state.receivedAt,
    durationMs: Math.round(performance.now() - state.started),
    sizeBytes: state.sizeBytes,
    httpStatus,
  };
}

export async function serveQualicharge(req: IncomingMessage, res: ServerResponse, router: QualichargeRouter): Promise<void> {
  const guarded = guardBody(req, getEnv().API_BODY_TIMEOUT_MS);
  const state: CallState = {
    receivedAt: new Date(),
    started: performance.now(),
    journaled: false,
    principal: null,
    endpoint: "",
    sizeBytes: 0,
    counts: { received: 0, stored: 0, unchanged: 0 },
  };
  let answer: QualichargeAnswer;
  try {
    answer = await answerRequest(req, router, guarded.body, state);
  } catch (e) {
    answer = qualichargeFailure(e);
  } finally {
    guarded.done();
  }
  if (state.principal && !state.journaled) {
    try {
      await recordQualichargeCall({ ...journalRowOf(req, state, answer.status), ...state.counts, errors: errorsOf(answer) });
    } catch (e) {
      // The call's answer stands (its data are stored or not by now); the journal is best effort here.
      if (getEnv().LOG_ERRORS) console.error("[qualicharge] journal write failed", e);
    }
  }
  if (res.destroyed || !res.writable) return;
  const headers: Record<string, string | number> = { "Cache-Control": "no-store", ...answer.headers };
  if (!req.complete) headers.Connection = "close";
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
