import { test, expect, login, expectAccessible, newUserPage } from "../support/test";
import { makeDossier, makeOperator, makeStations, makeUser, uniqueSuffix } from "@/cli/demo/factories";

// Issue 13 §6: the beneficiary's dossier page once summed implausible data into a station's
// total (9 billion kWh). Totals count clean charges only; flagged ones are shown apart with the
// French labels of their flags.
test("la page du dossier écarte des totaux les recharges signalées et en donne le motif", async ({ browser, consoleErrors }) => {
  const suffix = uniqueSuffix();
  const operator = await makeOperator({ credentials: ["production"] });
  const beneficiary = await makeUser({ role: "beneficiaire" });
  const dossier = await makeDossier({ operatorId: operator.id, beneficiaryId: beneficiary.beneficiaryId!, signed: true });
  const [a, b] = [`FLAG-${suffix}-A`, `FLAG-${suffix}-B`];
  await makeStations({
    dossierId: dossier.id,
    stations: [
      { stationCode: a, pointCount: 1, nominalPowerKw: 22 },
      { stationCode: b, pointCount: 1, nominalPowerKw: 22 },
    ],
  });

  const { username, secret } = operator.credentials[0];
  const page = await newUserPage(browser, consoleErrors);
  const posted = await page.request.post("/api/operation/put", {
    headers: { Authorization: `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}` },
    data: {
      [operator.id]: {
        [a]: {
          // 5 kWh in an hour: counted. 9 billion kWh in an hour, and an index going backwards: set apart.
          T1: { StartTransaction: 1_700_000_000, StopTransaction: 1_700_003_600, StartValue: 0, StopValue: 5_000 },
          T2: { StartTransaction: 1_700_010_000, StopTransaction: 1_700_013_600, StartValue: 0, StopValue: 9_000_000_000_000 },
          T3: { StartTransaction: 1_700_020_000, StopTransaction: 1_700_023_600, StartValue: 9_000, StopValue: 8_000 },
        },
        [b]: { T4: { StartTransaction: 1_700_000_000, StopTransaction: 1_700_003_600, StartValue: 100, StopValue: 2_600 } },
      },
    },
  });
  expect(posted.status()).toBe(200);

  await login(page, beneficiary.email, beneficiary.password);
  await page.goto(`/beneficiaire/dossiers/${dossier.id}`);
  const table = page.getByRole("table", { name: /Stations du dossier/ });
  const rowA = table.getByRole("row").filter({ hasText: a });
  await expect(rowA.getByRole("cell").nth(4)).toHaveText("1");
  await expect(rowA.getByRole("cell").nth(5)).toHaveText("5");
  await expect(rowA.getByRole("cell").nth(6)).toHaveText(
    "2 : Énergie supérieure à 1 000 kWh (1), Énergie supérieure à la puissance de la station (1), Index d'énergie décroissant (1)",
  );
  const rowB = table.getByRole("row").filter({ hasText: b });
  await expect(rowB.getByRole("cell").nth(5)).toHaveText("2,5");
  await expect(rowB.getByRole("cell").nth(6)).toHaveText("Aucune");
  await expect(page.getByText("Les recharges écartées ont été reçues mais leurs données sont peu plausibles")).toBeVisible();
  await expectAccessible(page);
});
