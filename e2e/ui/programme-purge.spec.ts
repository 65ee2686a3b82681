import { randomBytes } from "node:crypto";
import { test, expect, DEMO, login, expectAccessible, expectForbidden, newUserPage } from "../support/test";
import { makeApiCredential, makeUser } from "@/cli/demo/factories";
import { addOperations, makeIndicatorStations } from "@/tests/support/indicators/make-indicator-stations";
import { openDatabase } from "@/lib/platform/db/database";
import { createIsolatedDatabase } from "@/tests/support/common/isolated-database";
import { startPortalServer } from "@/tests/support/common/portal-server";
import { expectErrorSummary } from "../support/forms";

// End of the programme. On the shared server (no PROGRAMME_END_DATE) the admin sees what is held
// and that the purge is not possible yet; comité and operators are refused. The purge itself
// empties tables for everyone, so it runs on a server and database of its own.

test("l'administrateur voit les données individuelles conservées ; sans date de fin, pas de purge ; les autres rôles sont refusés", async ({
  page,
  browser,
  consoleErrors,
}) => {
  await login(page, DEMO.admin.email, DEMO.admin.password);
  await page.getByRole("link", { name: "Fin du programme : purge des données individuelles" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fin du programme : purge des données individuelles");
  await expect(page.getByRole("table", { name: "Données individuelles conservées à ce jour" })).toContainText("Opérations de recharge");
  await expect(page.getByText("Date de fin du programme non configurée")).toBeVisible();
  await expect(page.getByRole("button", { name: /Purger/ })).toHaveCount(0);
  await expectAccessible(page);

  for (const who of [DEMO.comite, DEMO.operateur]) {
    const other = await newUserPage(browser, consoleErrors);
    await login(other, who.email, who.password);
    await expectForbidden(other, consoleErrors, "/admin/donnees-individuelles", who.email);
    await other.context().close();
  }
});

test("après la fin du programme, l'administrateur purge les données individuelles et la collecte est close", async ({ page }) => {
  test.setTimeout(240_000);
  const own = await createIsolatedDatabase(process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres", "advenir_e2e_purge");
  const opened = await openDatabase(own.url);
  const server = await startPortalServer({
    DATABASE_URL: own.url,
    PROGRAMME_END_DATE: "2020-01-01",
    NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
    LOG_ERRORS: "true",
  });
  try {
    const prisma = opened.prisma;
    const origin = `http://127.0.0.1:${server.port}`;
    const admin = await makeUser({ prisma, role: "admin" });
    const { operatorId, stations } = await makeIndicatorStations(prisma, [{ beneficiary: 0, inseeCode: "69123", nominalPowerKw: 22 }]);
    await addOperations(prisma, [
      { operatorId, stationId: stations[0].id, start: new Date("2026-03-10T08:00:00Z"), stop: new Date("2026-03-10T09:00:00Z"), wh: 5000 },
    ]);
    const credential = await makeApiCredential({ prisma, operatorId });

    await page.goto(`${origin}/connexion`);
    await page.getByLabel("Adresse e-mail").fill(admin.email);
    await page.getByLabel("Mot de passe").fill(admin.password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${origin}/admin`);
    await page.goto(`${origin}/admin/donnees-individuelles`);
    const held = page.getByRole("table", { name: "Données individuelles conservées à ce jour" });
    await expect(held.getByRole("row", { name: /Opérations de recharge/ })).toContainText("1");
    await expect(page.getByText("Action irréversible")).toBeVisible();
    await expectAccessible(page);

    // A wrong phrase: the error is shown next to the field and nothing is deleted.
    await page.getByLabel(/Phrase de confirmation/).fill("oui");
    await page.getByRole("button", { name: "Purger définitivement les données individuelles" }).click();
    await expectErrorSummary(page, "purge", { confirmation: "recopiez exactement « PURGER LES DONNÉES INDIVIDUELLES »" });
    expect(await prisma.chargeOperation.count()).toBe(1);

    await page.getByLabel(/Phrase de confirmation/).fill("PURGER LES DONNÉES INDIVIDUELLES");
    await page.getByRole("button", { name: "Purger définitivement les données individuelles" }).click();
    await expect(page.getByTestId("form-feedback")).toContainText("Supprimé : 1 opération(s), 0 courbe(s)");
    expect(await prisma.chargeOperation.count()).toBe(0);
    await page.reload();
    await expect(page.getByText("Données individuelles purgées")).toBeVisible();
    await expect(held.getByRole("row", { name: /Opérations de recharge/ })).toContainText("0");

    // Collection is closed: the operator's credential no longer opens the data API.
    const post = await page.request.post(`${origin}/api/operation/put`, {
      headers: { authorization: `Basic ${Buffer.from(`${credential.username}:${credential.secret}`).toString("base64")}` },
      data: { [operatorId]: {} },
    });
    expect(post.status()).toBe(401);
  } finally {
    // Leave the server's pages before stopping it: a prefetch still in flight (or started once the
    // page is idle) would otherwise fail against a closed port and log a console error (CI, once).
    await page.goto("about:blank");
    await server.stop();
    await opened.close();
    await own.drop();
  }
});
