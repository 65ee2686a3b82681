import { readFileSync } from "node:fs";
import path from "node:path";
import { test, expect, DEMO, login, expectAccessible, expectForbidden, newUserPage } from "../support/test";
import { makeDossier, makeOperator, makeStations, makeUser, makeBeneficiary, uniqueSuffix } from "@/lib/testing/factories";
import { addOperations } from "@/lib/indicators/testing/make-indicator-stations";
import { db } from "@/lib/db";

// Issue "Committee indicators": signed dossiers with stations in three départements, charges in
// January and February 2023 (with the shipped 2023 carbon series), computed with the admin's
// button. Finistère (6 stations, 3 beneficiaries) is published, Corse-du-Sud (2 stations, one
// beneficiary) is "secret statistique" everywhere, and so is Rhône (6 stations charging half as
// much: the région closest in size to Corse, withheld so that Corse cannot be deduced from the
// national total). Thresholds: the defaults K = 5, B = 3.
const SITES = [
  { inseeCode: "29019", beneficiaries: 3, stationsEach: 2, wh: 12_000 },
  { inseeCode: "69123", beneficiaries: 3, stationsEach: 2, wh: 6_000 },
  { inseeCode: "2A004", beneficiaries: 1, stationsEach: 2, wh: 12_000 },
];

async function makeData() {
  const operator = await makeOperator({ credentials: ["production"] });
  const whOf = new Map<string, number>();
  for (const site of SITES) {
    for (let b = 0; b < site.beneficiaries; b++) {
      const beneficiary = await makeBeneficiary();
      const dossier = await makeDossier({ signed: true, operatorId: operator.id, beneficiaryId: beneficiary.id, inseeCode: site.inseeCode });
      const stations = Array.from({ length: site.stationsEach }, (_, i) => ({ stationCode: `IND-${uniqueSuffix()}-${i}`, pointCount: 2, nominalPowerKw: 22, inseeCode: site.inseeCode }));
      await makeStations({ dossierId: dossier.id, stations });
      for (const st of stations) whOf.set(st.stationCode, site.wh);
    }
  }
  const prisma = await db();
  const stations = await prisma.station.findMany({ where: { operatorId: operator.id }, select: { id: true, stationCode: true } });
  const days = ["2023-01-09", "2023-01-18", "2023-02-06", "2023-02-15"];
  await addOperations(
    prisma,
    stations.flatMap((s) => days.map((d) => ({ operatorId: operator.id, stationId: s.id, start: new Date(`${d}T17:30:00Z`), stop: new Date(`${d}T20:00:00Z`), wh: whOf.get(s.stationCode)! }))),
  );
  return { operator };
}

test("le comité consulte les indicateurs, change de maille et de période, ouvre la carte et télécharge un CSV", async ({ browser, consoleErrors }) => {
  const { operator } = await makeData();

  // The admin computes the indicators with the button.
  const admin = await newUserPage(browser, consoleErrors);
  await login(admin, DEMO.admin.email, DEMO.admin.password);
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Calcul des indicateurs et séries carbone" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Calcul des indicateurs du comité");
  // The carbon series for 2023, imported from the UI (a new version of the shipped series).
  await admin.getByLabel(/Fichier de la série/).setInputFiles(path.join(process.cwd(), "data", "carbon", "electricitymaps_FR_2023_hourly.csv.gz"));
  await admin.getByRole("button", { name: "Importer la série" }).click();
  await expect(admin.getByText(/Série electricitymaps-fr, version \d+ importée/)).toContainText(/Série electricitymaps-fr, version \d+ importée : 8760 lignes, 8760 heures, 0 heure\(s\) sans intensité/, { timeout: 30_000 });
  await expect(admin.getByRole("table", { name: "Séries importées" })).toContainText("electricitymaps-fr");
  await admin.getByLabel(/Premier mois/).fill("2023-01");
  await admin.getByLabel(/Mois de fin/).fill("2023-03");
  await admin.getByRole("button", { name: "Recalculer maintenant" }).click();
  await expect(admin.getByTestId("form-feedback")).toContainText(/cases calculées, dont \d+ en secret statistique/, { timeout: 60_000 });
  await expectAccessible(admin);

  // A committee member opens the dashboard from the home page.
  const member = await makeUser({ role: "comite" });
  const page = await newUserPage(browser, consoleErrors);
  await login(page, member.email, member.password);
  await page.getByRole("link", { name: "Chiffres clés" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Indicateurs du programme : chiffres clés");
  await expect(page.getByText("France entière — février 2023 — Tous les canaux")).toBeVisible();
  await expect(page.getByTestId("kpi-energy_kwh")).toContainText("Couverture");
  await expect(page.getByTestId("carbon-attribution")).toContainText("Electricity Maps");
  await expectAccessible(page);

  // Switch mesh and period (a GET form: the URL says it all), then pick a département.
  await page.getByLabel("Maille").selectOption("departement");
  await page.getByLabel("Période", { exact: true }).selectOption("2023-01-01");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/maille=departement/);
  await expect(page).toHaveURL(/periode=2023-01-01/);
  await page.getByLabel("Zone (département)").selectOption("29");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByText("Département Finistère (29) — janvier 2023 — Tous les canaux")).toBeVisible();
  await page.getByLabel("Zone (département)").selectOption("2A");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByTestId("kpi-energy_kwh")).toContainText("secret statistique");

  // The grid and carbon pages keep the filters.
  await page.getByRole("link", { name: "Réseau électrique" }).click();
  await expect(page.getByRole("heading", { name: "Profil de charge par heure de la journée" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Carbone", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Intensité carbone par mois/ })).toBeVisible();
  await expectAccessible(page);

  // The map, by département: Corse-du-Sud hatched, then its CSV.
  await page.getByRole("link", { name: "Carte" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Indicateurs : carte de France");
  await expect(page.locator('path[data-code="2A"]')).toHaveAttribute("fill", "url(#secret)");
  await expect(page.locator('path[data-code="29"]')).not.toHaveAttribute("fill", "url(#secret)");
  await expect(page.locator('path[data-code="974"]')).toHaveCount(1);
  await expectAccessible(page);
  // Its CSV for French Excel: `;`, BOM, a first line saying what it holds, a name carrying it all.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^CSV pour Excel/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^indicateurs_carte_energy_kwh_mois_2023-01-01_departement_tous-canaux_calcul-\d{8}-\d{4}-[0-9a-f-]{36}_serie-.+-v\d+_excel-fr\.csv$/);
  const raw = readFileSync((await download.path())!, "utf8");
  expect(raw.charCodeAt(0)).toBe(0xfeff);
  const lines = raw.slice(1).trim().split("\r\n");
  expect(lines[0]).toMatch(/^Indicateur : Carte : Énergie délivrée;Période : janvier 2023 \(mois\);Maille : toutes les zones de la maille département;Canal : Tous les canaux;Calcul : calcul du \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(heure de Paris\), n° [0-9a-f-]{36};Série carbone : .+ version \d+$/);
  expect(lines[1]).toBe("Code;Nom;Énergie délivrée (kWh);Révision");
  expect(lines).toContain("2A;Corse-du-Sud;secret statistique;");
  expect(lines).toContain("69;Rhône;secret statistique;");
  expect(lines).toContain("29;Finistère;144;");
  const standardLink = await page.getByRole("link", { name: /^CSV standard/ }).getAttribute("href");
  const standard = await page.request.get(standardLink!);
  expect(standard.headers()["content-disposition"]).toMatch(/_standard\.csv"$/);
  const standardLines = (await standard.text()).trim().split("\r\n");
  expect(standardLines[1]).toBe("Code,Nom,Énergie délivrée (kWh),Révision");
  expect(standardLines).toContain("2A,Corse-du-Sud,secret statistique,");

  // The same data through the API, with the member's session.
  const api = await page.request.get("/api/indicateurs/carte?maille=departement&periode=2023-01-01");
  expect(api.status()).toBe(200);
  const body = await api.json();
  expect(body.data.areas.find((a: { code: string }) => a.code === "2A").cell).toEqual({ secret: true, label: "secret statistique", reason: "primaire" });
  expect(body.data.areas.find((a: { code: string }) => a.code === "69").cell).toEqual({ secret: true, label: "secret statistique", reason: "secondaire" });
  const apiCsv = await page.request.get("/api/indicateurs/carte?maille=departement&periode=2023-01-01&format=standard");
  expect(await apiCsv.text()).toContain("2A,Corse-du-Sud,secret statistique");


  // An operator and a beneficiary are refused: pages redirect, the APIs answer 403 in JSON.
  for (const role of ["operateur", "beneficiaire"] as const) {
    const user = await makeUser({ role, ...(role === "operateur" ? { operatorId: operator.id } : {}) });
    const other = await newUserPage(browser, consoleErrors);
    await login(other, user.email, user.password);
    for (const path of ["/comite/indicateurs", "/comite/indicateurs/carte", "/admin/indicateurs"]) await expectForbidden(other, consoleErrors, path, role);
    const refused = await other.request.get("/api/indicateurs/chiffres-cles");
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toEqual({ erreur: "Vous n'avez pas accès à cette ressource." });
  }
  // The committee cannot recompute nor import.
  await expectForbidden(page, consoleErrors, "/admin/indicateurs");
  expect((await page.request.post("/api/indicateurs/series-carbone", { multipart: { fichier: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("x") } } })).status()).toBe(403);
});

test("le comité demande une période ou une maille non publiée : un refus en français, jamais d'autres chiffres sous leur nom", async ({ browser, consoleErrors }) => {
  const member = await makeUser({ role: "comite" });
  const page = await newUserPage(browser, consoleErrors);
  await login(page, member.email, member.password);
  const none = await page.request.get("/api/indicateurs/chiffres-cles?type=month&periode=2018-07-01");
  expect(none.status()).toBe(404);
  expect(await none.json()).toEqual({ erreur: "Aucun calcul publié ne couvre la période juillet 2018." });
  const commune = await page.request.get("/api/indicateurs/courbe-de-charge?maille=commune&zone=29019&periode=2023-01-01");
  expect(commune.status()).toBe(400);
  expect((await commune.json()).erreur).toMatch(/mailles nationale et régionale seulement/);
  await page.goto("/comite/indicateurs?type=month&periode=2018-07-01");
  await expect(page.getByText("Aucun calcul publié ne couvre la période juillet 2018.")).toBeVisible();
  await expect(page.getByTestId("kpi-energy_kwh")).toHaveCount(0);
  await expectAccessible(page);
});

test("sans session, les API des indicateurs répondent 401", async ({ request }) => {
  for (const vue of ["chiffres-cles", "carte", "series-carbone"]) {
    const r = await request.get(`/api/indicateurs/${vue}`);
    expect(r.status(), vue).toBe(401);
    expect(await r.json()).toEqual({ erreur: "Connexion requise." });
  }
});
