import { createHash } from "node:crypto";
import { test, expect, login, expectAccessible } from "../support/test";
import { makeUser } from "@/cli/demo/factories";
import { db } from "@/lib/platform/db/database";
import { loadRealPoints } from "@/tests/support/tiruert/real-points";

// Issue 20: an operator registers its aménageur's public points into the electric TIRUERT, reads
// the Q4 2024 statement computed from real QualiCharge sessions (lib/tiruert/fixtures), files it
// and gets its receipt, whose SHA-256 is the one of the JSON document. By hand (see
// lib/tiruert/compute-statement.test.ts): 14 sessions ending in Q4 2024 on the three public points,
// 99.59 + 165.88 + 214.7 = 480.17 kWh, certified 25 % = 120.0425 kWh.

test("TIRUERT : de l'enregistrement des points au récépissé d'un état déposé", async ({ page }) => {
  test.setTimeout(120_000);
  const prisma = await db();
  // The Q4 correction of 2024 needs the shares of 2022 and 2023, which this journey leaves unset.
  await prisma.tiruertRenewableShare.deleteMany({ where: { year: { in: [2022, 2023] } } });
  const r = await loadRealPoints();
  const siren = r.siren["953900123"];
  const operator = await makeUser({ role: "operateur", operatorId: r.operatorId });
  await login(page, operator.email, operator.password);

  await page.goto("/operateur/tiruert");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("TIRUERT électrique : états trimestriels");
  await expect(page.getByTestId("no-amenageur")).toBeVisible();
  await page.getByRole("link", { name: "Enregistrer des points dans le dispositif" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Points enregistrés dans le dispositif TIRUERT");
  // The reserved-access point is listed as not eligible, with no checkbox.
  await expect(page.getByRole("row", { name: new RegExp(r.points.FRELCEDXQS.idPdcItinerance) })).toContainText("Non admissible : accès « Accès réservé »");
  await expectAccessible(page);

  // A point checked without a meter type: refused with the field named.
  const first = r.points.FRETIE13001A12.idPdcItinerance;
  await page.getByLabel(`Enregistrer le point ${first}`).check({ force: true });
  await page.getByRole("button", { name: "Enregistrer les points cochés" }).click();
  await expect(page.getByTestId("form-feedback")).toContainText("choisissez le type de compteur du point");

  for (const original of ["FRETIE13001A12", "FRETIE13063B13", "FRETIE59244A13"]) {
    const id = r.points[original].idPdcItinerance;
    await page.getByLabel(`Enregistrer le point ${id}`).check({ force: true });
    await page.getByLabel(`Type de compteur du point ${id}`).selectOption("dc_conforme");
  }
  await page.getByRole("button", { name: "Enregistrer les points cochés" }).click();
  await expect(page.getByTestId("form-feedback")).toContainText("3 points enregistrés dans le dispositif.");
  expect(await prisma.tiruertPoint.count({ where: { siren } })).toBe(3);

  await page.goto("/operateur/tiruert");
  await expect(page.getByRole("heading", { level: 2, name: `Aménageur ${siren} — 3 points enregistrés` })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/operateur/tiruert/etats/${siren}/2024/4`);
  await expect(page.getByTestId("statement-state")).toContainText("brouillon");
  await expect(page.getByTestId("statement-totals")).toContainText("480,17 kWh (14 sessions, 3 points)");
  await expect(page.getByTestId("statement-totals")).toContainText("120,0425 kWh");
  await expect(page.getByTestId("q4-correction")).toContainText("En attente : la part d'électricité renouvelable en France de 2022 et 2023");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Déposer l'état" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Récépissé de dépôt de l'état TIRUERT T4 2024");
  const receipt = page.getByTestId("receipt");
  await expect(receipt).toContainText("1 (dépôt initial)");
  await expect(receipt).toContainText("480,17 kWh — 120,0425 kWh");
  const hash = (await page.getByTestId("receipt-hash").textContent())!;
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expectAccessible(page);

  // The JSON document is the hashed content; the CSV (standard) has one row per point.
  const json = await (
    await page.request.get(
      await page
        .getByRole("link", { name: /^Document JSON de l'état/ })
        .getAttribute("href")
        .then((h) => h!),
    )
  ).text();
  expect(createHash("sha256").update(json, "utf8").digest("hex")).toBe(hash);
  expect(JSON.parse(json)).toMatchObject({ format: "advenir-tiruert-statement/1", siren, year: 2024, quarter: 4, totals: { energyWh: 480_170 } });
  const csvHref = await page.getByRole("link", { name: /^CSV standard/ }).getAttribute("href");
  const csv = (await (await page.request.get(csvHref!)).text()).split("\r\n");
  expect(csv).toContain(`${siren},2024,4,1,${first},DC,dc_conforme,4,99.59,24.8975,0,0`);

  // Back on the statement: filed, version 1, and the form now offers a correction (version 2).
  await page.getByRole("link", { name: "Retour à l'état T4 2024" }).click();
  await expect(page.getByTestId("statement-state")).toContainText("déposé");
  await expect(page.getByTestId("statement-versions")).toContainText(hash.slice(0, 16));
  await expect(page.getByRole("button", { name: "Déposer une correction (version 2)" })).toBeVisible();
  expect(await prisma.tiruertStatement.count({ where: { siren } })).toBe(1);
});
