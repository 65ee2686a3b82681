import { test, expect, DEMO, login, expectAccessible, expectForbidden } from "../support/test";
import { expectErrorSummary } from "../support/forms";
import { makeApiCredential, makeUser, uniqueSuffix } from "@/cli/demo/factories";
import { db } from "@/lib/platform/db/database";

// Issue 15, web security: a wrong secret sent with an operator's API login goes to the admin's
// security log (aggregated per login, address and hour), not into the operator's submissions
// journal; the operator sees a count of the refused attempts on its logins.

const basic = (username: string, secret: string) => ({ Authorization: `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}` });

/** An operator's account and API login, tried three times with a wrong secret. */
async function triedThreeTimes(request: import("@playwright/test").APIRequestContext) {
  const operator = await makeUser({ role: "operateur" });
  const credential = await makeApiCredential({ operatorId: operator.operatorId!, username: `op-securite-${uniqueSuffix()}` });
  for (let i = 0; i < 3; i++) {
    expect(
      (await request.post("/api/operation/put", { headers: basic(credential.username, `faux-${i}`), data: { [operator.operatorId!]: {} } })).status(),
    ).toBe(401);
  }
  return { operator, credential };
}

test("mauvais secret : l'opérateur n'en voit que le nombre, rien dans ses envois, et pas le journal de sécurité", async ({ page, consoleErrors }) => {
  const { operator, credential } = await triedThreeTimes(page.request);
  await login(page, operator.email, operator.password);
  await expect(page.getByTestId("auth-failures")).toHaveText(
    "Authentifications refusées sur vos identifiants d'API ces 30 derniers jours : 3 secret(s) incorrect(s). Si ce n'est pas vous, changez le secret concerné dans vos identifiants d'API.",
  );
  await expectAccessible(page);
  await page.goto("/operateur/envois");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(credential.username)).toHaveCount(0);
  expect(await (await db()).submission.count({ where: { operatorId: operator.operatorId! } })).toBe(0);
  // The security log is the admin's only.
  await expectForbidden(page, consoleErrors, "/admin/securite", "l'opérateur");
});

test("mauvais secret : une ligne du journal de sécurité de l'admin compte les tentatives, retrouvée par identifiant", async ({ page }) => {
  const { credential } = await triedThreeTimes(page.request);
  await login(page, DEMO.admin.email, DEMO.admin.password);
  await page.getByRole("link", { name: "Journal de sécurité" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Journal de sécurité");
  await page.getByRole("textbox", { name: /^Identifiant/ }).fill(credential.username);
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(new RegExp(`identifiant=${credential.username}`));
  const table = page.getByTestId("security-table");
  await expect(table.getByRole("row")).toHaveCount(2);
  const row = table.getByRole("row").nth(1);
  await expect(row.getByRole("cell").nth(1)).toHaveText(credential.username);
  await expect(row.getByRole("cell").nth(4)).toHaveText("3");
  await expect(row.getByRole("cell").nth(5)).toHaveText("0");
  await expect(page.getByRole("status").filter({ hasText: "échec(s)" })).toHaveText(/^3 échec\(s\) et 0 tentative\(s\) pendant un blocage, sur 1 ligne\(s\)/);
  await expectAccessible(page);

  // Bad dates are refused in French, with the error summary.
  await page.goto("/admin/securite?du=2026-02-01&au=2026-01-01");
  await expectErrorSummary(page, "securite", { au: "Au : la date de fin vient avant la date de début" });
  await expectAccessible(page);
});

test("journal de sécurité : pages de 50 lignes, filtre par adresse", async ({ page }) => {
  const prisma = await db();
  const tag = uniqueSuffix();
  const hour = Date.UTC(2026, 0, 10, 8);
  await prisma.securityEvent.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({
      login: `flood-${tag}`,
      ipAddress: `198.51.${tag}.${i}`,
      hourStart: new Date(hour),
      failures: 1,
      firstAt: new Date(hour),
      lastAt: new Date(hour),
    })),
  });
  await login(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto(`/admin/securite?identifiant=flood-${tag}`);
  const status = page.getByRole("status").filter({ hasText: "ligne(s)" });
  await expect(status).toContainText("sur 60 ligne(s) — page 1 sur 2");
  await expect(page.getByTestId("security-table").getByRole("row")).toHaveCount(51);
  await page.getByRole("navigation", { name: "Pages du journal de sécurité" }).getByRole("link", { name: "Page suivante" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/securite\\?identifiant=flood-${tag}&page=2$`));
  await expect(page.getByTestId("security-table").getByRole("row")).toHaveCount(11);
  await page.goto(`/admin/securite?identifiant=flood-${tag}&adresse=198.51.${tag}.42`);
  await expect(page.getByTestId("security-table").getByRole("row")).toHaveCount(2);
  await expect(page.getByTestId("security-table")).toContainText(`198.51.${tag}.42`);
});
