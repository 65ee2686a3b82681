import type { Page } from "@playwright/test";
import { test, expect, DEMO } from "../support/test";

// After login, only a path of the portal is followed; anything else lands on the role's home
// (every bypass is unit-tested in lib/auth/safe-callback.test.ts).
async function loginFrom(page: Page, callbackUrl: string) {
  await page.goto(`/connexion?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Adresse e-mail").fill(DEMO.comite.email);
  await page.getByLabel("Mot de passe").fill(DEMO.comite.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
}

for (const callbackUrl of ["/\\evil.example/phish", "//evil.example/phish", "https://evil.example/phish"]) {
  test(`après connexion, « ${callbackUrl} » n'est pas suivi : accueil du rôle`, async ({ page }) => {
    await loginFrom(page, callbackUrl);
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/comite$/);
  });
}

test("après connexion, un chemin du portail est suivi", async ({ page }) => {
  await loginFrom(page, "/comite/declarations-en-retard");
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/comite\/declarations-en-retard$/);
});
