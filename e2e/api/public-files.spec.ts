import { test, expect } from "@playwright/test";

// public/: what browsers, phones and crawlers ask for, and the GIREVE channel's WSDL and XML Schemas
// (public/api/), served to anyone without a session.

test("robots.txt tient les espaces privés, l'API et la connexion hors des index", async ({ request }) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  const text = await response.text();
  for (const path of ["/beneficiaire", "/operateur", "/comite", "/admin", "/compte", "/connexion", "/api/"]) {
    expect(text).toContain(`Disallow: ${path}\n`);
  }
  expect(text).toContain("Allow: /\n");
});

test("le manifeste web et les icônes qu'il cite sont servis, et la page d'accueil les annonce", async ({ request }) => {
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const body = (await manifest.json()) as { lang: string; name: string; icons: { src: string }[] };
  expect(body).toMatchObject({ lang: "fr", name: "Portail de collecte ADVENIR" });
  for (const icon of body.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"]).toBe("image/png");
  }
  expect((await request.get("/favicon.ico")).status()).toBe(200);
  const home = await (await request.get("/")).text();
  expect(home).toContain('<link rel="manifest" href="/manifest.webmanifest"');
  expect(home).toContain('href="/apple-touch-icon.png"');
});

test("la page /docs/api lie le WSDL et les schémas XML du canal GIREVE, servis publiquement en XML", async ({ request }) => {
  const page = await request.get("/docs/api");
  expect(page.status()).toBe(200);
  const html = await page.text();
  expect(html).toContain("Canal GIREVE (eMIP)");
  const links = [...new Set([...html.matchAll(/href="(\/api\/gireve-emip[^"]*)"/g)].map((m) => m[1]))].sort();
  expect(links).toEqual(["/api/gireve-emip-authorisation.xsd", "/api/gireve-emip-dynamic.xsd", "/api/gireve-emip.wsdl", "/api/gireve-emip.xsd"]);
  for (const link of links) {
    const file = await request.get(link);
    expect(file.status(), link).toBe(200);
    expect(file.headers()["content-type"], link).toMatch(/^application\/(wsdl\+)?xml\b/);
    expect(await file.text(), link).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
  }
  // The WSDL's schemas are found next to it, and its service is the endpoint.
  const wsdl = await (await request.get("/api/gireve-emip.wsdl")).text();
  expect(wsdl).toContain('schemaLocation="gireve-emip-dynamic.xsd"');
  expect(wsdl).toContain('<soap12:address location="/api/gireve/emip"/>');
});
