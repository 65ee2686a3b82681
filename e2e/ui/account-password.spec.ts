import { test, expect, login, expectAccessible, newUserPage, REFUSED_LOGIN } from "../support/test";
import { makeUser } from "@/cli/demo/factories";

// A person changes their own password from the header link: a wrong current password is refused
// next to its field; once changed, every session of the account ends (another one opened before
// included), the old password is refused and the new one logs in.

const NEW = "une phrase de passe assez longue";

test("un mot de passe actuel erroné est refusé à côté de son champ, résumé d'erreurs focalisé", async ({ page }) => {
  const person = await makeUser({ role: "beneficiaire" });
  await login(page, person.email, person.password);
  await page.getByRole("link", { name: "Mot de passe" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Changer de mot de passe");
  await expectAccessible(page);

  await page.getByLabel("Mot de passe actuel", { exact: true }).fill("pas le bon mot de passe");
  await page.getByLabel(/^Nouveau mot de passe/).fill(NEW);
  await page.getByLabel("Confirmation du nouveau mot de passe").fill(NEW);
  await page.getByRole("button", { name: "Modifier le mot de passe" }).click();
  // The error summary takes the focus and links to the field, where the message shows too.
  const summary = page.getByTestId("form-feedback");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("heading")).toHaveText("Le formulaire contient 1 erreur");
  await expect(summary.getByRole("link", { name: /mot de passe actuel incorrect/ })).toHaveAttribute("href", "#mot-de-passe-currentPassword");
  await expect(page.locator("#mot-de-passe-currentPassword-desc-error")).toHaveText("mot de passe actuel incorrect");
  await expect(page.getByLabel("Mot de passe actuel", { exact: true })).toHaveValue("");
  await expectAccessible(page);
});

test("une personne change son mot de passe ; ses sessions se ferment et seul le nouveau ouvre une session", async ({ page, browser, consoleErrors }) => {
  const person = await makeUser({ role: "beneficiaire" });
  const elsewhere = await newUserPage(browser, consoleErrors);
  await login(elsewhere, person.email, person.password);
  await expect(elsewhere).toHaveURL(/\/beneficiaire$/);

  await login(page, person.email, person.password);
  await page.goto("/compte/mot-de-passe");
  await page.getByLabel("Mot de passe actuel", { exact: true }).fill(person.password);
  await page.getByLabel(/^Nouveau mot de passe/).fill(NEW);
  await page.getByLabel("Confirmation du nouveau mot de passe").fill(NEW);
  await page.getByRole("button", { name: "Modifier le mot de passe" }).click();
  await expect(page).toHaveURL(/\/connexion\?motdepasse=modifie$/);
  await expect(page.getByText("Votre mot de passe a été modifié et vos sessions fermées")).toBeVisible();
  await expectAccessible(page);

  // The session opened elsewhere has ended too.
  await elsewhere.goto("/beneficiaire");
  await expect(elsewhere).toHaveURL(/\/connexion/);

  consoleErrors.allow(REFUSED_LOGIN);
  await login(page, person.email, person.password);
  await expect(page.locator("#login-error")).toBeVisible();
  await login(page, person.email, NEW);
  await expect(page).toHaveURL(/\/beneficiaire$/);
});

test("sans session, la page du mot de passe renvoie vers la connexion", async ({ page }) => {
  await page.goto("/compte/mot-de-passe");
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fcompte%2Fmot-de-passe$/);
});
