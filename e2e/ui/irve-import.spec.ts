import { readFileSync } from "node:fs";
import path from "node:path";
import { test, expect, login, expectAccessible } from "../support/test";
import { makeDossier, makeUser, uniqueSuffix } from "@/cli/demo/factories";

// GIREVE channel: static data imported from a CSV (all or nothing, then valid rows only),
// typed point by point with errors next to their field, and exported back.
test("import, saisie et export des données statiques IRVE", async ({ page }) => {
  const user = await makeUser({ role: "beneficiaire" });
  const dossier = await makeDossier({ channel: "GIREVE", signed: true, beneficiaryId: user.beneficiaryId! });
  const code = uniqueSuffix().slice(0, 3).toUpperCase();
  // The schema's official example (one valid row, one invalid), with ids unique to this test.
  const csv = readFileSync(path.join(process.cwd(), "lib/irve/fixtures/exemple-statique.csv"), "utf8")
    .replaceAll("FRA68P68021001", `FR${code}P68021001`)
    .replaceAll("FRA68E680210015", `FR${code}E680210015`);
  const file = { name: "irve.csv", mimeType: "text/csv", buffer: Buffer.from(csv) };

  await login(page, user.email, user.password);
  await page.goto(`/beneficiaire/dossiers/${dossier.id}/irve`);
  await expectAccessible(page);

  await page.getByLabel("Fichier CSV au schéma IRVE statique").setInputFiles(file);
  await page.getByRole("button", { name: "Importer" }).click();
  const report = page.getByTestId("irve-report");
  await expect(report).toContainText("Rien n'a été enregistré");
  await expect(report.getByRole("row", { name: /id_station_itinerance/ })).toContainText("3");

  await page.getByLabel("Fichier CSV au schéma IRVE statique").setInputFiles(file);
  await page.getByLabel("Enregistrer les lignes valides seulement").check({ force: true });
  await page.getByRole("button", { name: "Importer" }).click();
  await expect(report).toContainText("1 point(s) créé(s)");
  await expect(page.locator("#irve-progress")).toHaveAttribute("value", "100");

  // One point typed in the form: each missing or wrong field is refused next to it.
  await page.getByLabel("Identifiant eMI3 de la station (obligatoire)").fill(`FR${code}P2`);
  await page.getByLabel("Identifiant eMI3 du point de charge (obligatoire)").fill(`FR${code}E21`);
  await page.getByLabel("Coordonnées [longitude, latitude]").fill("[13.4, 52.5]");
  await page.getByLabel("Raccordement", { exact: true }).selectOption("Direct");
  await page.getByRole("button", { name: "Déclarer le point de charge" }).click();
  const summary = page.getByTestId("form-feedback");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Contact de l'opérateur est obligatoire" })).toHaveAttribute("href", "#point-contact_operateur");
  await expect(summary.getByRole("link", { name: /^Coordonnées \[longitude, latitude\] : le point \[13.4, 52.5\] n'est pas en France/ })).toBeVisible();
  // Cross-field errors come with the others, and choices made in lists are kept for the correction.
  await expect(summary.getByRole("link", { name: "Numéro de PDL est obligatoire quand le raccordement est direct" })).toBeVisible();
  await expect(page.getByLabel("Raccordement", { exact: true })).toHaveValue("Direct");
  await expect(page.getByLabel("Identifiant eMI3 de la station (obligatoire)")).toHaveValue(`FR${code}P2`);
  await expectAccessible(page);

  // The dossier lists the imported point with its deadline, and the export is schema CSV.
  await page.goto(`/beneficiaire/dossiers/${dossier.id}`);
  await expect(page.getByRole("table", { name: /Points de charge déclarés/ })).toContainText(`FR${code}E680210015`);
  // One date format on the page: jj/mm/aaaa (deadlines were ISO dates before).
  await expect(page.getByRole("table", { name: /Points de charge déclarés/ })).toContainText("Modification du 05/04/2021");
  await expect(page.locator("main")).not.toContainText(/\d{4}-\d{2}-\d{2}/);
  const exported = await page.request.get(`/beneficiaire/dossiers/${dossier.id}/irve.csv`);
  expect(exported.headers()["content-type"]).toContain("text/csv");
  const lines = (await exported.text()).trim().split("\r\n");
  expect(lines[0].split(",")).toHaveLength(40);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`FR${code}E680210015`);
});
