import path from "node:path";
import { test, expect, DEMO, login, expectAccessible, newUserPage } from "../support/test";
import { ensureCommitteeData } from "../support/committee-data";

// Issue "Committee indicators": the admin imports a carbon series and recomputes the committee
// indicators with the button (the committee journeys read them: e2e/ui/committee-*.spec.ts).
test("l'administration importe une série carbone et recalcule les indicateurs", async ({ browser, consoleErrors }) => {
  await ensureCommitteeData();
  const admin = await newUserPage(browser, consoleErrors);
  await login(admin, DEMO.admin.email, DEMO.admin.password);
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Calcul des indicateurs et séries carbone" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Calcul des indicateurs du comité");
  // The carbon series for 2023, imported from the UI (a new version of the shipped series).
  await admin.getByLabel(/Fichier de la série/).setInputFiles(path.join(process.cwd(), "data", "carbon", "electricitymaps_FR_2023_hourly.csv.gz"));
  await admin.getByRole("button", { name: "Importer la série" }).click();
  await expect(admin.getByText(/Série electricitymaps-fr, version \d+ importée/)).toContainText(
    /Série electricitymaps-fr, version \d+ importée : 8760 lignes, 8760 heures, 0 heure\(s\) sans intensité/,
    { timeout: 30_000 },
  );
  await expect(admin.getByRole("table", { name: "Séries importées" })).toContainText("electricitymaps-fr");
  await admin.getByLabel(/Premier mois/).fill("2023-01");
  await admin.getByLabel(/Mois de fin/).fill("2023-03");
  await admin.getByRole("button", { name: "Recalculer maintenant" }).click();
  await expect(admin.getByTestId("form-feedback")).toContainText(/cases calculées, dont \d+ en secret statistique/, { timeout: 45_000 });
  await expectAccessible(admin);
});
