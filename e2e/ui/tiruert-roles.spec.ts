import { randomInt, randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { test, expect, DEMO, login, expectAccessible, expectForbidden, newUserPage, NOT_FOUND, type ConsoleErrors } from "../support/test";
import { expectErrorSummary } from "../support/forms";
import { makeBeneficiary, makeDossier, makeSiren, makeUser, uniqueSuffix } from "@/cli/demo/factories";
import { db } from "@/lib/platform/db/database";
import { execute, sql } from "@/lib/platform/db/sql";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { loadRealPoints, type RealPoints } from "@/tests/support/tiruert/real-points";
import { filingDeadline, type Quarter } from "@/lib/tiruert/quarter";

// Issue 20, the TIRUERT pages of the other roles (the operator's journey is e2e/ui/tiruert.spec.ts):
// the beneficiary (aménageur) registers, reads, files; the admin reads every filed version, exports
// them and enters the renewable shares (audited); the committee reads totals under statistical
// secrecy; every page refuses the roles it is not for.
//
// The real QualiCharge sessions of lib/tiruert/fixtures (re-keyed per test by loadRealPoints): three
// public points of aménageur 953900123, 14 sessions ending in Q4 2024, 99.59 + 165.88 + 214.7 =
// 480.17 kWh, certified 25 % = 120.0425 kWh (by hand in lib/tiruert/compute-statement.test.ts).

const E = "953900123";
const PUBLIC = ["FRETIE13001A12", "FRETIE13063B13", "FRETIE59244A13"] as const;

/** A beneficiary whose SIREN is the aménageur of the real points, holding their stations in its dossier, and its account. */
async function beneficiaryOfRealPoints(): Promise<{ r: RealPoints; siren: string; user: Awaited<ReturnType<typeof makeUser>> }> {
  const prisma = await db();
  const r = await loadRealPoints();
  const siren = r.siren[E];
  const beneficiary = await makeBeneficiary({ siren });
  const dossier = await makeDossier({ beneficiaryId: beneficiary.id, operatorId: r.operatorId });
  const ids = Object.values(r.points).map((p) => p.chargePointId);
  await execute(
    prisma,
    sql`UPDATE station SET dossier_id = ${dossier.id}::uuid WHERE id IN (SELECT station_id FROM charge_point WHERE id = ANY(${ids}::uuid[]))`,
  );
  const user = await makeUser({ role: "beneficiaire", beneficiaryId: beneficiary.id });
  return { r, siren, user };
}

/** Files a statement from its page, as the signed-in preparer; answers the receipt's path. */
async function fileFromPage(page: Page, base: string, siren: string, year: number, quarter: number): Promise<string> {
  await page.goto(`${base}/etats/${siren}/${year}/${quarter}`);
  await expect(page.getByTestId("statement-state")).toContainText("brouillon");
  await expectAccessible(page);
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Déposer l'état" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Récépissé de dépôt de l'état TIRUERT T${quarter} ${year}`);
  await expectAccessible(page);
  return new URL(page.url()).pathname;
}

async function signedIn(browser: Browser, consoleErrors: ConsoleErrors, email: string, password: string): Promise<Page> {
  const page = await newUserPage(browser, consoleErrors);
  await login(page, email, password);
  return page;
}

test("bénéficiaire : enregistre ses points publics, lit son état T4 2024 avec la correction, le dépose et obtient son récépissé", async ({ page }) => {
  test.setTimeout(120_000);
  const prisma = await db();
  // The Q4 correction of 2024 reads the shares of 2022 and 2023 (the operator's journey deletes them first).
  for (const [year, sharePercent] of [
    [2022, 25],
    [2023, 30],
  ])
    await prisma.tiruertRenewableShare.upsert({
      where: { year },
      create: { year, sharePercent, source: "e2e : valeur de test", updatedBy: "e2e" },
      update: { sharePercent, source: "e2e : valeur de test", updatedBy: "e2e" },
    });
  const { r, siren, user } = await beneficiaryOfRealPoints();
  const reserved = r.points.FRELCEDXQS.idPdcItinerance;
  await login(page, user.email, user.password);

  await page.goto("/beneficiaire/tiruert");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("TIRUERT électrique : états trimestriels");
  await expect(page.getByTestId("no-amenageur")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Enregistrer des points dans le dispositif" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Points enregistrés dans le dispositif TIRUERT");
  // Its three public points, with its SIREN; the point of another aménageur (in its dossier too) is not its own.
  const table = page.getByRole("table", { name: "Vos points de charge et leur admissibilité" });
  await expect(table.getByRole("row")).toHaveCount(4);
  for (const original of PUBLIC) {
    const row = table.getByRole("row", { name: new RegExp(r.points[original].idPdcItinerance) });
    await expect(row).toContainText(siren);
    await expect(row).toContainText("Admissible, non enregistré");
  }
  await expect(table).not.toContainText(reserved);
  await expectAccessible(page);

  // 150 kW and 100 kW are DC: an AC-only meter is not even offered.
  const a12 = r.points.FRETIE13001A12.idPdcItinerance;
  await expect(page.getByLabel(`Type de compteur du point ${a12}`).locator("option")).toHaveText([
    "Choisir",
    "Compteur courant continu avec certificat de conformité (courant continu)",
    "Compteur du gestionnaire de réseau d'un point de livraison dédié au seul point",
  ]);
  await page.waitForLoadState("networkidle");
  const meters = { FRETIE13001A12: "pdl_dedie", FRETIE13063B13: "dc_conforme", FRETIE59244A13: "dc_conforme" } as const;
  for (const original of PUBLIC) {
    const id = r.points[original].idPdcItinerance;
    await page.getByLabel(`Enregistrer le point ${id}`).check({ force: true });
    await page.getByLabel(`Type de compteur du point ${id}`).selectOption(meters[original]);
  }
  await page.getByRole("button", { name: "Enregistrer les points cochés" }).click();
  await expect(page.getByTestId("form-feedback")).toContainText("3 points enregistrés dans le dispositif.");
  await expect(table.getByRole("row", { name: new RegExp(a12) })).toContainText("Enregistré");
  const registered = await prisma.tiruertPoint.findMany({ where: { siren }, select: { chargePointId: true, meterType: true, registeredBy: true } });
  expect(registered.map((p) => [p.chargePointId, p.meterType, p.registeredBy]).sort()).toEqual(
    PUBLIC.map((o) => [r.points[o].chargePointId, meters[o], user.email]).sort(),
  );

  await page.goto("/beneficiaire/tiruert");
  await expect(page.getByRole("heading", { level: 2, name: `Aménageur ${siren} — 3 points enregistrés` })).toBeVisible();
  // The last four ended quarters, none filed.
  const quarters = page.getByRole("table", { name: `États trimestriels de l'aménageur ${siren}` });
  await expect(quarters.getByRole("row")).toHaveCount(5);
  await expect(quarters.getByRole("row").nth(1)).toContainText("brouillon");
  await expectAccessible(page);

  await page.goto(`/beneficiaire/tiruert/etats/${siren}/2024/4`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`État TIRUERT T4 2024 — aménageur ${siren}`);
  await expect(page.getByTestId("statement-state")).toContainText("État : brouillon. Échéance de dépôt : 15/01/2025.");
  await expect(page.getByTestId("statement-totals")).toContainText("480,17 kWh (14 sessions, 3 points)");
  await expect(page.getByTestId("statement-totals")).toContainText("120,0425 kWh");
  // Mean of 25 % and 30 %: 480.17 kWh × 27.5 % = 132.04675 kWh, minus the provisional 120.0425 kWh.
  await expect(page.getByTestId("q4-correction")).toContainText(
    "Part renouvelable moyenne 2022–2023 : 27,5 %. Énergie de l'année 480,17 kWh ; quantité définitive 132,04675 kWh ; quantités provisoires 120,0425 kWh ; correction 12,00425 kWh.",
  );
  await expect(page.getByTestId("statement-points").getByRole("row", { name: new RegExp(a12) })).toContainText(
    "Compteur du gestionnaire de réseau d'un point de livraison dédié au seul point",
  );
  await expect(page.getByTestId("statement-points").getByRole("row", { name: new RegExp(a12) })).toContainText("99,59 kWh");
  await expectAccessible(page);

  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Déposer l'état" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Récépissé de dépôt de l'état TIRUERT T4 2024");
  await expect(page).toHaveURL(/\/beneficiaire\/tiruert\/recus\/[0-9a-f-]{36}$/);
  const receipt = page.getByTestId("receipt");
  await expect(receipt).toContainText(siren);
  await expect(receipt).toContainText("1 (dépôt initial)");
  await expect(receipt).toContainText(`par ${user.email}`);
  await expect(receipt).toContainText("480,17 kWh — 120,0425 kWh");
  const hash = (await page.getByTestId("receipt-hash").textContent())!;
  const filed = await prisma.tiruertStatement.findMany({ where: { siren }, select: { version: true, sha256: true, filedBy: true } });
  expect(filed).toEqual([{ version: 1, sha256: hash, filedBy: user.email }]);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Retour à l'état T4 2024" }).click();
  await expect(page.getByTestId("statement-state")).toContainText("déposé (version 1 déposée le");
  await expect(page.getByTestId("statement-versions")).toContainText(hash.slice(0, 16));
  await expect(page.getByRole("button", { name: "Déposer une correction (version 2)" })).toBeVisible();
  await expectAccessible(page);
});

test("administrateur : tous les états déposés d'une année, export CSV et récépissé, sans formulaire de dépôt", async ({ page, browser, consoleErrors }) => {
  test.setTimeout(120_000);
  const prisma = await db();
  const { r, siren, user } = await beneficiaryOfRealPoints();
  await prisma.tiruertPoint.createMany({
    data: PUBLIC.map((o) => ({ chargePointId: r.points[o].chargePointId, siren, meterType: "dc_conforme", registeredBy: "e2e" })),
  });
  const beneficiary = await signedIn(browser, consoleErrors, user.email, user.password);
  const receiptPath = await fileFromPage(beneficiary, "/beneficiaire/tiruert", siren, 2024, 4);
  const id = receiptPath.split("/").pop()!;
  await beneficiary.context().close();

  const admin = await makeUser({ role: "admin" });
  await login(page, admin.email, admin.password);
  await page.goto("/admin/tiruert?annee=2024");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("TIRUERT électrique : états déposés 2024");
  const row = page.getByRole("table", { name: "États TIRUERT déposés en 2024" }).getByRole("row", { name: new RegExp(siren) });
  await expect(row.getByRole("cell")).toHaveText([
    "T4",
    siren,
    "1",
    /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/,
    user.email,
    "480,17 kWh",
    "120,0425 kWh",
    `Récépissé T4 ${siren} v1`,
  ]);
  await expectAccessible(page);

  // The exports: one row per point of every filed version of the year, French Excel and standard.
  const a12 = r.points.FRETIE13001A12.idPdcItinerance;
  const standardHref = await page.getByRole("link", { name: /^CSV standard/ }).getAttribute("href");
  expect(standardHref).toBe("/admin/tiruert.csv?annee=2024&format=standard");
  const standard = (await (await page.request.get(standardHref!)).text()).split("\r\n");
  expect(standard.filter((l) => l.startsWith(`${siren},`))).toHaveLength(3);
  expect(standard).toContain(`${siren},2024,4,1,${a12},DC,dc_conforme,4,99.59,24.8975,0,0`);
  const excel = await page.request.get((await page.getByRole("link", { name: /^CSV pour Excel/ }).getAttribute("href"))!);
  expect(excel.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const excelText = await excel.text();
  expect(excelText.charCodeAt(0)).toBe(0xfeff);
  expect(excelText.split("\r\n")).toContain(`${siren};2024;4;1;${a12};DC;dc_conforme;4;99,59;24,8975;0;0`);

  // Another year lists none of it.
  await page.getByLabel("Année").fill("2023");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("TIRUERT électrique : états déposés 2023");
  await expect(page.locator("main")).not.toContainText(siren);
  await expectAccessible(page);

  // The admin reads the receipt and the statement, and files nothing.
  await page.goto(`/admin/tiruert/recus/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Récépissé de dépôt de l'état TIRUERT T4 2024");
  await expect(page.getByTestId("receipt")).toContainText(`par ${user.email}`);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Retour à l'état T4 2024" }).click();
  await expect(page).toHaveURL(`/admin/tiruert/etats/${siren}/2024/4`);
  await expect(page.getByTestId("statement-state")).toContainText("déposé (version 1 déposée le");
  await expect(page.getByTestId("statement-versions").getByRole("link", { name: "Récépissé de la version 1" })).toHaveAttribute(
    "href",
    `/admin/tiruert/recus/${id}`,
  );
  await expect(page.getByRole("button", { name: /^Déposer/ })).toHaveCount(0);
  await expectAccessible(page);
});

test("administrateur : part renouvelable sourcée, corrigée, inscrite au journal ; une valeur invalide est refusée en français", async ({ page }) => {
  // Six accessibility checks and five form submissions: over a minute on a busy 2-core machine (CI, once), as its neighbours.
  test.setTimeout(120_000);
  const prisma = await db();
  // A year of its own (2000–2019: the statements read 2022 and 2023), and an admin of its own, whose audit entries it reads.
  const year = randomInt(2000, 2020);
  await prisma.tiruertRenewableShare.deleteMany({ where: { year } });
  const admin = await makeUser({ role: "admin" });
  const source = `https://ec.europa.eu/eurostat/web/energy/database/additional-data, lu le 06/12/2026 (${uniqueSuffix()})`;
  await login(page, admin.email, admin.password);
  await page.goto("/admin/tiruert");
  await page.getByRole("link", { name: "Part renouvelable de l'électricité par année" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Part renouvelable de l'électricité en France");
  await expectAccessible(page);

  await page.waitForLoadState("networkidle");
  // Refused, in French, each message linked to its field and shown under it; what was typed stays.
  await page.getByRole("textbox", { name: /^Année/ }).fill("1999");
  await page.getByLabel("Part renouvelable de l'électricité (%)").fill("30,1255");
  await page.getByLabel("Source").fill(source);
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expectErrorSummary(page, "part", { year: "année à partir de 2000", sharePercent: "nombre attendu, au plus trois décimales (ex. 30,295)" });
  await expect(page.getByLabel("Part renouvelable de l'électricité (%)")).toHaveValue("30,1255");
  await expectAccessible(page);
  await page.getByRole("textbox", { name: /^Année/ }).fill(String(year));
  await page.getByLabel("Part renouvelable de l'électricité (%)").fill("100,5");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expectErrorSummary(page, "part", { sharePercent: "part comprise entre 0 et 100 %" });
  expect(await prisma.tiruertRenewableShare.count({ where: { year } })).toBe(0);
  await expectAccessible(page);

  await page.getByLabel("Part renouvelable de l'électricité (%)").fill("27,3");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByTestId("form-feedback")).toContainText(`Part renouvelable de ${year} enregistrée.`);
  const shares = page.getByRole("table", { name: "Parts renouvelables saisies" });
  await expect(shares.getByRole("row", { name: new RegExp(`^${year} `) }).getByRole("cell")).toHaveText([
    String(year),
    "27,30",
    source,
    admin.email,
    /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/,
  ]);

  // Corrected: the table shows the new value, the audit trail both entries with the value before.
  await page.getByRole("textbox", { name: /^Année/ }).fill(String(year));
  await page.getByLabel("Part renouvelable de l'électricité (%)").fill("28.05");
  await page.getByLabel("Source").fill(`${source} (révisé)`);
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByTestId("form-feedback")).toContainText(`Part renouvelable de ${year} enregistrée.`);
  await expect(shares.getByRole("row", { name: new RegExp(`^${year} `) })).toContainText("28,05");
  await expectAccessible(page);

  await page.goto(`/admin/journal?auteur=${encodeURIComponent(admin.email)}&action=tiruert.renewable_share.set`);
  const trail = page.getByTestId("audit-table");
  await expect(trail.getByRole("row")).toHaveCount(3);
  await expect(trail.getByRole("row").nth(1)).toContainText("TIRUERT : part renouvelable de l'électricité enregistrée");
  await expect(trail.getByRole("row").nth(1)).toContainText(`Part renouvelable (TIRUERT) ${year}`);
  // The details as stored (jsonb orders keys by length): the value after, and the one before.
  const share = (sharePercent: number, text: string) => JSON.stringify({ source: text, sharePercent });
  await expect(trail.getByRole("row").nth(1)).toContainText(`after : ${share(28.05, `${source} (révisé)`)} ; before : ${share(27.3, source)}`);
  await expect(trail.getByRole("row").nth(2)).toContainText(`after : ${share(27.3, source)}`);
  await expect(trail.getByRole("row").nth(2)).not.toContainText("before");
  await expectAccessible(page);
});

// The committee's data: seven aménageurs, each with one statement filed by the deadline
// for a quarter no other test files. Brest (Bretagne): 3 aménageurs × 2 points × 10 kWh; Lyon
// (Auvergne-Rhône-Alpes): 3 × 2 × 5 kWh; Ajaccio (Corse): 1 × 2 × 7 kWh. Thresholds 5 points and
// 3 aménageurs: Corse is withheld (primary), then Auvergne-Rhône-Alpes, the smallest published
// région, so that Corse is not the national total minus Bretagne (secondary); the nation passes.
const COMMITTEE_SITES = [
  { inseeCode: "29019", amenageurs: 3, kwh: 10 },
  { inseeCode: "69123", amenageurs: 3, kwh: 5 },
  { inseeCode: "2A004", amenageurs: 1, kwh: 7 },
];

/** A quarter of 2020–2023 in which no statement is filed yet (2024 Q4 is the journeys'). */
async function freeQuarter(): Promise<{ year: number; quarter: number }> {
  const prisma = await db();
  const taken = new Set((await prisma.tiruertStatement.findMany({ select: { year: true, quarter: true } })).map((s) => `${s.year}-${s.quarter}`));
  const free = [2020, 2021, 2022, 2023]
    .flatMap((year) => [1, 2, 3, 4].map((quarter) => ({ year, quarter })))
    .filter((q) => !taken.has(`${q.year}-${q.quarter}`));
  if (free.length === 0) throw new Error("aucun trimestre libre en 2020–2023");
  return free[randomInt(free.length)];
}

test("comité : totaux national et régionaux d'un trimestre, secret statistique, aucun aménageur ni point", async ({ page }) => {
  const prisma = await db();
  await ensureReferenceData();
  const { year, quarter } = await freeQuarter();
  // The committee reads a quarter as filed by its deadline (lib/tiruert/committee-totals.ts): a
  // filing made through the pages today would be after the deadline of any past quarter, so the
  // statements are stored as filed then (the operator's journeys file through the pages).
  const deadline = filingDeadline({ year, quarter: quarter as Quarter });
  const sirens: string[] = [];
  const points: string[] = [];
  const regionOf: Record<string, string> = { "29019": "53", "69123": "84", "2A004": "94" };
  const file = async (siren: string, version: number, filedAt: string, content: { idPdcItinerance: string; regionCode: string; energyWh: number }[]) => {
    const energyWh = content.reduce((a, p) => a + p.energyWh, 0);
    await execute(
      prisma,
      sql`INSERT INTO tiruert_statement (id, siren, year, quarter, version, content, sha256, energy_wh, certified_wh, filed_at, filed_by)
          VALUES (${randomUUID()}::uuid, ${siren}, ${year}, ${quarter}, ${version}, ${JSON.stringify({ points: content })}::jsonb, ${"0".repeat(64)},
                  ${energyWh}, ${energyWh / 4}, ${filedAt}::timestamptz, 'e2e')`,
    );
  };
  for (const site of COMMITTEE_SITES)
    for (let a = 0; a < site.amenageurs; a++) {
      const siren = makeSiren();
      sirens.push(siren);
      const own = [0, 1].map((i) => `FRE2E${uniqueSuffix().toUpperCase()}${i}`);
      points.push(...own);
      await file(
        siren,
        1,
        `${deadline}T08:00:00Z`,
        own.map((idPdcItinerance) => ({ idPdcItinerance, regionCode: regionOf[site.inseeCode], energyWh: site.kwh * 1000 })),
      );
    }
  // A correction filed today, after the deadline: the committee's totals do not move.
  await file(sirens[0], 2, new Date().toISOString(), [
    { idPdcItinerance: points[0], regionCode: "53", energyWh: 900_000 },
    { idPdcItinerance: points[1], regionCode: "53", energyWh: 900_000 },
  ]);

  await login(page, DEMO.comite.email, DEMO.comite.password);
  await page.goto(`/comite/tiruert?annee=${year}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`TIRUERT électrique : totaux ${year}`);
  // 6 × 10 + 6 × 5 + 2 × 7 = 104 kWh, certified 26 kWh.
  await expect(page.getByTestId(`national-${quarter}`)).toHaveText("France : 104 kWh déclarés, 26 kWh certifiés (provisoire), 14 points, 7 aménageurs.");
  const regions = page.getByRole("table", { name: `Totaux régionaux T${quarter} ${year}` });
  await expect(regions.getByRole("row")).toHaveCount(4);
  await expect(regions.getByRole("row", { name: /^Bretagne / }).getByRole("cell")).toHaveText(["Bretagne", "60 kWh", "15 kWh"]);
  await expect(regions.getByRole("row", { name: /^Auvergne-Rhône-Alpes / }).getByRole("cell")).toHaveText([
    "Auvergne-Rhône-Alpes",
    "secret statistique",
    "secret statistique",
  ]);
  await expect(regions.getByRole("row", { name: /^Corse / }).getByRole("cell")).toHaveText(["Corse", "secret statistique", "secret statistique"]);
  // Nothing individual: no aménageur's SIREN, no point, and neither withheld figure.
  const main = page.locator("main");
  for (const text of [...sirens, ...points, "30 kWh", "7,5 kWh", "14 kWh", "3,5 kWh"]) await expect(main).not.toContainText(text);
  await expectAccessible(page);
});

test("rôles : chaque page TIRUERT refuse les rôles qui ne doivent pas la voir", async ({ page, browser, consoleErrors }) => {
  test.setTimeout(180_000);
  const siren = makeSiren();
  const id = randomUUID();
  const preparer = (base: string) => [base, `${base}/points`, `${base}/etats/${siren}/2024/4`, `${base}/recus/${id}`];
  const pages = {
    beneficiaire: preparer("/beneficiaire/tiruert"),
    operateur: preparer("/operateur/tiruert"),
    admin: ["/admin/tiruert", "/admin/tiruert/parts-renouvelables", `/admin/tiruert/etats/${siren}/2024/4`, `/admin/tiruert/recus/${id}`],
    comite: ["/comite/tiruert"],
  };
  const refused: Record<keyof typeof DEMO, string[]> = {
    beneficiaire: [...pages.operateur, ...pages.admin, ...pages.comite],
    operateur: [...pages.beneficiaire, ...pages.admin, ...pages.comite],
    comite: [...pages.beneficiaire, ...pages.operateur, ...pages.admin],
    admin: [...pages.beneficiaire, ...pages.operateur],
  };
  for (const role of ["beneficiaire", "operateur", "comite", "admin"] as const) {
    const p = role === "beneficiaire" ? page : await newUserPage(browser, consoleErrors);
    await login(p, DEMO[role].email, DEMO[role].password);
    for (const path of refused[role]) await expectForbidden(p, consoleErrors, path, DEMO[role].name);
    await expectAccessible(p);
    // The admin's CSV answers 403 too, in French.
    if (role !== "admin") {
      const csv = await p.request.get("/admin/tiruert.csv?annee=2024");
      expect(csv.status(), `${DEMO[role].name} : /admin/tiruert.csv`).toBe(403);
    }
  }
  // The admin may read the committee's totals (tiruert:read-totals); a statement that is not there is a 404.
  const admin = await newUserPage(browser, consoleErrors);
  await login(admin, DEMO.admin.email, DEMO.admin.password);
  await admin.goto("/comite/tiruert?annee=2021");
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("TIRUERT électrique : totaux 2021");
  await expectAccessible(admin);
  consoleErrors.allow(NOT_FOUND);
  expect((await admin.goto(`/admin/tiruert/recus/${id}`))?.status()).toBe(404);
  await expectAccessible(admin);
});
