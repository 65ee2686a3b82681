import { randomInt, randomUUID } from "node:crypto";
import { test, expect, login, expectAccessible } from "../support/test";
import { makeUser } from "@/cli/demo/factories";
import { db } from "@/lib/platform/db/database";
import { execute, sql } from "@/lib/platform/db/sql";
import { parisMidnight } from "@/lib/platform/time/paris-time";
import { computeQosDays, monthDays } from "@/lib/quality-of-service/compute-qos-days";
import { publishQosMonth } from "@/lib/quality-of-service/publish-qos-month";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints } from "@/tests/support/qualicharge/points";

// Issue 19: quality of service, for the committee and for an operator. Each journey has six
// one-point stations in Paris (six aménageurs) in a month of 2025 no other journey writes
// statuses in (June for the committee's dashboard, May for an operator's history, July for the
// operator's own page): in service all month (a status
// every five days, within the week a status holds), point i out of service on the 10th from
// midnight for i + 1 hours. By hand:
//   availability, June: 1 − (1 + … + 6) h ÷ (6 × 30 × 24 h) = 1 − 21/4320 = 99.51 % → "99,5 %";
//   May and July: 1 − 21/(6 × 31 × 24) = 1 − 21/4464 = 99.53 % → "99,5 %";
//   the 10th alone: 1 − 21/(6 × 24) = 85.42 % → "85,4 %";
//   time to restore, median of 1…6 h: 3.5 h → "3,5 h".

const DAY_MS = 86_400_000;

async function monthOfSixStations(month: string): Promise<{ operatorId: string; unit: string }> {
  const prisma = await db();
  await execute(prisma, sql`SELECT ensure_status_partitions('2025-04-01'::date, 5)`);
  const tenant = await makeQualichargeTenant();
  const points = await makeQualichargePoints(tenant, { stations: 6, inseeCode: "75101" });
  const status = (p: (typeof points)[number], at: Date, etat: string) =>
    execute(
      prisma,
      sql`INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, etat_pdc, occupation_pdc, received_at)
          VALUES (${p.stationId}::uuid, ${p.chargePointId}::uuid, ${at}, ${randomUUID()}::uuid, 'QUALICHARGE', ${etat}, 'libre', ${new Date(at.getTime() + 20_000)})`,
    );
  const start = parisMidnight(`${month}-01`);
  for (const [i, p] of points.entries()) {
    await prisma.chargePoint.update({
      where: { id: p.chargePointId },
      data: { createdAt: new Date("2025-01-01T00:00:00Z"), irve: { siren_amenageur: String(randomInt(100_000_000, 999_999_999)) } },
    });
    for (const day of [0, 5, 15, 20, 25]) await status(p, new Date(start.getTime() + day * DAY_MS), "en_service");
    const tenth = new Date(start.getTime() + 9 * DAY_MS);
    await status(p, tenth, "hors_service");
    await status(p, new Date(tenth.getTime() + (i + 1) * 3_600_000), "en_service");
  }
  await computeQosDays({ ...monthDays(month), validitySeconds: 168 * 3600 });
  return { operatorId: tenant.operatorId, unit: tenant.units[0] };
}

test("qualité de service : le comité lit les chiffres publiés du mois clos, la carte, le classement et leurs CSV", async ({ page }) => {
  const { unit } = await monthOfSixStations("2025-06");
  // The nightly job publishes a closed month once (lib/quality-of-service/publish-closed-months.ts).
  expect((await publishQosMonth({ month: "2025-06-01", publishedBy: "test" })).outcome).toBe("publie");

  const member = await makeUser({ role: "comite" });
  await login(page, member.email, member.password);
  await page.goto("/comite");
  await page.getByRole("link", { name: /^Qualité de service/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Qualité de service des points de charge");
  // Choose June 2025 in the form, by the keyboard-reachable selects.
  await page.getByLabel("Type de période").selectOption("month");
  await page.getByLabel("Période", { exact: true }).selectOption({ label: "juin 2025" });
  await page.getByLabel("Maille du tableau").selectOption("departement");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "France entière, juin 2025" })).toBeVisible();
  await expect(page.getByTestId("qos-publication")).toContainText("Chiffres publiés le ");
  await expect(page.getByTestId("qos-national-disponibilite")).toHaveText("99,5 %");
  await expect(page.getByTestId("qos-national-remise_en_service_mediane")).toHaveText("3,5 h");
  await expect(page.getByTestId("qos-coverage")).toContainText("6 point(s) de charge de 6 station(s)");
  await expect(page.getByTestId("qos-cells")).toContainText("Paris (75)");
  await expect(page.locator('path[data-code="75"]')).not.toHaveAttribute("fill", "url(#secret)");
  await expect(page.getByTestId("qos-ranking")).toContainText(`(${unit})`);
  await expectAccessible(page);

  const csvHref = await page.getByRole("link", { name: /^CSV standard.*Qualité de service par département/ }).getAttribute("href");
  const csv = await (await page.request.get(csvHref!)).text();
  expect(csv.split("\r\n")[0]).toContain("Qualité de service par département, juin 2025");
  // Code, zone, points, stations, then availability in percent (rounded to 0.01).
  expect(csv).toMatch(/\r\n75,Paris \(75\),6,6,99\.51,/);

  // The ranking links to each operator's history.
  await expect(page.getByTestId("qos-ranking").getByRole("link", { name: new RegExp(`\\(${unit}\\)`) })).toHaveAttribute(
    "href",
    `/comite/qualite-de-service/operateurs/${unit}?periode=month&debut=2025-06-01`,
  );

  // By EPCI: Paris 1er is in the Métropole du Grand Paris; the map stays by département.
  await page.getByLabel("Maille du tableau").selectOption("epci");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Par EPCI" })).toBeVisible();
  await expect(page.getByTestId("qos-cells")).toContainText("Métropole du Grand Paris");
  await expect(page.getByTestId("qos-map-epci")).toContainText("les contours des EPCI ne sont pas livrés");
  const epciHref = await page.getByRole("link", { name: /^CSV standard.*Qualité de service par EPCI/ }).getAttribute("href");
  const epciCsv = await (await page.request.get(epciHref!)).text();
  expect(epciCsv.split("\r\n")[0]).toContain("Qualité de service par EPCI, juin 2025");
  expect(epciCsv).toContain("\r\n200054781,Métropole du Grand Paris,");

  // A month not published is not read, not even as CSV.
  expect((await page.request.get("/api/qualite-de-service?vue=tableau&periode=month&debut=2025-04-01")).status()).toBe(404);
});

test("qualité de service : le comité lit l'historique publié d'un opérateur, sa carte par région et par département, et leurs CSV", async ({ page }) => {
  const { unit } = await monthOfSixStations("2025-05");
  expect((await publishQosMonth({ month: "2025-05-01", publishedBy: "test" })).outcome).toBe("publie");
  const member = await makeUser({ role: "comite" });
  await login(page, member.email, member.password);
  await page.goto(`/comite/qualite-de-service/operateurs/${unit}?periode=month&debut=2025-05-01`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`(${unit})`);
  await expect(page.getByTestId("qos-own-disponibilite")).toContainText("99,5 %");
  await expectAccessible(page);
  const historyHref = await page.getByRole("link", { name: /^CSV standard.*et de la France entière/ }).getAttribute("href");
  const history = await (await page.request.get(historyHref!)).text();
  expect(history).toContain("\r\nmai 2025,2025-05-01,2025-06-01,6,6,99.53,");
  // Its map by région: Île-de-France, its only région, published (it is the operator's national figure).
  await expect(page.getByRole("heading", { level: 3, name: /de .* par région, mai 2025/ })).toBeVisible();
  await expect(page.locator('path[data-code="11"]')).not.toHaveAttribute("fill", "url(#secret)");
  const mapHref = await page.getByRole("link", { name: /^CSV standard.*par région/ }).getAttribute("href");
  expect(await (await page.request.get(mapHref!)).text()).toMatch(/\r\n11,Île-de-France,6,6,99\.53,/);
  // By département, chosen in the form: Paris, its only département, is its figure of Île-de-France.
  await page.getByLabel("Maille de la carte").selectOption("departement");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByRole("heading", { level: 3, name: /de .* par département, mai 2025/ })).toBeVisible();
  await expect(page.locator('path[data-code="75"]')).not.toHaveAttribute("fill", "url(#secret)");
  await expectAccessible(page);
  const depHref = await page.getByRole("link", { name: /^CSV standard.*par département/ }).getAttribute("href");
  expect(await (await page.request.get(depHref!)).text()).toMatch(/\r\n75,Paris \(75\),6,6,99\.53,/);
});

test("qualité de service : l'opérateur lit les chiffres de ses points, du mois au jour, et leur CSV", async ({ page }) => {
  const { operatorId, unit } = await monthOfSixStations("2025-07");
  const operator = await makeUser({ role: "operateur", operatorId });
  await login(page, operator.email, operator.password);
  await page.getByRole("link", { name: "Qualité de service" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Qualité de service de vos points de charge");
  await page.goto("/operateur/qualite-de-service?periode=month&debut=2025-07-01&maille=operateur");
  await expect(page.getByRole("heading", { level: 2, name: "Vos points, juillet 2025" })).toBeVisible();
  await expect(page.getByTestId("qos-own-disponibilite")).toHaveText("Vos points : 99,5 %");
  await expect(page.getByTestId("qos-cells")).toContainText(unit);
  await expectAccessible(page);
  await page.goto("/operateur/qualite-de-service?periode=day&debut=2025-07-10&maille=national");
  await expect(page.getByRole("heading", { level: 2, name: "Vos points, 10 juillet 2025" })).toBeVisible();
  await expect(page.getByTestId("qos-own-disponibilite")).toHaveText("Vos points : 85,4 %");
  const ownCsv = await (
    await page.request.get("/api/operateur/qualite-de-service?vue=tableau&periode=day&debut=2025-07-10&maille=national&format=standard")
  ).text();
  expect(ownCsv).toMatch(/\r\nFR,France entière,6,6,85\.42,/);
  // An operator never reads the committee's CSV.
  expect((await page.request.get("/api/qualite-de-service?vue=tableau&periode=month&debut=2025-07-01")).status()).toBe(403);
});
