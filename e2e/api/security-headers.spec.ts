import { test, expect, type APIResponse } from "@playwright/test";

// Security headers on every kind of answer: pages (with a per-request CSP nonce that Next.js puts
// on its scripts), refusal and not-found pages, Next's route handlers, static files, and the
// ADVENIR data API answered by the Node server before Next.js (lib/platform/server/security-headers.ts).

function expectCommonHeaders(r: APIResponse, what: string) {
  const h = r.headers();
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("same-origin");
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["permissions-policy"], what).toContain("camera=()");
  expect(h["content-security-policy"], what).toContain("frame-ancestors 'none'");
  // Plain HTTP here: no HSTS (tests of the HTTPS cases: lib/platform/server/security-headers.test.ts).
  expect(h["strict-transport-security"], what).toBeUndefined();
}

test("pages : CSP à nonce par requête, porté par chaque script de la page", async ({ request }) => {
  const nonces: string[] = [];
  for (const path of ["/connexion", "/accessibilite", "/page-qui-n-existe-pas"]) {
    const r = await request.get(path);
    expectCommonHeaders(r, path);
    const csp = r.headers()["content-security-policy"];
    const nonce = /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/.exec(csp)?.[1];
    expect(nonce, path).toBeTruthy();
    expect(csp).toContain("object-src 'none'");
    const scripts = (await r.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    nonces.push(nonce!);
  }
  expect(new Set(nonces).size).toBe(nonces.length);
});

test("API du portail, fichiers statiques et API de données ADVENIR : en-têtes de sécurité", async ({ request }) => {
  const health = await request.get("/api/health");
  expectCommonHeaders(health, "/api/health");
  expect(health.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");

  const advenir = await request.post("/api/operation/put", { data: {} });
  expect(advenir.status()).toBe(401);
  expectCommonHeaders(advenir, "/api/operation/put");
  expect(advenir.headers()["content-security-policy"]).toContain("default-src 'none'");

  const page = await (await request.get("/connexion")).text();
  const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(page)![1];
  const file = await request.get(asset);
  expect(file.status()).toBe(200);
  expectCommonHeaders(file, asset);
});
