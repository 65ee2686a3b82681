import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { applySecurityHeaders, HSTS, NON_DOCUMENT_CSP } from "@/lib/platform/server/security-headers";

function exchange(url: string, options: { peer?: string; headers?: Record<string, string>; encrypted?: boolean } = {}) {
  const req = {
    url,
    socket: { remoteAddress: options.peer ?? "203.0.113.7", encrypted: options.encrypted },
    headers: { ...options.headers },
  } as unknown as IncomingMessage;
  const sent: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => void (sent[name.toLowerCase()] = value) } as unknown as ServerResponse;
  return { req, res, sent };
}

const env = { TRUSTED_PROXIES: ["10.0.0.1"], NEXTAUTH_URL: "http://localhost:3000" };

describe("applySecurityHeaders", () => {
  it("gives a page a CSP with a fresh nonce, also set on the request for Next.js to use", () => {
    const a = exchange("/connexion?callbackUrl=%2Fadmin");
    applySecurityHeaders(a.req, a.res, env);
    const csp = a.sent["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(a.req.headers["content-security-policy"]).toBe(csp);
    const b = exchange("/connexion");
    applySecurityHeaders(b.req, b.res, env);
    expect(b.sent["content-security-policy"]).not.toBe(csp);
    expect(a.sent).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
      "x-frame-options": "DENY",
      "cross-origin-opener-policy": "same-origin",
    });
    expect(a.sent["permissions-policy"]).toContain("camera=()");
    expect(a.sent["strict-transport-security"]).toBeUndefined();
  });

  it("never lets the client choose the nonce", () => {
    const forged = "script-src 'nonce-choisi'";
    const page = exchange("/", { headers: { "content-security-policy": forged, "content-security-policy-report-only": forged } });
    applySecurityHeaders(page.req, page.res, env);
    expect(page.req.headers["content-security-policy"]).not.toContain("choisi");
    expect(page.req.headers["content-security-policy-report-only"]).toBeUndefined();
    const api = exchange("/api/health", { headers: { "content-security-policy": forged } });
    applySecurityHeaders(api.req, api.res, env);
    expect(api.req.headers["content-security-policy"]).toBeUndefined();
  });

  it("gives data answers and static files a policy that runs and frames nothing", () => {
    for (const url of ["/api/operation/put", "/api/health?x=1", "/_next/static/chunks/a.js"]) {
      const x = exchange(url);
      applySecurityHeaders(x.req, x.res, env);
      expect(x.sent["content-security-policy"], url).toBe(NON_DOCUMENT_CSP);
      expect(x.sent["x-content-type-options"], url).toBe("nosniff");
    }
  });

  it("adds HSTS and upgrade-insecure-requests only when the browser came over HTTPS", () => {
    const cases: [string, Parameters<typeof exchange>[1], typeof env, boolean][] = [
      ["plain HTTP", {}, env, false],
      ["TLS on this server", { encrypted: true }, env, true],
      ["public URL in https", {}, { ...env, NEXTAUTH_URL: "https://advenir.example.fr" }, true],
      ["trusted proxy saying https", { peer: "::ffff:10.0.0.1", headers: { "x-forwarded-proto": "https" } }, env, true],
      ["trusted proxy saying http", { peer: "10.0.0.1", headers: { "x-forwarded-proto": "http" } }, env, false],
      ["untrusted client claiming https", { headers: { "x-forwarded-proto": "https" } }, env, false],
    ];
    for (const [what, options, e, https] of cases) {
      const x = exchange("/admin", options);
      applySecurityHeaders(x.req, x.res, e);
      expect(x.sent["strict-transport-security"], what).toBe(https ? HSTS : undefined);
      expect(x.sent["content-security-policy"].includes("upgrade-insecure-requests"), what).toBe(https);
    }
  });
});
