import { test, expect, DEMO, login, expectAccessible } from "../support/test";
import { expectErrorSummary } from "../support/forms";
import { makeDossier, makeOperator, makeStations, uniqueSuffix } from "@/cli/demo/factories";
import { addOperations } from "@/tests/support/indicators/make-indicator-stations";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { db } from "@/lib/platform/db/database";
import { PORTAL_JOBS } from "@/cli/portal-jobs";

// Issue 15, "Recalculer maintenant": the fields start on the months that have data (not the
// previous and current years), and a run that would replace months published with figures by
// empty ones asks for a confirmation, checked by the server. The page says what runs daily.

/** Five stations of a new operator in Brest, charging once in the given hour. */
async function chargingIn(start: string) {
  const operator = await makeOperator();
  const dossier = await makeDossier({ signed: true, operatorId: operator.id, inseeCode: "29019" });
  const codes = Array.from({ length: 5 }, (_, i) => `RECALC-${uniqueSuffix()}-${i}`);
  await makeStations({ dossierId: dossier.id, stations: codes.map((stationCode) => ({ stationCode, pointCount: 1, nominalPowerKw: 22, inseeCode: "29019" })) });
  const prisma = await db();
  const stations = await prisma.station.findMany({ where: { operatorId: operator.id }, select: { id: true } });
  await addOperations(
    prisma,
    stations.map((s) => ({ operatorId: operator.id, stationId: s.id, start: new Date(start), stop: new Date(Date.parse(start) + 2 * 3_600_000), wh: 8_000 })),
  );
  return { operatorId: operator.id, prisma };
}

test("recalcul : les mois proposés sont ceux qui ont des données ; la page dit ce qui tourne chaque jour", async ({ page }) => {
  // June 2010, the earliest data of the database (other tests keep none before 2017).
  const { operatorId, prisma } = await chargingIn("2010-06-12T18:00:00Z");
  try {
    await login(page, DEMO.admin.email, DEMO.admin.password);
    await page.goto("/admin/indicateurs");
    await expect(page.getByLabel(/Premier mois/)).toHaveValue("2010-06");
    await expect(page.getByLabel(/Mois de fin/)).toHaveValue(/^20\d\d-\d\d$/);
    // The e2e server runs with JOBS_DISABLED=1 (a daily full run in the middle of the suite would
    // replace the runs other journeys read): the page says that nothing runs by itself.
    await expect(page.getByTestId("daily-recompute")).toHaveText(
      /^Aucun recalcul automatique sur ce serveur : les tâches quotidiennes y sont désactivées \(JOBS_DISABLED=1\)/,
    );
    await expectAccessible(page);
  } finally {
    await prisma.chargeOperation.deleteMany({ where: { operatorId } });
  }
});

test("tâches planifiées : la page montre, pour chaque tâche, sa dernière exécution, son résultat et la prochaine, lus dans la table partagée", async ({
  page,
}) => {
  const prisma = await db();
  // No instance of the e2e server runs the jobs: the table says what another instance would have written.
  await prisma.scheduledJob.create({
    data: {
      name: "indicator-recompute",
      nextDue: new Date("2031-01-16T03:00:00Z"),
      lastStartedAt: new Date("2031-01-15T03:00:00Z"),
      lastFinishedAt: new Date("2031-01-15T03:00:02Z"),
      lastOutcome: "failure",
      lastMessage: "connexion perdue",
      lastInstance: "portail-2:4242",
    },
  });
  try {
    await login(page, DEMO.admin.email, DEMO.admin.password);
    await page.goto("/admin/indicateurs");
    const rows = page.getByTestId("scheduled-jobs").locator("tbody tr");
    await expect(rows.nth(0).locator("td")).toHaveText([
      "Purge des corps bruts expirés",
      "chaque jour à 3 h 30 (heure de Paris)",
      "jamais",
      "—",
      "pas encore planifiée (aucun serveur ne fait tourner les tâches)",
    ]);
    await expect(rows.nth(1).locator("td")).toHaveText([
      "Recalcul quotidien des indicateurs",
      "chaque jour à 4 h (heure de Paris)",
      "15/01/2031 04:00 (portail-2:4242)",
      "échec : connexion perdue",
      "16/01/2031 04:00",
    ]);
    // Then the status history's monthly partitions (issue 17), the monthly-sending reminders, the
    // quality of service and the data quality (issue 19): every declared job, in its order.
    await expect(rows.nth(2).locator("td").first()).toHaveText(/partitions/i);
    await expect(rows.locator("td:first-child")).toHaveText(PORTAL_JOBS.map((j) => j.label));
    await expectAccessible(page);
  } finally {
    await prisma.scheduledJob.delete({ where: { name: "indicator-recompute" } });
  }
});

test("recalcul : remplacer des mois publiés par des mois vides demande une confirmation, vérifiée par le serveur", async ({ page }) => {
  // March 2019 is published with figures, then its data goes: recomputing 2019 would publish it empty.
  const { operatorId, prisma } = await chargingIn("2019-03-12T18:00:00Z");
  await computeIndicators({ from: "2019-03", to: "2019-04", computedBy: "e2e" }, { prisma });
  await prisma.chargeOperation.deleteMany({ where: { operatorId } });
  const runs = await prisma.indicatorRun.count();

  await login(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto("/admin/indicateurs");
  await page.getByLabel(/Premier mois/).fill("2019-03");
  await page.getByLabel(/Mois de fin/).fill("2019-04");
  await page.getByRole("button", { name: "Recalculer maintenant" }).click();
  const message =
    "Ce calcul remplacerait des mois publiés avec des chiffres par des mois vides (plus aucune donnée de production) : mars 2019. Confirmez pour le lancer quand même.";
  await expectErrorSummary(page, "recalcul", { confirm: message });
  expect(await prisma.indicatorRun.count()).toBe(runs);
  await expectAccessible(page);

  // Confirmed: the run is made, 2019 is published empty.
  await expect(page.getByLabel(/Premier mois/)).toHaveValue("2019-03");
  // The DSFR label covers its box: click the label, as a person does.
  await page.getByText("Je confirme : publier ces mois vides à la place des chiffres publiés").click();
  await expect(page.getByLabel("Je confirme : publier ces mois vides à la place des chiffres publiés")).toBeChecked();
  await page.getByRole("button", { name: "Recalculer maintenant" }).click();
  await expect(page.getByTestId("form-feedback")).toContainText(/cases calculées, dont \d+ en secret statistique/, { timeout: 60_000 });
  expect(await prisma.indicatorRun.count()).toBe(runs + 1);
});
