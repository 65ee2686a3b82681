import { test, expect, login, expectAccessible, newUserPage } from "../support/test";
import { makeApiCredential, makeOperator, makeUser, uniqueSuffix } from "@/cli/demo/factories";

// Issue 15: the operator console's list of submissions follows the API calls without a reload
// (react-query polling /api/operateur/envois); without JavaScript the page is complete.
test("la liste des envois se met à jour seule ; sans JavaScript elle reste complète", async ({ browser, consoleErrors }) => {
  // Two browser contexts, a wait for the 10-second polling and an axe pass: on a loaded 2-core
  // machine the journey took 61 s of the default 60 (CI of 2026-12-06: every step slow, none stuck).
  test.setTimeout(120_000);
  const operator = await makeOperator({ name: `Opérateur en direct ${uniqueSuffix()}` });
  const user = await makeUser({ role: "operateur", operatorId: operator.id });
  const credential = await makeApiCredential({ operatorId: operator.id, env: "production" });
  const page = await newUserPage(browser, consoleErrors);
  await login(page, user.email, user.password);
  await page.goto("/operateur/envois");
  await expect(page.getByTestId("submissions-status")).toHaveText("Aucun envoi ne correspond.");
  await expect(page.getByTestId("submissions-refresh")).toContainText("toutes les 10 secondes");

  const auth = { Authorization: `Basic ${Buffer.from(`${credential.username}:${credential.secret}`).toString("base64")}` };
  const t0 = 1_700_000_000;
  const sent = await page.request.post("/api/operation/put", {
    headers: auth,
    data: {
      [operator.id]: { [`INCONNUE-${uniqueSuffix()}`]: { "OP-1": { StartTransaction: t0, StopTransaction: t0 + 3600, StartValue: 0, StopValue: 7000 } } },
    },
  });
  expect(sent.status()).toBeGreaterThanOrEqual(200);
  // Shown without reloading the page.
  await expect(page.getByTestId("submissions-table").getByRole("row")).toHaveCount(2, { timeout: 25_000 });
  await expect(page.getByTestId("submissions-status")).toHaveText("1 envoi(s) — page 1 sur 1.");
  await expectAccessible(page);

  const api = await page.request.get("/api/operateur/envois");
  expect(api.status()).toBe(200);
  const body = await api.json();
  expect(body).toMatchObject({ total: 1, page: 1, pageCount: 1 });
  expect(body.items[0]).toMatchObject({ endpoint: "/api/operation/put", env: "production" });
  expect(JSON.stringify(body)).not.toMatch(/StartTransaction/);

  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const nojs = await context.newPage();
  consoleErrors.watch(nojs);
  await nojs.goto("/operateur/envois");
  await expect(nojs.getByTestId("submissions-table").getByRole("row")).toHaveCount(2);
});
