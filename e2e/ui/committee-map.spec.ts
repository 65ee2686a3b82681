import { test, expect, login, expectAccessible } from "../support/test";
import { makeUser } from "@/cli/demo/factories";
import { ensureCommitteeData } from "../support/committee-data";

// Issue "Committee indicators" and issue 15: the map names what it draws (France by
// département, not one département), its legend classes separate the values and say how.
test("la carte de France par département : secret hachuré, légende qui sépare les valeurs, données en CSV et par l'API", async ({ page }) => {
  await ensureCommitteeData();
  const member = await makeUser({ role: "comite" });
  await login(page, member.email, member.password);
  await page.goto("/comite/indicateurs/carte?type=month&periode=2023-01-01&maille=departement&canal=all");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Indicateurs : carte de France");
  await expect(page.getByTestId("run-summary")).toContainText("Carte de France, par département — janvier 2023 — Tous les canaux");
  await expect(page.getByTestId("run-summary")).not.toContainText("Finistère");
  await expect(page.locator('path[data-code="2A"]')).toHaveAttribute("fill", "url(#secret)");
  await expect(page.locator('path[data-code="29"]')).not.toHaveAttribute("fill", "url(#secret)");
  await expect(page.locator('path[data-code="974"]')).toHaveCount(1);
  const classes = await page.getByTestId("legend-class").allTextContents();
  expect(classes.length).toBeGreaterThan(0);
  expect(new Set(classes).size).toBe(classes.length);
  for (const c of classes) expect(c).not.toMatch(/^(.+) – \1$/);
  await expect(page.getByTestId("legend-method")).toContainText("Classes par quantiles");
  await expectAccessible(page);

  // The map's data as the server's standard CSV (the link the page offers; the Excel variant is
  // checked in committee-csv.spec.ts).
  const href = await page
    .getByRole("link", { name: /^CSV standard/ })
    .first()
    .getAttribute("href");
  const csv = await (await page.request.get(href!)).text();
  expect(csv).toMatch(/2A[,;]Corse-du-Sud[,;]secret statistique/);
  expect(csv).toMatch(/69[,;]Rhône[,;]secret statistique/);
  expect(csv).toMatch(/29[,;]Finistère[,;]144\b/);

  // The same data through the API, with the member's session.
  const api = await page.request.get("/api/indicateurs/carte?maille=departement&periode=2023-01-01");
  expect(api.status()).toBe(200);
  const body = await api.json();
  expect(body.data.areas.find((a: { code: string }) => a.code === "2A").cell).toEqual({ secret: true, label: "secret statistique", reason: "primaire" });
  expect(body.data.areas.find((a: { code: string }) => a.code === "69").cell).toEqual({ secret: true, label: "secret statistique", reason: "secondaire" });
});
