import { test, expect, DEMO, login, expectAccessible, expectForbidden, NOT_FOUND } from "../support/test";

// The accessibility statement is linked from every page's footer; each page has one h1 (the
// DSFR display dialog added a second); error pages pass axe too.
test("déclaration d'accessibilité : liée depuis le pied de page, au modèle du RGAA", async ({ page }) => {
  await page.goto("/");
  await page
    .getByRole("contentinfo")
    .getByRole("link", { name: /Accessibilité : non conforme/ })
    .click();
  await expect(page).toHaveURL(/\/accessibilite$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Déclaration d'accessibilité");
  for (const section of [
    "État de conformité",
    "Résultats des tests",
    "Contenus non accessibles",
    "Établissement de cette déclaration d'accessibilité",
    "Retour d'information et contact",
    "Voies de recours",
  ])
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  await expect(page.locator("main")).toContainText("Défenseur des droits");
  await expectAccessible(page);
});

test("un seul titre h1 par page, pages d'erreur comprises, et axe sans anomalie grave", async ({ page, consoleErrors }) => {
  const pages = ["/", "/connexion", "/accessibilite", "/docs/api"];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator("h1"), path).toHaveCount(1);
  }
  consoleErrors.allow(NOT_FOUND);
  const missing = await page.goto("/nulle-part");
  expect(missing?.status()).toBe(404);
  await expect(page.locator("h1")).toHaveText("Page introuvable");
  await expectAccessible(page);

  await login(page, DEMO.operateur.email, DEMO.operateur.password);
  for (const path of ["/operateur", "/operateur/envois", "/compte/mot-de-passe"]) {
    await page.goto(path);
    await expect(page.locator("h1"), path).toHaveCount(1);
  }
  await expectForbidden(page, consoleErrors, "/admin");
  await expect(page.locator("h1")).toHaveCount(1);
  await expectAccessible(page);
});
