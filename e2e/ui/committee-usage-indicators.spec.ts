import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { test, expect, login, expectAccessible } from "../support/test";
import { makeOperator, makeUser, uniqueSuffix } from "@/cli/demo/factories";
import { claimFreshUnit } from "@/tests/support/qualicharge/tenant";
import { db } from "@/lib/platform/db/database";
import { execute, sql } from "@/lib/platform/db/sql";
import { publishUsageMonth } from "@/lib/quality-of-service/sessions/publish-usage-month";

// Issue 19, usage indicators with QualiCharge's codes: the committee member opens the page for one
// operational unit and one month, reads figures equal to a hand count of the sessions made here, the
// hourly chart's table and the CSV (the committee reads months only, as published once closed). Its own month (March 2016,
// sessions on the 15th, no other test's) and unit: six
// points of six stations of three aménageurs (the national cell passes K = 5, B = 3; the unit,
// an operator's, is published with its operator's name from 5 stations).
//
// By hand: 6 sessions at 07:10 UTC (08:10 in Paris, winter time), 3 at 17:30 UTC (18:30), one of
// 0.4 kWh at 12:00 UTC (13:00): u10 = 10 sessions, u11 = 9 successful (the 0.4 kWh one is not),
// u5 = 6 at 8 h, 1 at 13 h, 3 at 18 h; i1 = 6 points, i7 = 6 × 22 = 132 kW; energy 6 × 12 + 3 × 8 + 0.4 =
// 96.4 kWh, load factor 96.4 ÷ (132 × 743 h: March 2016, clocks forward on the 27th) = 0.098 % → 0.1.
test("le comité lit les indicateurs d'usage d'une unité opérationnelle, leur tableau et leur CSV", async ({ page }) => {
  const operatorName = `Opérateur usages ${uniqueSuffix()}`;
  const operator = await makeOperator({ name: operatorName });
  const unit = await claimFreshUnit(operator.id);
  const prisma = await db();
  const points: { id: string; stationId: string }[] = [];
  for (let i = 0; i < 6; i++) {
    const suffix = `${uniqueSuffix()}${i}`.toUpperCase().replace(/[^A-Z0-9]/g, "");
    const station = await prisma.station.create({
      data: { operatorId: operator.id, stationCode: `${unit}P${suffix}`, nominalPowerKw: 22, inseeCode: "29019", createdAt: new Date("2016-01-01T00:00:00Z") },
      select: { id: true },
    });
    const idPdc = `${unit}E${suffix}`;
    const point = await prisma.chargePoint.create({
      data: {
        stationId: station.id,
        pointCode: idPdc,
        idPdcItinerance: idPdc,
        nominalPowerKw: 22,
        irve: { siren_amenageur: ["552081317", "356000000", "130025265"][i % 3], raccordement: "Direct", prise_type_2: "true" },
        createdAt: new Date("2016-01-01T00:00:00Z"),
      },
      select: { id: true },
    });
    points.push({ id: point.id, stationId: station.id });
  }
  const charge = async (p: { id: string; stationId: string }, start: string, minutes: number, wh: number) =>
    execute(
      prisma,
      sql`INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, door, charge_point_id)
          VALUES ('production', ${operator.id}::uuid, ${p.stationId}::uuid, ${`E2E-${randomUUID()}`}, ${new Date(start)},
                  ${new Date(Date.parse(start) + minutes * 60_000)}, 0, ${wh}, 'QUALICHARGE', ${p.id}::uuid)`,
    );
  for (const p of points) await charge(p, "2016-03-15T07:10:00Z", 60, 12_000);
  for (const p of points.slice(0, 3)) await charge(p, "2016-03-15T17:30:00Z", 45, 8_000);
  await charge(points[5], "2016-03-15T12:00:00Z", 20, 400);

  const member = await makeUser({ role: "comite" });
  await login(page, member.email, member.password);
  const url = `/comite/qualite-de-service/usages?type=month&periode=2016-03-15&maille=unite&zone=${unit}`;
  // Not published yet: the page says when it will be, the CSV answers 404.
  await page.goto(url);
  await expect(page.getByText("Indicateurs d'usage de mars 2016 non publiés")).toBeVisible();
  await expect(page.getByText(/mars 2016 le sera à partir du 16 avril 2016/)).toBeVisible();
  await expectAccessible(page);
  expect((await page.request.get(`/comite/qualite-de-service/usages/csv?type=month&periode=2016-03-15&maille=national&format=csv&vue=tout`)).status()).toBe(
    404,
  );

  // Published (as the nightly job does from the 16th of the next month); a session received
  // afterwards changes nothing the committee reads.
  expect((await publishUsageMonth({ month: "2016-03-01", publishedBy: "e2e" })).outcome).toBe("publie");
  await charge(points[0], "2016-03-20T09:00:00Z", 60, 30_000);
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Qualité de service : indicateurs d'usage (codes QualiCharge)");
  await expect(page.getByTestId("usage-publication")).toContainText("Chiffres de mars 2016 tels que publiés le");
  await expect(page.getByTestId("usage-scope")).toHaveText(`${unit} — ${operatorName} — mars 2016`);

  const figures = page.getByTestId("usage-indicators");
  const valueOf = (code: string, label: string) => figures.getByRole("row").filter({ hasText: code }).filter({ hasText: label }).getByRole("cell").nth(3);
  await expect(valueOf("u10", "Sessions")).toHaveText("10");
  await expect(valueOf("u11", "Sessions réussies")).toHaveText("9");
  await expect(valueOf("i1", "Points de charge en service")).toHaveText("6");
  await expect(valueOf("i7", "Puissance installée")).toHaveText("132");
  await expect(valueOf("q5", "Taux de réussite")).toHaveText("90");

  // The hourly chart's data table.
  await page.getByText("Voir les données sous forme de tableau").click();
  const hours = page.getByRole("table", { name: /Sessions par heure de début/ });
  await expect(hours.getByRole("row", { name: /^8 h 6$/ })).toBeVisible();
  await expect(hours.getByRole("row", { name: /^13 h 1$/ })).toBeVisible();
  await expect(hours.getByRole("row", { name: /^18 h 3$/ })).toBeVisible();
  await expectAccessible(page);

  // The CSV of every figure of the unit, for French Excel.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /^CSV pour Excel.*tous les indicateurs de la zone/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`usages_indicateurs_month_2016-03-01_unite_${unit}_excel-fr.csv`);
  const text = readFileSync((await download.path())!, "utf8");
  expect(text.startsWith("\uFEFFIndicateurs d'usage (codes QualiCharge) — mars 2016")).toBe(true);
  const lines = text.split("\r\n");
  expect(lines[1]).toBe("Zone (code);Zone;Code QualiCharge;Indicateur;Détail;Valeur;Unité");
  expect(lines).toContain(`${unit};${unit} — ${operatorName};u10;Sessions;;10;sessions`);
  expect(lines).toContain(`${unit};${unit} — ${operatorName};u5;Sessions par heure de la journée;8 h;6;sessions`);
  expect(lines).toContain(`${unit};${unit} — ${operatorName};u9;Énergie par classe de puissance;de 7,4 à 22 kW;96,4;kWh`);

  // The régions of that month: Bretagne holds the six stations, published, linking to its detail.
  await page.goto("/comite/qualite-de-service/usages?type=month&periode=2016-03-15&maille=region");
  const bretagne = page.getByTestId("usage-areas").getByRole("row").filter({ hasText: "Bretagne (53)" });
  await expect(bretagne.getByRole("cell")).toHaveText(["Bretagne (53)", "6", "10", "9", "90", "96,4", "0,1"]);
  await bretagne.getByRole("link", { name: "Bretagne (53)" }).click();
  await expect(page.getByTestId("usage-scope")).toHaveText("Bretagne (53) — mars 2016");
  await expectAccessible(page);

  // By EPCI, chosen in the form: Brest Métropole holds the same six stations.
  await page.getByLabel("Niveau").selectOption("epci");
  await page.getByLabel("Zone", { exact: true }).selectOption("");
  await page.getByRole("button", { name: "Afficher" }).click();
  const brest = page.getByTestId("usage-areas").getByRole("row").filter({ hasText: "Brest Métropole (242900314)" });
  await expect(brest.getByRole("cell")).toHaveText(["Brest Métropole (242900314)", "6", "10", "9", "90", "96,4", "0,1"]);
  await expectAccessible(page);
});
