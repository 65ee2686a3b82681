import { test, expect, login, expectAccessible } from "../support/test";
import { makeUser } from "@/lib/testing/factories";
import { ensureCommitteeData } from "../support/committee-data";

// Issue 15: the committee's home is the dashboard a member opens every week.
test("l'accueil du comité donne les chiffres clés nationaux, leur évolution sur un an, le dernier calcul et ses changements", async ({ page }) => {
  await ensureCommitteeData();
  const member = await makeUser({ role: "comite" });
  await login(page, member.email, member.password);
  await expect(page).toHaveURL(/\/comite$/);
  await expect(page.getByRole("heading", { level: 2, name: /^Chiffres clés nationaux, \S+ \d{4}$/ })).toBeVisible();
  const table = page.getByTestId("home-figures");
  await expect(table.getByRole("columnheader", { name: "Évolution sur un an" })).toBeVisible();
  const energy = page.getByTestId("home-energy_kwh");
  await expect(energy.getByRole("rowheader")).toHaveText("Énergie délivrée");
  await expect(energy.getByRole("cell").first()).toHaveText(/^[\d  ]+(,\d+)? kWh/);
  // Nothing published a year earlier: the trend is "n.d.", never estimated.
  await expect(energy.getByRole("cell").last()).toHaveText("n.d.");
  await expect(page.getByTestId("home-figures")).toContainText("Intensité carbone");
  await expect(page.getByTestId("home-run")).toContainText(/Calcul du \d{2}\/\d{2}\/\d{4}.*Couverture de \S+ \d{4} : \d+ station\(s\) ayant transmis/);
  await expect(page.getByTestId("home-changes")).toBeVisible();
  await expectAccessible(page);

  // The detail pages are still one click away; the late declarations link says what it shows.
  await expect(page.getByRole("link", { name: "Carte", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Déclarations en retard : nombres anonymes par région et par ancienneté" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Déclarations en retard");
});
