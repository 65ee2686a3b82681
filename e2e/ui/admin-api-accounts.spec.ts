import type { Locator } from "@playwright/test";
import { test, expect, DEMO, login, expectAccessible, newUserPage } from "../support/test";
import { makeOperator, uniqueSuffix } from "@/cli/demo/factories";
import { createOperationalUnit } from "@/lib/api-accounts/create-operational-unit";
import { createApiGroup } from "@/lib/api-accounts/create-api-group";
import { createApiUser } from "@/lib/api-accounts/create-api-user";
import { expectErrorSummary } from "../support/forms";

// The administrator gives the demo operator a machine account of the QualiCharge API: an
// operational unit, a group holding it, an API user in the group with two scopes. The generated
// password is shown once and opens the API (/api/v1/auth/token, then whoami); the operator sees
// its unit, its user and the user's scopes in its console, without any secret.

/** Ticks or unticks a DSFR checkbox from the keyboard (its label covers the input for the mouse). */
async function toggle(box: Locator, checked: boolean): Promise<void> {
  await box.focus();
  await box.press("Space");
  await expect(box).toBeChecked({ checked });
}

test("l'administrateur crée une unité, un groupe et un utilisateur d'API ; l'opérateur les voit dans sa console", async ({
  page,
  browser,
  request,
  consoleErrors,
}) => {
  // Three forms with a refusal each, a token, two sessions and three accessibility checks: longer than most journeys.
  test.setTimeout(120_000);
  const tag = uniqueSuffix();
  const code = `FR${tag.slice(0, 3).toUpperCase()}`;
  const groupName = `groupe-${tag}`;
  const username = `api-${tag}`;
  await login(page, DEMO.admin.email, DEMO.admin.password);
  await page.getByRole("link", { name: "Comptes de l'API QualiCharge" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Comptes de l'API QualiCharge");
  await expectAccessible(page);

  const unitForm = page.getByRole("form", { name: "Nouvelle unité opérationnelle" });
  await unitForm.getByLabel("Code AFIREV").fill("XY1");
  await unitForm.getByLabel("Nom de l'unité").fill(`Unité ${tag}`);
  await unitForm.getByLabel(/^Opérateur/).selectOption({ label: "Recharge Démo SAS" });
  await unitForm.getByRole("button", { name: "Créer l'unité" }).click();
  await expectErrorSummary(page, "unite", { code: "Code de l'unité : préfixe AFIREV de 5 caractères, « FR » suivi de 3 lettres ou chiffres (ex. FRXYZ)" });
  await unitForm.getByLabel("Code AFIREV").fill(code.toLowerCase());
  await unitForm.getByRole("button", { name: "Créer l'unité" }).click();
  await expect(unitForm.getByTestId("form-feedback")).toContainText(`L'unité opérationnelle ${code} est créée.`);
  await expect(page.getByRole("table", { name: "Unités opérationnelles" })).toContainText(`Unité ${tag}`);

  const groupForm = page.getByRole("form", { name: "Nouveau groupe" });
  await groupForm.getByLabel("Nom du groupe").fill(groupName);
  await groupForm.getByLabel(/^Opérateur du groupe/).selectOption({ label: "Recharge Démo SAS" });
  await toggle(groupForm.getByLabel(new RegExp(`^${code} — Unité ${tag}`)), true);
  await groupForm.getByRole("button", { name: "Créer le groupe" }).click();
  await expect(groupForm.getByTestId("form-feedback")).toContainText(`Le groupe « ${groupName} » est créé.`);
  await expect(page.getByRole("table", { name: "Groupes" }).getByRole("row", { name: new RegExp(groupName) })).toContainText(code);

  // A superuser of an operator is refused, in French, next to its box.
  const userForm = page.getByRole("form", { name: "Nouvel utilisateur d'API" });
  await userForm.getByLabel("Identifiant de connexion").fill(username);
  await userForm.getByLabel("Adresse e-mail de contact").fill(`${username}@exemple.fr`);
  await userForm.getByLabel(/^Opérateur/).selectOption({ label: "Recharge Démo SAS" });
  await toggle(userForm.getByLabel(/^Super-utilisateur : tous les droits/), true);
  await userForm.getByRole("button", { name: "Créer l'utilisateur d'API" }).click();
  await expectErrorSummary(page, "api-user", {
    isSuperuser:
      "Super-utilisateur : réservé aux comptes de l'opérateur technique (sans opérateur de rattachement), car il voit et écrit les points de tous les opérateurs",
  });
  await toggle(userForm.getByLabel(/^Super-utilisateur : tous les droits/), false);
  await toggle(userForm.getByLabel(new RegExp(`^${groupName}`)), true);
  await toggle(userForm.getByLabel("static:read", { exact: true }), true);
  await toggle(userForm.getByLabel("dynamic:create", { exact: true }), true);
  await userForm.getByRole("button", { name: "Créer l'utilisateur d'API" }).click();
  await expect(userForm.getByTestId("issued-login")).toHaveText(username);
  const password = (await userForm.getByTestId("issued-secret").textContent()) ?? "";
  expect(password.length).toBeGreaterThanOrEqual(20);
  await expectAccessible(page);
  const row = page.getByRole("table", { name: "Utilisateurs d'API" }).getByRole("row", { name: new RegExp(username) });
  await expect(row).toContainText("static:read, dynamic:create");
  await expect(row).toContainText("Jamais");

  // The password opens the QualiCharge API: a token, whose user holds the new unit.
  const token = await request.post("/api/v1/auth/token", { form: { username, password } });
  expect(token.status()).toBe(200);
  const { access_token } = (await token.json()) as { access_token: string };
  const whoami = await request.get("/api/v1/auth/whoami", { headers: { authorization: `Bearer ${access_token}` } });
  expect(await whoami.json()).toMatchObject({ username, scopes: ["static:read", "dynamic:create"], operational_units: [code], is_superuser: false });

  // Shown once: gone after a reload.
  await page.reload();
  await expect(page.getByTestId("issued-secret")).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Utilisateurs d'API" }).getByRole("row", { name: new RegExp(username) })).not.toContainText("Jamais");

  const operator = await newUserPage(browser, consoleErrors);
  await login(operator, DEMO.operateur.email, DEMO.operateur.password);
  await operator.getByRole("link", { name: "Comptes de l'API QualiCharge" }).click();
  await expect(operator.getByRole("heading", { level: 1 })).toHaveText("Comptes de l'API QualiCharge");
  await expect(operator.getByRole("table", { name: "Unités opérationnelles" }).getByRole("row", { name: new RegExp(code) })).toContainText(`Unité ${tag}`);
  const own = operator.getByRole("table", { name: "Utilisateurs d'API" }).getByRole("row", { name: new RegExp(username) });
  await expect(own).toContainText("static:read, dynamic:create");
  await expect(own).toContainText("Actif");
  await expect(operator.locator("body")).not.toContainText(password);
  await expectAccessible(operator);
});

test("l'administrateur modifie les droits d'un utilisateur d'API, les unités d'un groupe et le nom d'une unité", async ({ page }) => {
  const tag = uniqueSuffix();
  const operator = await makeOperator({ name: `Recharge ${tag}` });
  const [first, second] = [`FR${tag.slice(0, 3).toUpperCase()}`, `FR${tag.slice(3, 6).toUpperCase()}`];
  for (const code of [first, second]) await createOperationalUnit({ code, name: `Unité ${code}`, operatorId: operator.id, actor: "test" });
  const group = await createApiGroup({ name: `groupe-${tag}`, operatorId: operator.id, unitCodes: [first], actor: "test" });
  const user = await createApiUser(
    { username: `api-${tag}`, email: `api-${tag}@exemple.fr`, operatorId: operator.id, groupIds: [group.id], scopes: ["static:read"], actor: "test" },
    {},
  );
  await login(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto("/admin/api-qualicharge");
  // A click on a Next.js link before the page has hydrated and finished prefetching was seen to do
  // nothing at all (no request in the trace, twice): click once the page is settled.
  await page.waitForLoadState("networkidle");
  await page.getByRole("table", { name: "Utilisateurs d'API" }).getByRole("link", { name: user.username }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Utilisateur d'API ${user.username}`);
  const userForm = page.getByRole("form", { name: `Modifier l'utilisateur d'API ${user.username}` });
  await expect(userForm.getByLabel("static:read", { exact: true })).toBeChecked();
  await toggle(userForm.getByLabel("static:read", { exact: true }), false);
  await toggle(userForm.getByLabel("manage:read", { exact: true }), true);
  await userForm.getByRole("button", { name: "Enregistrer l'utilisateur d'API" }).click();
  await expect(userForm.getByTestId("form-feedback")).toContainText(`L'utilisateur d'API ${user.username} est enregistré.`);
  await expect(userForm.getByLabel("manage:read", { exact: true })).toBeChecked();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Comptes de l'API QualiCharge" }).click();
  await expect(page.getByRole("table", { name: "Utilisateurs d'API" }).getByRole("row", { name: new RegExp(user.username) })).toContainText("manage:read");
  await page.getByRole("table", { name: "Groupes" }).getByRole("link", { name: group.name }).click();
  const groupForm = page.getByRole("form", { name: `Modifier le groupe ${group.name}` });
  await toggle(groupForm.getByLabel(new RegExp(`^${second} —`)), true);
  await groupForm.getByRole("button", { name: "Enregistrer le groupe" }).click();
  await expect(groupForm.getByTestId("form-feedback")).toContainText(`Le groupe « ${group.name} » est enregistré.`);
  await page.getByRole("link", { name: "Comptes de l'API QualiCharge" }).click();
  await expect(page.getByRole("table", { name: "Groupes" }).getByRole("row", { name: new RegExp(group.name) })).toContainText(
    [first, second].sort().join(", "),
  ); // listed by code

  await page.getByRole("table", { name: "Unités opérationnelles" }).getByRole("link", { name: second }).click();
  const unitForm = page.getByRole("form", { name: `Renommer l'unité ${second}` });
  await unitForm.getByLabel("Nom de l'unité").fill(`Réseau ${tag}`);
  await unitForm.getByRole("button", { name: "Enregistrer le nom" }).click();
  await expect(unitForm.getByTestId("form-feedback")).toContainText(`L'unité opérationnelle ${second} s'appelle désormais « Réseau ${tag} ».`);
  await expect(page.getByText(`Groupes qui la détiennent : ${group.name}.`)).toBeVisible();
});
