import { test, expect, login, expectAccessible, newUserPage, NOT_FOUND } from "../support/test";
import { makeDossier, makeOperator, makeUser, uniqueSuffix } from "@/cli/demo/factories";

// Issue "Beneficiary dossiers", in two journeys small enough for a busy machine: a beneficiary
// creates a dossier and signs the attestation; on a signed dossier, it registers two stations,
// its operator sees them and can post data for them, not for others; another beneficiary cannot
// open the dossier.
test("un dossier, de sa création à la signature de l'attestation", async ({ browser, consoleErrors }) => {
  const suffix = uniqueSuffix();
  const operator = await makeOperator({ name: `Opérateur E2E ${suffix}` });
  const beneficiary = await makeUser({ role: "beneficiaire" });
  const reference = `ADV-E2E-${suffix.toUpperCase()}`;

  const page = await newUserPage(browser, consoleErrors);
  await login(page, beneficiary.email, beneficiary.password);
  await expect(page).toHaveURL(/\/beneficiaire$/);
  await page.getByRole("link", { name: "Nouveau dossier" }).click();
  await expectAccessible(page);
  await page.getByLabel("Référence du dossier ADVENIR").fill(reference);
  await page.getByLabel("Nom du site").fill("Parking des Terreaux");
  await page.getByLabel("Adresse du site").fill("1 place des Terreaux, 69001 Lyon");
  await page.getByLabel("Code INSEE de la commune").fill("69123");
  await page.getByLabel("Type de site").selectOption("parking_ouvert_au_public");
  await page.getByLabel("Opérateur qui supervise les points de charge").selectOption({ label: `Opérateur E2E ${suffix} (SIREN ${operator.siren})` });
  await page.getByRole("button", { name: "Créer le dossier" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Dossier ${reference}`);
  await expect(page.getByText("Signer l'attestation sur l'honneur : aucune donnée n'est acceptée avant.")).toBeVisible();
  const dossierUrl = page.url();
  await expectAccessible(page);

  // The attestation: consent is required, then the receipt shows the text's hash.
  await page.getByRole("link", { name: "Lire et signer l'attestation" }).click();
  await expect(page.getByTestId("attestation-text")).toContainText("aux seules fins du programme ADVENIR");
  await expectAccessible(page);
  await page.getByLabel("Qualité du signataire").fill("Gérante");
  await page.getByRole("button", { name: "Signer l'attestation" }).click();
  await expect(page.getByTestId("form-feedback")).toBeFocused();
  await expect(
    page.getByTestId("form-feedback").getByRole("link", { name: "le consentement à l'utilisation des données de recharge est obligatoire" }),
  ).toHaveAttribute("href", "#attestation-consent");
  await page.getByText("Je consens à l'utilisation des données de recharge").click();
  await page.getByRole("button", { name: "Signer l'attestation" }).click();
  await expect(page.getByRole("heading", { name: "Récépissé de signature de l'attestation sur l'honneur" })).toBeVisible();
  await expect(page.getByTestId("receipt-hash")).toHaveText(/^[0-9a-f]{64}$/);
  await expectAccessible(page);
  await page.goto(dossierUrl);
  await expect(page.getByText("Signée", { exact: true })).toBeVisible();
});

test("un dossier signé : ses stations, leurs premières données, et rien pour un autre bénéficiaire", async ({ browser, consoleErrors }) => {
  const suffix = uniqueSuffix();
  const operator = await makeOperator({ name: `Opérateur E2E ${suffix}`, credentials: ["production"] });
  const credential = operator.credentials[0];
  const operatorUser = await makeUser({ role: "operateur", operatorId: operator.id });
  const beneficiary = await makeUser({ role: "beneficiaire" });
  const other = await makeUser({ role: "beneficiaire" });
  const dossier = await makeDossier({ operatorId: operator.id, beneficiaryId: beneficiary.beneficiaryId!, signed: true });
  const reference = dossier.reference;
  const stations = [`E2E-${suffix}-A`, `E2E-${suffix}-B`];

  const page = await newUserPage(browser, consoleErrors);
  await login(page, beneficiary.email, beneficiary.password);
  const dossierUrl = `/beneficiaire/dossiers/${dossier.id}`;
  await page.goto(dossierUrl);
  for (const code of stations) {
    await page.getByLabel("Identifiant de la station (StationID)").fill(code);
    await page.getByLabel("Nombre de points").fill("2");
    await page.getByLabel("Puissance nominale par point (kW)").fill("7,4");
    await page.getByRole("button", { name: "Ajouter la station" }).click();
    await expect(page.getByTestId("form-feedback")).toContainText(`Station ${code} enregistrée.`);
  }
  await expect(page.getByRole("table", { name: /Stations du dossier/ })).toContainText(stations[1]);
  await expectAccessible(page);

  // The operator sees them, with the exact identifiers to send.
  const operatorPage = await newUserPage(browser, consoleErrors);
  await login(operatorPage, operatorUser.email, operatorUser.password);
  await expect(operatorPage).toHaveURL(/\/operateur$/);
  for (const code of stations) await expect(operatorPage.getByRole("cell", { name: code })).toBeVisible();

  // Data for them is accepted; for an unregistered id it is refused, naming the station.
  const auth = { Authorization: `Basic ${Buffer.from(`${credential.username}:${credential.secret}`).toString("base64")}` };
  const op = (tx: string) => ({ [tx]: { StartTransaction: 1_700_000_000, StopTransaction: 1_700_003_600, StartValue: 0, StopValue: 5_000 } });
  const accepted = await page.request.post("/api/operation/put", {
    headers: auth,
    data: { [operator.id]: { [stations[0]]: op("T1"), [stations[1]]: op("T2") } },
  });
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toMatchObject({ statut: "OK", recus: 2, enregistres: 2 });
  const refused = await page.request.post("/api/operation/put", { headers: auth, data: { [operator.id]: { [`INCONNUE-${suffix}`]: op("T3") } } });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).erreurs[0].chemin).toBe(`${operator.id}/INCONNUE-${suffix}`);

  // The beneficiary now sees that data arrives.
  await page.reload();
  await expect(
    page
      .getByRole("table", { name: /Stations du dossier/ })
      .getByRole("row")
      .nth(1),
  ).not.toContainText("Aucune donnée reçue");

  // Another beneficiary gets "not found" for this dossier.
  consoleErrors.allow(NOT_FOUND);
  const otherPage = await newUserPage(browser, consoleErrors);
  await login(otherPage, other.email, other.password);
  await expect(otherPage).toHaveURL(/\/beneficiaire$/);
  expect((await otherPage.goto(dossierUrl))?.status()).toBe(404);
  await expect(otherPage.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await expect(otherPage.getByText(reference)).toHaveCount(0);
});
