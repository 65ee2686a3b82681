import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// Browser tests fail on any console error or uncaught page error they did not expect. A test
// that provokes one on purpose (a refused login answers 401) declares it with `allow`.
export interface ConsoleErrors {
  allow(pattern: RegExp): void;
  /** Watches another page of the test (a second user's browser context). */
  watch(page: Page): void;
}

export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const allowed: RegExp[] = [];
      // The browser is shared by every test of the worker: another user's context left open would
      // live on (a polling page keeps calling the server) and slow every later test down.
      const others = new Set<BrowserContext>();
      const watch = (p: Page) => {
        if (p.context() !== page.context()) others.add(p.context());
        // Each error says where it was logged, so a failure seen only in CI can be traced.
        p.on("console", (msg) => {
          if (msg.type() === "error") errors.push(`${msg.text()} (page ${p.url()}, ${msg.location().url})`);
        });
        p.on("pageerror", (err) => errors.push(`${err.stack ?? err.message} (${p.url()})`));
      };
      watch(page);
      await use({ allow: (pattern) => allowed.push(pattern), watch });
      const unexpected = errors.filter((e) => !allowed.some((p) => p.test(e)));
      for (const context of others) await context.close();
      expect(unexpected, "erreurs inattendues dans la console du navigateur").toEqual([]);
    },
    { auto: true },
  ],
});

/** The browser logs the 404 of a page that is not found (or not the viewer's). */
export const NOT_FOUND = /status of 404 \(Not Found\)/;

/** The browser logs the 403 of a refused page (app/forbidden.tsx). */
export const FORBIDDEN = /status of 403 \(Forbidden\)/;

/**
 * Opens `path` as a signed-in person whose role may not: the refusal page answers 403 in place
 * (the address stays), in French. Declares the browser's log of that 403 as expected.
 */
export async function expectForbidden(page: Page, consoleErrors: ConsoleErrors, path: string, who = ""): Promise<void> {
  consoleErrors.allow(FORBIDDEN);
  const response = await page.goto(path);
  expect(response?.status(), `${who} ouvrant ${path}`).toBe(403);
  expect(new URL(page.url()).pathname, `${who} ouvrant ${path}`).toBe(path.split("?")[0]);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accès refusé");
}

/** The browser logs the 401 of a refused login; that one is expected. */
export const REFUSED_LOGIN = /status of 401 \(Unauthorized\)/;

export { expect };

export const DEMO = {
  beneficiaire: { email: "beneficiaire@demo.advenir.fr", password: "Demo-Beneficiaire-2026", home: "/beneficiaire", name: "Bérénice Bénéficiaire" },
  operateur: { email: "operateur@demo.advenir.fr", password: "Demo-Operateur-2026", home: "/operateur", name: "Olivier Opérateur" },
  comite: { email: "comite@demo.advenir.fr", password: "Demo-Comite-2026", home: "/comite", name: "Camille Comité" },
  admin: { email: "admin@demo.advenir.fr", password: "Demo-Admin-2026", home: "/admin", name: "Alice Admin" },
} as const;

export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  // Done when the browser has left the login page, or the refusal is shown.
  await Promise.race([page.waitForURL((url) => !url.pathname.startsWith("/connexion")), page.locator("#login-error").waitFor()]);
}

/** No serious or critical accessibility violation on the current page. */
export async function expectAccessible(page: Page): Promise<void> {
  // After a server action re-renders a page, Next.js streams its metadata after the content: the
  // <title> is missing for a moment. Axe checks the page once settled; a page that never gets a
  // title still fails, here.
  await expect(page, "the page has a title").toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** A new browser context (another user) whose console is watched like the test's own page. */
export async function newUserPage(browser: Browser, consoleErrors: ConsoleErrors): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  consoleErrors.watch(page);
  return page;
}
