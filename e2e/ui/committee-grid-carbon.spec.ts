import type { Page } from "@playwright/test";
import { test, expect, login, expectAccessible } from "../support/test";
import { makeUser } from "@/cli/demo/factories";
import { ensureCommitteeData } from "../support/committee-data";

// Issue 15: the load curve shows the period selected at a readable step that is stated; the
// winter-peak chart follows the period selected; hourly profiles are never smoothed.

/** Every drawn line is made of straight segments (a smoothed curve has cubic "C" commands). */
async function expectNoSmoothedLine(page: Page) {
  const lines = page.locator("path.recharts-line-curve");
  await expect(lines.first()).toBeVisible();
  for (const d of await lines.evaluateAll((paths) => paths.map((p) => p.getAttribute("d") ?? ""))) expect(d).not.toMatch(/C/);
}

const curveFigure = (page: Page) => page.locator("figure", { has: page.getByRole("heading", { name: /^Courbe de charge agrégée/ }) });

test("la courbe de charge d'un trimestre couvre tout le trimestre, jour par jour, et le dit", async ({ page }) => {
  await ensureCommitteeData();
  const member = await makeUser({ role: "comite" });
  await login(page, member.email, member.password);
  await page.goto("/comite/indicateurs/reseau?type=quarter&periode=2023-01-01&maille=national&canal=all");
  await expect(
    page.getByRole("heading", { name: "Courbe de charge agrégée, 1er trimestre 2023 (pas d'un jour : moyenne et pointe de chaque jour)" }),
  ).toBeVisible();
  const rows = curveFigure(page).locator("tbody tr");
  // Every day of January and February (the months with data), not January alone.
  await expect(rows.first()).toContainText("01/01/2023");
  await expect(curveFigure(page).locator("tbody")).toContainText("28/02/2023");
  // The table sits in a closed disclosure: its header is read from the DOM.
  await expect(curveFigure(page).locator("th", { hasText: "Pointe du jour, sur 30 minutes (kW)" })).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Pointe hivernale et heures creuses : les 4 trimestres jusqu'au 1er trimestre 2023" })).toBeVisible();
  await expectNoSmoothedLine(page);
  await expectAccessible(page);
});

test("un mois : courbe au pas de 30 minutes ; la pointe hivernale suit le mois choisi", async ({ page }) => {
  await ensureCommitteeData();
  const member = await makeUser({ role: "comite" });
  await login(page, member.email, member.password);
  await page.goto("/comite/indicateurs/reseau?type=month&periode=2023-01-01&maille=national&canal=all");
  await expect(page.getByRole("heading", { name: "Courbe de charge agrégée, janvier 2023 (pas de 30 minutes)" })).toBeVisible();
  await expect(curveFigure(page).locator("tbody tr")).toHaveCount(31 * 48);
  await expect(page.getByRole("heading", { name: "Pointe hivernale et heures creuses : les 12 mois jusqu'à janvier 2023" })).toBeVisible();
  const peaks = page.locator("figure", { has: page.getByRole("heading", { name: /^Pointe hivernale/ }) });
  await expect(peaks.locator("tbody")).not.toContainText("février 2023");
  await page.getByLabel("Période", { exact: true }).selectOption("2023-02-01");
  await expect(page.getByRole("heading", { name: "Pointe hivernale et heures creuses : les 12 mois jusqu'à février 2023" })).toBeVisible();
  await expect(peaks.locator("tbody")).toContainText("février 2023");
  await expectNoSmoothedLine(page);
});

test("l'intensité carbone par heure est dessinée en paliers, jamais lissée", async ({ page }) => {
  await ensureCommitteeData();
  const member = await makeUser({ role: "comite" });
  await login(page, member.email, member.password);
  await page.goto("/comite/indicateurs/carbone?type=month&periode=2023-01-01&maille=national&canal=all");
  await expect(page.getByRole("heading", { name: "Intensité carbone par heure de la journée : recharge et réseau" })).toBeVisible();
  await expectNoSmoothedLine(page);
  await expectAccessible(page);
});
