import { test, expect, login, expectAccessible, newUserPage } from "../support/test";
import { makeUser } from "@/cli/demo/factories";
import { ensureCommitteeData } from "../support/committee-data";

// Issue 15: the key figures open on the national view with the area selector shown; each
// selector changes the view without an "Afficher" click; without JavaScript the form still works.
test("les chiffres clés s'ouvrent sur la France entière et chaque filtre change la vue sans clic", async ({ page }) => {
  await ensureCommitteeData();
  const member = await makeUser({ role: "comite" });
  await login(page, member.email, member.password);
  await page.goto("/comite/indicateurs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Indicateurs du programme : chiffres clés");
  await expect(page.getByTestId("run-summary")).toContainText("France entière — ");
  await expect(page.getByLabel("Zone", { exact: true })).toBeVisible();
  await expect(page.getByTestId("kpi-energy_kwh")).toContainText("Couverture");
  await expect(page.getByTestId("carbon-attribution")).toContainText("Electricity Maps");
  await expectAccessible(page);

  await page.getByLabel("Période", { exact: true }).selectOption("2023-01-01");
  await expect(page).toHaveURL(/periode=2023-01-01/);
  await expect(page.getByTestId("run-summary")).toContainText("France entière — janvier 2023 — Tous les canaux");
  // Another mesh: the area list follows at once (fetched in the browser), then the area chosen is shown.
  await page.getByLabel("Maille").selectOption("departement");
  const zone = page.getByLabel("Zone (département)");
  await expect(zone.locator('option[value="29"]')).toHaveCount(1);
  await zone.selectOption("29");
  await expect(page).toHaveURL(/maille=departement.*zone=29|zone=29.*maille=departement/);
  await expect(page.getByTestId("run-summary")).toContainText("Département Finistère (29) — janvier 2023 — Tous les canaux");
  await page.getByLabel("Zone (département)").selectOption("2A");
  await expect(page.getByTestId("kpi-energy_kwh")).toContainText("secret statistique");
  await expectAccessible(page);
  // The filters stay usable with the keyboard: the focus stays on the selector used.
  await page.getByLabel("Canal").focus();
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(/canal=(?!all)/);
  await expect(page.getByLabel("Canal")).toBeFocused();
});

test("sans JavaScript, les filtres des chiffres clés restent un formulaire avec son bouton", async ({ browser, consoleErrors }) => {
  await ensureCommitteeData();
  const member = await makeUser({ role: "comite" });
  const signedIn = await newUserPage(browser, consoleErrors);
  await login(signedIn, member.email, member.password);
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await signedIn.context().storageState() });
  const page = await context.newPage();
  consoleErrors.watch(page);
  await page.goto("/comite/indicateurs?type=month&periode=2023-01-01");
  await expect(page.getByTestId("run-summary")).toContainText("France entière — janvier 2023");
  await page.getByLabel("Maille").selectOption("departement");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/maille=departement/);
  await page.getByLabel("Zone (département)").selectOption("29");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByTestId("run-summary")).toContainText("Département Finistère (29) — janvier 2023 — Tous les canaux");
});
