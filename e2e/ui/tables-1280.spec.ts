import type { Page } from "@playwright/test";
import { test, expect, login, expectAccessible } from "../support/test";
import { makeDossier, makeOperator, makeStations, makeUser, uniqueSuffix } from "@/cli/demo/factories";

// At 1,280 px, tables fit their column or scroll inside their DSFR wrapper (the page never
// scrolls sideways), and long lists come in pages.
test.use({ viewport: { width: 1280, height: 800 } });

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, "la page ne défile pas horizontalement").toBeLessThanOrEqual(clientWidth);
}

async function expectInsideColumn(page: Page, testId: string) {
  const container = page.getByTestId(testId).locator("xpath=ancestor::div[contains(@class,'fr-table__container')][1]");
  const [box, main] = [await container.boundingBox(), await page.locator("main").boundingBox()];
  expect(box!.x + box!.width).toBeLessThanOrEqual(main!.x + main!.width + 1);
}

test("console opérateur à 1 280 px : stations par pages de 25, envois lisibles jusqu'au lien de détail", async ({ page }) => {
  const suffix = uniqueSuffix();
  const operator = await makeOperator({ name: `Opérateur tables ${suffix}`, credentials: ["production"] });
  const user = await makeUser({ role: "operateur", operatorId: operator.id });
  const dossier = await makeDossier({ operatorId: operator.id, signed: true });
  await makeStations({
    dossierId: dossier.id,
    stations: Array.from({ length: 30 }, (_, i) => ({ stationCode: `TAB-${suffix}-${String(i).padStart(2, "0")}`, pointCount: 2, nominalPowerKw: 22 })),
  });
  const credential = operator.credentials[0];
  const auth = { Authorization: `Basic ${Buffer.from(`${credential.username}:${credential.secret}`).toString("base64")}` };
  const sent = await page.request.post("/api/operation/put", {
    headers: auth,
    data: {
      [operator.id]: { [`TAB-${suffix}-00`]: { T1: { StartTransaction: 1_700_000_000, StopTransaction: 1_700_003_600, StartValue: 0, StopValue: 5_000 } } },
    },
  });
  expect(sent.status()).toBe(200);

  await login(page, user.email, user.password);
  await expect(page).toHaveURL(/\/operateur$/);
  const stations = page.getByTestId("stations-table");
  await expect(stations.getByRole("row")).toHaveCount(26);
  await expect(page.getByText("30 stations, 25 par page — page 1 sur 2.")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectInsideColumn(page, "stations-table");
  await page.getByRole("navigation", { name: "Pages des stations" }).getByRole("link", { name: "Page suivante" }).click();
  await expect(page).toHaveURL(/\/operateur\?page=2#stations$/);
  await expect(stations.getByRole("row")).toHaveCount(6);
  await expect(stations).toContainText(`TAB-${suffix}-29`);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Envois", exact: true }).first().click();
  const table = page.getByTestId("submissions-table");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expectNoSidewaysScroll(page);
  await expectInsideColumn(page, "submissions-table");
  const detail = table.getByRole("row").nth(1).getByRole("link");
  // Scrolled down to (the filters above the table grew with the door filter), it is whole: nothing cut sideways.
  await detail.scrollIntoViewIfNeeded();
  await expect(detail).toBeInViewport({ ratio: 1 });
  await detail.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Envoi n° \d+$/);
});
