import { test, expect, DEMO, login, expectAccessible, expectForbidden, REFUSED_LOGIN } from "../support/test";

const ROLES = Object.keys(DEMO) as (keyof typeof DEMO)[];

for (const role of ROLES) {
  test(`le compte de démonstration ${role} se connecte et arrive sur son espace`, async ({ page, consoleErrors }) => {
    const account = DEMO[role];
    await login(page, account.email, account.password);
    await expect(page).toHaveURL(new RegExp(`${account.home}$`));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText(account.name).first()).toBeVisible();
    await expectAccessible(page);

    // …and no other role's page: each answers 403 with the refusal page.
    for (const other of ROLES.filter((r) => r !== role)) await expectForbidden(page, consoleErrors, DEMO[other].home, role);
  });
}

test("un mauvais mot de passe est refusé avec un message en français", async ({ page, consoleErrors }) => {
  consoleErrors.allow(REFUSED_LOGIN);
  await login(page, DEMO.comite.email, "pas-le-bon-mot-de-passe");
  await expect(page.locator("#login-error")).toContainText("Adresse e-mail ou mot de passe incorrect.");
  await expect(page.locator("#login-error")).toBeFocused();
  await expect(page).toHaveURL(/\/connexion$/);
  await expectAccessible(page);
});

test("après des échecs répétés, la connexion est bloquée temporairement", async ({ page, consoleErrors }) => {
  consoleErrors.allow(REFUSED_LOGIN);
  const email = `inconnu-${Date.now()}@exemple.fr`;
  for (let i = 0; i < 5; i++) {
    await login(page, email, "mauvais-mot-de-passe");
    await expect(page.locator("#login-error")).toContainText("incorrect");
  }
  await login(page, email, "mauvais-mot-de-passe");
  await expect(page.locator("#login-error")).toContainText("Trop de tentatives de connexion");
});

test("un bénéficiaire qui ouvre une page d'administration est refusé (403)", async ({ page, consoleErrors }) => {
  await login(page, DEMO.beneficiaire.email, DEMO.beneficiaire.password);
  await expect(page).toHaveURL(/\/beneficiaire$/);
  await expectForbidden(page, consoleErrors, "/admin/journal");
  await expect(page.getByText("Journal d'audit")).toHaveCount(0);
  await expectAccessible(page);
});

test("un visiteur anonyme est renvoyé vers la connexion", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fadmin$/);
  await expectAccessible(page);
});

test("la déconnexion ferme la session", async ({ page }) => {
  await login(page, DEMO.operateur.email, DEMO.operateur.password);
  await expect(page).toHaveURL(/\/operateur$/);
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  await expect(page).toHaveURL(/\/connexion/);
  await page.goto("/operateur");
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Foperateur$/);
});
