import { readFileSync } from "node:fs";
import { test, expect, login, expectAccessible } from "../support/test";
import { makeBeneficiary, makeDossier, makeOperator, makeStations, makeUser, uniqueSuffix } from "@/cli/demo/factories";
import { addOperations } from "@/tests/support/indicators/make-indicator-stations";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { db } from "@/lib/platform/db/database";

// Issue 15, committee CSV exports: French Excel by default (`;`, BOM), the standard variant, a
// first line and a file name saying what the file holds, withheld cells as "secret statistique".
// Data of its own year (2017, no other test's): Finistère published (6 stations, 3 beneficiaries),
// Corse-du-Sud withheld (2 stations, 1 beneficiary), and Rhône with it (6 stations charging half
// as much: the région closest in size, withheld so that Corse cannot be deduced). The run is computed, then the charges
// deleted (the published figures stay; other tests' default months are not moved to 2017).
test("le comité télécharge le tableau de la carte en CSV pour Excel et en CSV standard", async ({ page }) => {
  const operator = await makeOperator();
  const whOf = new Map<string, number>();
  const sites = [
    { inseeCode: "29019", beneficiaries: 3, wh: 12_000 },
    { inseeCode: "69123", beneficiaries: 3, wh: 6_000 },
    { inseeCode: "2A004", beneficiaries: 1, wh: 12_000 },
  ];
  for (const site of sites) {
    for (let b = 0; b < site.beneficiaries; b++) {
      const beneficiary = await makeBeneficiary();
      const dossier = await makeDossier({ signed: true, operatorId: operator.id, beneficiaryId: beneficiary.id, inseeCode: site.inseeCode });
      const codes = [0, 1].map((i) => `CSV-${uniqueSuffix()}-${i}`);
      await makeStations({
        dossierId: dossier.id,
        stations: codes.map((stationCode) => ({ stationCode, pointCount: 1, nominalPowerKw: 22, inseeCode: site.inseeCode })),
      });
      for (const code of codes) whOf.set(code, site.wh);
    }
  }
  const prisma = await db();
  const stations = await prisma.station.findMany({ where: { operatorId: operator.id }, select: { id: true, stationCode: true } });
  await addOperations(
    prisma,
    stations.map((s) => ({
      operatorId: operator.id,
      stationId: s.id,
      start: new Date("2017-01-10T18:00:00Z"),
      stop: new Date("2017-01-10T20:00:00Z"),
      wh: whOf.get(s.stationCode)!,
    })),
  );
  const run = await computeIndicators({ from: "2017-01", to: "2017-02", computedBy: "e2e" }, { prisma });
  await prisma.chargeOperation.deleteMany({ where: { operatorId: operator.id } });

  const member = await makeUser({ role: "comite" });
  await login(page, member.email, member.password);
  await page.goto("/comite/indicateurs/carte?type=month&periode=2017-01-01&maille=departement&canal=all");
  await expect(page.getByRole("link", { name: /^CSV pour Excel/ })).toBeVisible();
  await expectAccessible(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^CSV pour Excel/ }).click()]);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(
      `^indicateurs_carte_energy_kwh_mois_2017-01-01_departement_tous-canaux_calcul-\\d{8}-\\d{4}-${run.runId}_(serie-.+-v\\d+|sans-serie-carbone)_excel-fr\\.csv$`,
    ),
  );
  const raw = readFileSync((await download.path())!, "utf8");
  expect(raw.charCodeAt(0)).toBe(0xfeff);
  const lines = raw.slice(1).trim().split("\r\n");
  expect(lines[0]).toMatch(
    new RegExp(
      `^Indicateur : Carte : Énergie délivrée;Période : janvier 2017 \\(mois\\);Maille : toutes les zones de la maille département;Canal : Tous les canaux;Calcul : calcul du \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2} \\(heure de Paris\\), n° ${run.runId};Série carbone : .+$`,
    ),
  );
  expect(lines[1]).toBe("Code;Nom;Énergie délivrée (kWh);Révision");
  expect(lines).toContain("29;Finistère;72;");
  expect(lines).toContain("2A;Corse-du-Sud;secret statistique;");
  expect(lines).toContain("69;Rhône;secret statistique;");
  // The withheld values (24 and 36 kWh) are nowhere in the file.
  expect(raw).not.toMatch(/;(24|36);/);

  const standard = await page.request.get((await page.getByRole("link", { name: /^CSV standard/ }).getAttribute("href"))!);
  expect(standard.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(standard.headers()["content-disposition"]).toMatch(new RegExp(`filename="indicateurs_carte_.+-${run.runId}_.+_standard\\.csv"$`));
  const text = await standard.text();
  expect(text.charCodeAt(0)).not.toBe(0xfeff);
  const standardLines = text.trim().split("\r\n");
  expect(standardLines[1]).toBe("Code,Nom,Énergie délivrée (kWh),Révision");
  expect(standardLines).toContain("29,Finistère,72,");
  expect(standardLines).toContain("2A,Corse-du-Sud,secret statistique,");
});
