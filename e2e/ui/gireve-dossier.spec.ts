import { test, expect, login, expectAccessible, newUserPage, NOT_FOUND } from "../support/test";
import { makeUser } from "@/cli/demo/factories";
import { db } from "@/lib/platform/db/database";
import { formatDateTime } from "@/lib/platform/format";
import { makeGireveSetup } from "@/tests/support/gireve/relay";
import { availabilityStatus, busyStatus, chargeDetailRecord } from "@/tests/support/gireve/envelopes";

// Issue 18 §5: GIREVE's relay reports on a point of a dossier collected through GIREVE (posted to
// the portal's own server, as in production); its beneficiary sees the point's latest status in
// French with its time, when it last reported, and its charges, on the dossier and on the point.
test("le bénéficiaire d'un dossier GIREVE voit le statut et les recharges de son point", async ({ browser, consoleErrors }) => {
  const s = await makeGireveSetup({ points: 2, powerKw: 22 });
  const [p] = s.points;
  const station = await (
    await db()
  ).station.findUniqueOrThrow({ where: { id: p.stationId }, select: { dossier: { select: { id: true, beneficiaryId: true } } } });
  const beneficiary = await makeUser({ role: "beneficiaire", beneficiaryId: station.dossier!.beneficiaryId });

  const second = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);
  const statusAt = second(Date.now() - 2 * 3_600_000);
  const start = second(Date.now() - 5 * 3_600_000);
  const page = await newUserPage(browser, consoleErrors);
  const post = async (xml: string) => {
    const r = await page.request.post("/api/gireve/emip", {
      headers: { "Content-Type": "application/soap+xml; charset=utf-8", Authorization: s.relay.auth },
      data: xml,
    });
    expect(r.status()).toBe(200);
    expect(await r.text()).toContain("<requestStatus>1</requestStatus>");
  };
  const ids = { operatorId: s.emi3OperatorId, evseId: p.evseId };
  await post(availabilityStatus({ ...ids, at: new Date(statusAt.getTime() - 60_000).toISOString(), availability: 2 }));
  await post(busyStatus({ ...ids, at: statusAt.toISOString(), busy: 2 }));
  await post(
    chargeDetailRecord({
      ...ids,
      sessionId: "SESSION-E2E-1",
      nature: "final",
      start: start.toISOString(),
      end: new Date(start.getTime() + 65 * 60_000).toISOString(),
      energy: 18_400,
    }),
  );

  await login(page, beneficiary.email, beneficiary.password);
  await page.goto(`/beneficiaire/dossiers/${station.dossier!.id}`);
  const points = page.getByRole("table", { name: /Points de charge déclarés/ });
  const row = points.getByRole("row").filter({ hasText: p.idPdcItinerance });
  await expect(row.getByRole("cell").nth(2)).toHaveText(`En service Occupé, le ${formatDateTime(statusAt)}`);
  await expect(points.getByRole("row").filter({ hasText: s.points[1].idPdcItinerance }).getByRole("cell").nth(2)).toHaveText("Aucun statut reçu");
  await expectAccessible(page);

  await row.getByRole("link", { name: `${p.idPdcItinerance} : statut et recharges` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Point de charge ${p.idPdcItinerance}`);
  const section = page.getByRole("region", { name: "Statut et recharges" });
  await expect(section.getByText(`En service Occupé, statut du ${formatDateTime(statusAt)}`)).toBeVisible();
  await expect(section.getByText(/^Reçu le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)).toBeVisible();
  const charges = section.getByRole("table", { name: /Recharges du point/ });
  await expect(charges).toHaveAccessibleName(/1 au total/);
  await expect(charges.getByRole("row").nth(1).getByRole("cell")).toHaveText([
    formatDateTime(start),
    formatDateTime(new Date(start.getTime() + 65 * 60_000)),
    "1 h 05 min",
    "18,4",
    "Aucun signalement",
  ]);
  await expectAccessible(page);

  // The export: the same charge, for a spreadsheet.
  const csv = await page.request.get(`${new URL(page.url()).pathname}/recharges.csv?format=standard`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const lines = (await csv.text()).trimEnd().split("\r\n");
  expect(lines).toHaveLength(3);
  expect(lines[2]).toContain(`${start.toISOString()},`);
  expect(lines[2]).toContain(",65,18.4,,SESSION-E2E-1,GIREVE,");

  // Another beneficiary: the point and its export are not found, as if they did not exist.
  const pointPath = new URL(page.url()).pathname;
  const stranger = await makeUser({ role: "beneficiaire" });
  const other = await newUserPage(browser, consoleErrors);
  consoleErrors.allow(NOT_FOUND);
  await login(other, stranger.email, stranger.password);
  expect((await other.goto(pointPath))?.status()).toBe(404);
  expect((await other.request.get(`${pointPath}/recharges.csv`)).status()).toBe(404);
});
