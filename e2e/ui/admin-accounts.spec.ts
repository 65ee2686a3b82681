import { test, expect, DEMO, login, expectAccessible, expectForbidden, newUserPage, REFUSED_LOGIN } from "../support/test";
import { makeBeneficiary, makeSiren, makeUser, uniqueSuffix } from "@/cli/demo/factories";
import { expectErrorSummary } from "../support/forms";

// The administrator creates organisations and accounts from the browser: a beneficiary, an
// operator with its two API credentials, then a person's account attached to a beneficiary.
// Secrets are shown once, and they work: the credential opens the data API, the password logs in.
// Each journey is kept short (one form or one account's life) so that it holds on a busy machine.

const basic = (username: string, secret: string) => `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}`;

test("l'administrateur crée un bénéficiaire et un opérateur ; les accès affichés une fois ouvrent l'API", async ({ page, request }) => {
  const tag = uniqueSuffix();
  await login(page, DEMO.admin.email, DEMO.admin.password);
  await page.getByRole("link", { name: "Comptes, opérateurs et bénéficiaires" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Comptes, opérateurs et bénéficiaires");
  await expectAccessible(page);

  const beneficiaryForm = page.getByRole("form", { name: "Nouveau bénéficiaire" });
  await beneficiaryForm.getByLabel("Nom du bénéficiaire").fill(`Copropriété ${tag}`);
  await beneficiaryForm.getByLabel("SIREN (facultatif)").fill("123456789");
  await beneficiaryForm.getByRole("button", { name: "Créer le bénéficiaire" }).click();
  await expectErrorSummary(page, "beneficiaire", { siren: "SIREN invalide (clé de contrôle incorrecte)" });
  await beneficiaryForm.getByLabel("SIREN (facultatif)").fill("");
  await beneficiaryForm.getByRole("button", { name: "Créer le bénéficiaire" }).click();
  await expect(beneficiaryForm.getByTestId("form-feedback")).toContainText(`Le bénéficiaire « Copropriété ${tag} » est créé`);
  await expect(page.getByRole("table", { name: "Bénéficiaires" })).toContainText(`Copropriété ${tag}`);

  const operatorForm = page.getByRole("form", { name: "Nouvel opérateur" });
  await operatorForm.getByLabel("Raison sociale").fill(`Recharge ${tag}`);
  await operatorForm.getByLabel("SIREN").fill(makeSiren());
  await operatorForm.getByRole("button", { name: "Créer l'opérateur et ses accès" }).click();
  await expect(operatorForm.getByTestId("issued-secret")).toHaveCount(2);
  const logins = await operatorForm.getByTestId("issued-login").allTextContents();
  const secrets = await operatorForm.getByTestId("issued-secret").allTextContents();
  expect(logins[0]).toMatch(/-prod-/);
  // The production credential opens the data API: an empty body is refused for its content, not for its credential.
  const put = await request.post("/api/operation/put", {
    headers: { authorization: basic(logins[0], secrets[0]), "content-type": "application/json" },
    data: "{}",
  });
  expect(put.status()).toBe(400);
  const wrong = await request.post("/api/operation/put", {
    headers: { authorization: basic(logins[0], `${secrets[0]}x`), "content-type": "application/json" },
    data: "{}",
  });
  expect(wrong.status()).toBe(401);
});

test("l'administrateur crée le compte d'une personne : toutes les erreurs à la fois, puis le mot de passe affiché une fois ouvre une session", async ({
  page,
  browser,
  consoleErrors,
}) => {
  const tag = uniqueSuffix();
  await makeBeneficiary({ name: `Copropriété ${tag}`, siren: null });
  await login(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto("/admin/comptes");
  const accountForm = page.getByRole("form", { name: "Nouveau compte" });
  const email = `benedicte-${tag}@exemple.fr`.toLowerCase();
  await accountForm.getByLabel("Adresse e-mail").fill("pas-une-adresse");
  await accountForm.getByLabel("Nom affiché").fill(`Bénédicte ${tag}`);
  await accountForm.getByLabel("Rôle").selectOption("beneficiaire");
  await accountForm.getByRole("button", { name: "Créer le compte" }).click();
  // Every error at once: the address, and the missing beneficiary of a beneficiary's account.
  await expectErrorSummary(page, "compte", {
    email: "Adresse e-mail : adresse invalide (exemple : prenom.nom@exemple.fr)",
    beneficiaryId: "Bénéficiaire de rattachement : un compte bénéficiaire doit être rattaché à un bénéficiaire",
  });
  await accountForm.getByLabel("Adresse e-mail").fill(email);
  await accountForm.getByRole("button", { name: "Créer le compte" }).click();
  await expectErrorSummary(page, "compte", { beneficiaryId: "Bénéficiaire de rattachement : un compte bénéficiaire doit être rattaché à un bénéficiaire" });
  await accountForm.getByLabel("Bénéficiaire de rattachement").selectOption({ label: `Copropriété ${tag}` });
  await accountForm.getByRole("button", { name: "Créer le compte" }).click();
  await expect(accountForm.getByTestId("issued-login")).toHaveText(email);
  const password = (await accountForm.getByTestId("issued-secret").textContent()) ?? "";
  expect(password.length).toBeGreaterThanOrEqual(12);
  await expectAccessible(page);

  const person = await newUserPage(browser, consoleErrors);
  await login(person, email, password);
  await expect(person).toHaveURL(/\/beneficiaire$/);
});

test("l'administrateur désactive, réactive puis renouvelle le mot de passe d'un compte ; les sessions ouvertes se ferment", async ({
  page,
  browser,
  consoleErrors,
}) => {
  const tag = uniqueSuffix();
  const made = await makeUser({ role: "beneficiaire", name: `Bénédicte ${tag}`, email: `benedicte-${tag}@exemple.fr`.toLowerCase() });
  const { email, password } = made;
  const person = await newUserPage(browser, consoleErrors);
  await login(person, email, password);
  await expect(person).toHaveURL(/\/beneficiaire$/);
  await login(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto("/admin/comptes");

  // Disabled: the open session stops at its next page and the password no longer logs in.
  const accounts = page.getByRole("table", { name: "Comptes" });
  // A click before the page has hydrated was seen to leave the row as it was (CI, once): click once
  // the page is settled, and wait for the server's answer under the button.
  await page.waitForLoadState("networkidle");
  await accounts.getByRole("button", { name: `Désactiver le compte de Bénédicte ${tag}` }).click();
  await expect(accounts.getByRole("row", { name: new RegExp(email) }).getByRole("status")).toHaveText(`Le compte de Bénédicte ${tag} est désactivé.`);
  await expect(accounts.getByRole("row", { name: new RegExp(email) })).toContainText("Désactivé le");
  await person.reload();
  await expect(person).toHaveURL(/\/connexion$/);
  consoleErrors.allow(REFUSED_LOGIN);
  await login(person, email, password);
  await expect(person.locator("#login-error")).toBeVisible();
  await accounts.getByRole("button", { name: `Réactiver le compte de Bénédicte ${tag}` }).click();
  await expect(accounts.getByRole("row", { name: new RegExp(email) }).getByRole("status")).toHaveText(`Le compte de Bénédicte ${tag} est réactivé.`);
  await expect(accounts.getByRole("row", { name: new RegExp(email) })).toContainText("Actif");
  await login(person, email, password);
  await expect(person).toHaveURL(/\/beneficiaire$/);

  // A new password, shown once: the old one and the session opened with it stop working.
  const row = accounts.getByRole("row", { name: new RegExp(email) });
  await row.getByRole("button", { name: `Nouveau mot de passe pour le compte de Bénédicte ${tag}` }).click();
  await expect(row.getByTestId("issued-login")).toHaveText(email);
  const newPassword = (await row.getByTestId("issued-secret").textContent()) ?? "";
  expect(newPassword).not.toBe(password);
  await expectAccessible(page);
  await person.reload();
  await expect(person).toHaveURL(/\/connexion$/);
  await login(person, email, password);
  await expect(person.locator("#login-error")).toBeVisible();
  await login(person, email, newPassword);
  await expect(person).toHaveURL(/\/beneficiaire$/);
  await person.context().close();

  // The administrator's own row offers neither button the server would refuse (lock-out, own
  // password reset): it points to the page where one changes one's own password.
  const own = accounts.getByRole("row", { name: new RegExp(DEMO.admin.email) });
  await expect(own).toContainText("Actif");
  await expect(own.getByRole("button")).toHaveCount(0);
  await expect(own.getByRole("link", { name: "Changer mon mot de passe" })).toHaveAttribute("href", "/compte/mot-de-passe");
  await expect(accounts.getByRole("row", { name: new RegExp(DEMO.beneficiaire.email) }).getByRole("button")).toHaveCount(2);
});

test("les comptes ne se gèrent que par l'administrateur", async ({ page, consoleErrors }) => {
  for (const who of [DEMO.comite, DEMO.operateur, DEMO.beneficiaire]) {
    await page.context().clearCookies();
    await login(page, who.email, who.password);
    await expectForbidden(page, consoleErrors, "/admin/comptes", who.email);
  }
});
