import { test, expect } from "@playwright/test";

// public/: what browsers, phones and crawlers ask for, served to anyone without a session.

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
