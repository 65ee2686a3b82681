import type { Page } from "@playwright/test";
import { test, expect, login, expectAccessible } from "../support/test";
import { expectErrorSummary } from "../support/forms";
import { makeDossier, makeOperator, makeStations, makeUser, uniqueSuffix } from "@/cli/demo/factories";
import { parisDay } from "@/lib/platform/time/paris-time";

// Issue 15, beneficiaries: the IRVE point form runs the import's validators (in the browser, then
// on the server for the INSEE list), every error at once in a focused summary; identifiers of
// others are only "unavailable"; stations and points are corrected and withdrawn with their
// 10-working-day deadline; one date format per page.

const today = parisDay(new Date());

async function fillPoint(page: Page, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`#point-${name}`);
    if ((await field.evaluate((e) => e.tagName)) === "SELECT") await field.selectOption(value);
    else await field.fill(value);
  }
}

function validPoint(code: string): Record<string, string> {
  return {
    contact_operateur: "contact@operateur.fr",
    nom_enseigne: "Réseau E2E",
    id_station_itinerance: `FR${code}P1`,
    nom_station: "Parking du marché",
    implantation_station: "Voirie",
    adresse_station: "1 place du Marché, 75001 Paris",
    code_insee_commune: "75101",
    coordonneesXY: "[2.34, 48.86]",
    nbre_pdc: "2",
    id_pdc_itinerance: `FR${code}E11`,
    puissance_nominale: "22",
    prise_type_ef: "false",
    prise_type_2: "true",
    prise_type_combo_ccs: "false",
    prise_type_chademo: "false",
    prise_type_autre: "false",
    paiement_acte: "true",
    condition_acces: "Accès libre",
    reservation: "false",
    horaires: "24/7",
    accessibilite_pmr: "Accessibilité inconnue",
    restriction_gabarit: "Aucune",
    station_deux_roues: "false",
    date_mise_en_service: today,
    date_maj: today,
  };
}

test("formulaire IRVE : toutes les erreurs à la fois, résumé focalisé, rien d'enregistré ni d'exporté", async ({ page }) => {
  const user = await makeUser({ role: "beneficiaire" });
  const dossier = await makeDossier({ channel: "GIREVE", signed: true, beneficiaryId: user.beneficiaryId! });
  const code = uniqueSuffix().slice(0, 3).toUpperCase();
  await login(page, user.email, user.password);
  await page.goto(`/beneficiaire/dossiers/${dossier.id}/irve`);

  // What the import refuses, the form refuses too, all at once, before anything is sent.
  await fillPoint(page, {
    ...validPoint(code),
    contact_operateur: "Service client",
    code_insee_commune: "75001",
    nbre_pdc: "0",
    id_pdc_itinerance: "FRB12E11",
    condition_acces: "",
  });
  await page.getByRole("button", { name: "Déclarer le point de charge" }).click();
  await expectErrorSummary(page, "point", {
    contact_operateur: "Contact de l'opérateur : adresse e-mail attendue (exemple : contact@operateur.fr)",
    nbre_pdc: "Nombre de points de charge de la station : au moins 1",
    id_pdc_itinerance: `Identifiant eMI3 du point de charge : il doit commencer comme celui de la station (FR${code}), pas par FRB12`,
    condition_acces: "Condition d'accès est obligatoire : choisissez une valeur dans la liste",
  });
  await expectAccessible(page);
  // A link of the summary leads to its field.
  await page.getByRole("link", { name: /^Nombre de points de charge/ }).click();
  await expect(page.locator("#point-nbre_pdc")).toBeFocused();

  // The server adds what only it can check: the postal code is no INSEE code.
  await fillPoint(page, { contact_operateur: "contact@operateur.fr", nbre_pdc: "2", id_pdc_itinerance: `FR${code}E11`, condition_acces: "Accès libre" });
  await page.getByRole("button", { name: "Déclarer le point de charge" }).click();
  await expectErrorSummary(page, "point", {
    code_insee_commune:
      "Code INSEE de la commune : ce code n'existe pas dans le code officiel géographique (vérifiez : ce n'est pas le code postal ; Paris 1er est 75101)",
  });
  await expect(page.locator("#point-id_station_itinerance")).toHaveValue(`FR${code}P1`);
  let exported = await (await page.request.get(`/beneficiaire/dossiers/${dossier.id}/irve.csv`)).text();
  expect(exported.trim().split("\r\n")).toHaveLength(1);

  await fillPoint(page, { code_insee_commune: "75101" });
  await page.getByRole("button", { name: "Déclarer le point de charge" }).click();
  await expect(page.getByTestId("form-feedback")).toContainText(`Point de charge FR${code}E11 déclaré.`);
  exported = await (await page.request.get(`/beneficiaire/dossiers/${dossier.id}/irve.csv`)).text();
  expect(exported).toContain(`FR${code}E11`);
});

test("un StationID d'un autre bénéficiaire est « indisponible », sans dire où il est", async ({ page }) => {
  const operator = await makeOperator();
  const someoneElse = await makeDossier({ operatorId: operator.id, reference: `ADV-AUTRE-${uniqueSuffix().toUpperCase()}` });
  const [taken] = await makeStations({ dossierId: someoneElse.id, count: 1 });
  const user = await makeUser({ role: "beneficiaire" });
  const mine = await makeDossier({ operatorId: operator.id, beneficiaryId: user.beneficiaryId!, signed: true });
  await login(page, user.email, user.password);
  await page.goto(`/beneficiaire/dossiers/${mine.id}`);
  await page.getByLabel("Identifiant de la station (StationID)").fill(taken.stationCode);
  await page.getByLabel("Puissance nominale par point (kW)").fill("7,4");
  await page.getByRole("button", { name: "Ajouter la station" }).click();
  await expectErrorSummary(page, "station", {
    stationCode: `StationID ${taken.stationCode} : identifiant indisponible : contactez votre opérateur, qui attribue les identifiants de ses stations`,
  });
  await expect(page.locator("main")).not.toContainText(someoneElse.reference);
  await expectAccessible(page);
});

test("corriger puis retirer une station : délai de 10 jours ouvrés, historique, dates jj/mm/aaaa", async ({ page }) => {
  const user = await makeUser({ role: "beneficiaire" });
  const dossier = await makeDossier({ beneficiaryId: user.beneficiaryId!, signed: true });
  const [station] = await makeStations({ dossierId: dossier.id, count: 1 });
  await login(page, user.email, user.password);
  await page.goto(`/beneficiaire/dossiers/${dossier.id}`);
  await page.getByRole("link", { name: `Corriger ou retirer la station ${station.stationCode}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Station ${station.stationCode}`);

  // Refused: a day in the future, 0 points; both in the summary.
  await page.getByLabel("Nombre de points").fill("0");
  await page.locator("#correction-effectiveOn").fill("2099-01-01");
  await page.getByRole("button", { name: "Enregistrer la correction" }).click();
  await expectErrorSummary(page, "correction", {
    pointCount: "Nombre de points : au moins 1",
    effectiveOn: "Date du changement ne peut pas être dans le futur : déclarez le changement une fois fait",
  });
  await expectAccessible(page);
  await page.getByLabel("Nombre de points").fill("4");

  // A change of 5 January 2026 declared today is late: due 19 January 2026.
  await page.locator("#correction-effectiveOn").fill("2026-01-05");
  await page.getByRole("button", { name: "Enregistrer la correction" }).click();
  await expect(page.getByTestId("form-feedback")).toContainText(`Station ${station.stationCode} corrigée. Déclaration faite`);
  await expect(page.getByTestId("form-feedback")).toContainText("après l'échéance du 19/01/2026");
  const history = page.getByRole("table", { name: "Corrections et retraits déclarés" });
  await expect(history.getByRole("row").nth(1)).toContainText("Correction");
  await expect(history.getByRole("row").nth(1)).toContainText("05/01/2026");
  await expect(history.getByRole("row").nth(1)).toContainText("En retard de");

  // Withdrawal: confirmation required, then the station is withdrawn and can no longer be corrected.
  await page.locator("#retrait-station-effectiveOn").fill(today);
  await page.getByRole("button", { name: "Retirer la station" }).click();
  await expectErrorSummary(page, "retrait-station", { confirm: "Confirmation : cochez la case pour retirer la station" });
  await page.getByText("Je confirme vouloir retirer la station").click();
  await page.getByRole("button", { name: "Retirer la station" }).click();
  await expect(page.getByText(/^Station retirée le \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Enregistrer la correction" })).toHaveCount(0);
  await expectAccessible(page);

  // The dossier page: the station's new values, its state, and dates in one format only.
  await page.getByRole("link", { name: `Retour au dossier ${dossier.reference}` }).click();
  const row = page
    .getByRole("table", { name: /Stations du dossier/ })
    .getByRole("row")
    .nth(1);
  await expect(row).toContainText(/Retirée le \d{2}\/\d{2}\/\d{4}/);
  await expect(page.locator("main")).not.toContainText(/\d{4}-\d{2}-\d{2}/);
});
