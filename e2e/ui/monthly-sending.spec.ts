import { readFileSync } from "node:fs";
import { test, expect, DEMO, login, expectAccessible, expectForbidden, newUserPage } from "../support/test";
import { makeDossier, makeOperator, makeStations, makeUser, uniqueSuffix } from "@/cli/demo/factories";
import { db } from "@/lib/platform/db/database";

// Issue 19, the monthly-sending rule: a station registered and signed 60 days ago that never sent
// is late; its sister station sent today is not. The operator sees the late one first with a
// notice, the admin lists it and downloads it as CSV, the beneficiary sees it in its dossier.
// Three short journeys, each with its own data, so that each holds on a busy machine.
async function operatorWithLateStation() {
  const suffix = uniqueSuffix();
  const operator = await makeOperator({ name: `Opérateur Silencieux ${suffix}` });
  const operatorUser = await makeUser({ role: "operateur", operatorId: operator.id });
  const beneficiaryUser = await makeUser({ role: "beneficiaire" });
  const dossier = await makeDossier({
    operatorId: operator.id,
    beneficiaryId: beneficiaryUser.beneficiaryId!,
    signed: true,
    reference: `ADV-MENSUEL-${suffix}`,
  });
  const late = `MUET-${suffix}`;
  const fresh = `ACTIVE-${suffix}`;
  const stations = await makeStations({
    dossierId: dossier.id,
    stations: [late, fresh].map((stationCode) => ({ stationCode, pointCount: 1, nominalPowerKw: 22 })),
  });
  const prisma = await db();
  const sixtyDaysAgo = new Date(Date.now() - 60 * 86_400_000);
  await prisma.station.updateMany({ where: { dossierId: dossier.id }, data: { createdAt: sixtyDaysAgo } });
  await prisma.attestation.update({ where: { dossierId: dossier.id }, data: { signedAt: sixtyDaysAgo } });
  const freshId = stations.find((s) => s.stationCode === fresh)!.id;
  await prisma.chargeOperation.create({
    data: {
      env: "production",
      operatorId: operator.id,
      stationId: freshId,
      transactionId: `T-${suffix}`,
      startAt: new Date(Date.now() - 7_200_000),
      stopAt: new Date(Date.now() - 3_600_000),
      startWh: 1000n,
      stopWh: 6000n,
    },
  });
  return { operator, operatorUser, beneficiaryUser, dossier, late, fresh };
}

test("envoi mensuel : l'opérateur voit d'abord sa station en retard, avec un avertissement", async ({ browser, consoleErrors }) => {
  const { operatorUser, dossier, late, fresh } = await operatorWithLateStation();
  const op = await newUserPage(browser, consoleErrors);
  await login(op, operatorUser.email, operatorUser.password);
  await expect(op).toHaveURL(/\/operateur$/);
  await expect(op.getByRole("heading", { level: 2, name: "1 station(s) sans envoi depuis plus d'un mois" })).toBeVisible();
  const lateTable = op.getByTestId("late-stations-table");
  await expect(lateTable).toContainText(late);
  await expect(lateTable).toContainText(dossier.reference);
  await expect(lateTable).toContainText("Aucune (compte depuis le");
  await expect(lateTable).not.toContainText(fresh);
  // Its late stations come before the list of all its stations.
  const lateTop = (await lateTable.boundingBox())!.y;
  const allTop = (await op.getByTestId("stations-table").boundingBox())!.y;
  expect(lateTop).toBeLessThan(allTop);
  await expectAccessible(op);
  // The admin's list is not its page.
  await expectForbidden(op, consoleErrors, "/admin/envois-en-retard", "opérateur");
  expect((await op.request.get("/admin/envois-en-retard.csv")).status()).toBe(403);
});

test("envoi mensuel : l'administrateur liste les opérateurs et stations en retard et les exporte en CSV", async ({ browser, consoleErrors }) => {
  const { operator, operatorUser, dossier, late, fresh } = await operatorWithLateStation();
  const admin = await newUserPage(browser, consoleErrors);
  await login(admin, DEMO.admin.email, DEMO.admin.password);
  await admin.getByRole("link", { name: "Envois en retard" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Envois en retard");
  // No SMTP server in these tests: the page says no reminder leaves.
  await expect(admin.getByText("Aucun serveur SMTP n'est configuré")).toBeVisible();
  await expect(admin.getByTestId("late-operators-table")).toContainText(operator.name);
  await expect(admin.getByTestId("late-operators-table")).toContainText(operatorUser.email);
  const adminLate = admin.getByTestId("late-stations-table");
  await expect(adminLate).toContainText(late);
  await expect(adminLate).not.toContainText(fresh);
  await expectAccessible(admin);
  const [excel] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: /^Stations en retard en CSV pour Excel/ }).click()]);
  expect(excel.suggestedFilename()).toMatch(/^envois-en-retard_\d{4}-\d{2}-\d{2}_excel-fr\.csv$/);
  const fr = readFileSync((await excel.path())!, "utf8");
  expect(fr.startsWith("\uFEFFStations sans envoi de données depuis plus d'un mois au ")).toBe(true);
  expect(fr).toContain(`${operator.name};${operator.id};${dossier.reference};`);
  expect(fr).toContain(`;${late};;`);
  expect(fr).not.toContain(fresh);
  const [standard] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: /^Stations en retard en CSV standard/ }).click()]);
  const std = readFileSync((await standard.path())!, "utf8");
  expect(std).toMatch(new RegExp(`,${late},,\\d{4}-\\d{2}-\\d{2}T[^,]+Z,\\d{4}-\\d{2}-\\d{2},\\d+\\r\\n`));
});

test("envoi mensuel : le bénéficiaire voit, dans son dossier, la station qui n'envoie rien", async ({ browser, consoleErrors }) => {
  const { beneficiaryUser, dossier, late, fresh } = await operatorWithLateStation();
  const ben = await newUserPage(browser, consoleErrors);
  await login(ben, beneficiaryUser.email, beneficiaryUser.password);
  await ben.goto(`/beneficiaire/dossiers/${dossier.id}`);
  await expect(ben.getByRole("heading", { level: 3, name: "1 station(s) n'envoient rien depuis plus d'un mois" })).toBeVisible();
  const silent = ben.getByTestId("silent-stations");
  await expect(silent).toContainText(late);
  await expect(silent).toContainText("aucune donnée reçue depuis le");
  await expect(silent).not.toContainText(fresh);
  await expectAccessible(ben);
  await expectForbidden(ben, consoleErrors, "/admin/envois-en-retard", "bénéficiaire");
});
