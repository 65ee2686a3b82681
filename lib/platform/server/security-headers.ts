import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { normalizeAddress } from "@/lib/platform/server/sanitize-headers";

// Security headers of every answer of the portal: pages, Next's route handlers, static files and
// the ADVENIR data API answered by lib/platform/server before Next.js (ADR 0009).
//
// Pages get a Content-Security-Policy with a fresh nonce per request. Next.js reads the nonce from
// the *request's* Content-Security-Policy header and puts it on every script it renders (its
// bootstrap and the React payload are inline scripts); 'strict-dynamic' lets those scripts load
// the page's chunks. The DSFR needs no inline script (its colour scheme is fixed to "light" on the
// server, components/dsfr/dsfr-head.tsx). Styles allow 'unsafe-inline': React, the DSFR and the
// charts write style attributes, which a nonce cannot cover.

export interface SecurityHeaderEnv {
  TRUSTED_PROXIES: readonly string[];
  /** The portal's public URL: an https:// one means browsers always reach it over HTTPS. */
  NEXTAUTH_URL?: string;
  NODE_ENV?: string;
}

const COMMON: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** Machine answers (JSON, CSV, static files): nothing may run or be framed. */
export const NON_DOCUMENT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const HSTS = "max-age=31536000";

export function pageCsp(nonce: string, options: { https: boolean; dev?: boolean }): string {
  return [
    "default-src 'self'",
    // 'unsafe-eval' only under `next dev` (React's debugging rebuilds stacks with eval).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Paths answered as documents a browser renders (pages), as opposed to data and files. */
function isDocumentPath(path: string): boolean {
  return !(path.startsWith("/api/") || path.startsWith("/_next/static/") || path.startsWith("/_next/image"));
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Whether the browser reached the portal over HTTPS: TLS here, a trusted proxy saying so, or an https public URL. */
export function reachedOverHttps(req: IncomingMessage, env: SecurityHeaderEnv): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (env.NEXTAUTH_URL?.startsWith("https://")) return true;
  const peer = normalizeAddress(req.socket.remoteAddress);
  if (!env.TRUSTED_PROXIES.includes(peer)) return false;
  // The first value is what the client's own connection used (proxies append theirs).
  return single(req.headers["x-forwarded-proto"])?.split(",")[0]?.trim().toLowerCase() === "https";
}

/**
 * Sets the security headers of the answer to `req` (before anything answers it), and for pages
 * the request's CSP header from which Next.js takes the nonce. A CSP header sent by the client
 * is always dropped, so no client chooses the nonce.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, env: SecurityHeaderEnv): void {
  // Deleted only when present: a delete turns the headers object into a slower dictionary.
  if (req.headers["content-security-policy"] !== undefined) delete req.headers["content-security-policy"];
  if (req.headers["content-security-policy-report-only"] !== undefined) delete req.headers["content-security-policy-report-only"];
  for (const [name, value] of Object.entries(COMMON)) res.setHeader(name, value);
  const https = reachedOverHttps(req, env);
  if (https) res.setHeader("Strict-Transport-Security", HSTS);
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (!isDocumentPath(path)) {
    res.setHeader("Content-Security-Policy", NON_DOCUMENT_CSP);
    return;
  }
  const csp = pageCsp(randomBytes(16).toString("base64"), { https, dev: env.NODE_ENV === "development" });
  req.headers["content-security-policy"] = csp;
  res.setHeader("Content-Security-Policy", csp);
}
