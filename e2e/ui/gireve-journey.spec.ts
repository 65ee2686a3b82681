import { test, expect, login, expectAccessible, newUserPage } from "../support/test";
import { makeUser } from "@/cli/demo/factories";
import { db } from "@/lib/platform/db/database";
import { formatDateTime, formatDuration } from "@/lib/platform/format";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { relayEnvelope, relayTraffic, summarizeRelayTraffic, type RelayMessage, type RelayTrafficSpec } from "@/lib/channels/gireve/simulate/relay-traffic";
import { emi3EvseId, makeRelayAccount, postEnvelope } from "@/tests/support/gireve/relay";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints } from "@/tests/support/qualicharge/points";

// Issue 18's journey: a simulated relay sends a day of a GIREVE dossier's points (through the
// portal's own door, as in production); the beneficiary sees their statuses and charges; the
// committee's GIREVE figures equal a hand computation from what was sent.
//
// The data: one operator holding an operational unit, three beneficiaries' signed GIREVE dossiers
// in Rennes (35238, Ille-et-Vilaine), two stations of two points each per dossier: 6 stations, 3
// beneficiaries, 12 points, so that the committee's cells are published (K = 5 stations, B = 3
// beneficiaries). The day: Thursday 12 June 2025 in Paris time. No other journey sends data in
// 2025 (checked below), so the GIREVE cell of June 2025 in Ille-et-Vilaine — and the whole 2025
// table that the run's suppression works on — holds this journey's data only.

const INSEE = "35238";
const DEPARTEMENT = "35";
/** 12 June 2025, 00:00 in Paris (CEST, UTC+2); the simulation covers 24 hours from there. */
const DAY_START = new Date("2025-06-11T22:00:00Z");
const SEED = 2025;
/** Declared power of each dossier's points (kW): dossier A is the beneficiary's who logs in. */
const POWERS_KW = [22, 7.4, 11];

// What the relay sends (summarizeRelayTraffic with the spec below: seed 2025, the 12 points in the
// order dossier A, B, C, station by station, each point at its dossier's power). Final CDR
// energies per point (Wh):
//   A (22 kW):  P1 8 391 | P2 35 863 | P3 46 626 | P4 24 330 + 22 715            5 sessions, 137 925 Wh
//   B (7.4 kW): P5 29 862 | P6 19 998 + 6 019 | P7 27 682 | P8 12 803 + 20 429   6 sessions, 116 793 Wh
//   C (11 kW):  P9 36 527 + 8 619 | P10 17 344 + 20 539 + 9 376 | P11 6 553 + 9 590 | P12 48 412
//                                                                                8 sessions, 156 960 Wh
//   Total: 5 + 6 + 8 = 19 sessions; 137 925 + 116 793 + 156 960 = 411 678 Wh = 411,678 kWh.
// Every session starts and ends on 12 June in Paris (asserted below), so all of its energy falls in
// June 2025, and the month's energy is the sum of the finals: each charge's load curve (origin at
// its start with 0 Wh, an intermediate record every 5 minutes, the final as its last point) adds up
// to its final energy. No charge carries a quality flag (asserted below): none is excluded.
//   Énergie délivrée:          411,678 kWh, 0 decimals              → « 412 kWh »
//   Puissance moyenne appelée: 411,678 kWh ÷ 720 h (30 days of June) = 0,5718 kW, 1 decimal → « 0,6 kW »
//   Couverture: 6 stations reporting of 6 registered, 412 kWh, 19 charges.
const EXPECTED = { sessions: 19, energyWh: 411_678, energy: "412 kWh", meanPower: "0,6 kW", stations: 6 };
// The point the beneficiary opens: A's P4 (second point of the second station), two sessions,
//   09:08:43Z → 11:23:43Z, 24 330 Wh: 11:08 → 13:23 in Paris, 2 h 15 min, « 24,33 » kWh (2 decimals);
//   17:46:34Z → 19:56:34Z, 22 715 Wh: 19:46 → 21:56 in Paris, 2 h 10 min, « 22,72 » kWh (22,715 rounded half up).
// Its station (P3 + P4): 3 charges, 46 626 + 24 330 + 22 715 = 93 671 Wh → « 93,7 » kWh (1 decimal).
const OPENED = 3;
const OPENED_CHARGES = [
  { start: "12/06/2025 19:46", end: "12/06/2025 21:56", duration: "2 h 10 min", kwh: "22,72", wh: 22_715 },
  { start: "12/06/2025 11:08", end: "12/06/2025 13:23", duration: "2 h 15 min", kwh: "24,33", wh: 24_330 },
];
const OPENED_STATION = { charges: "3", kwh: "93,7" };

/** The page's words for eMIP's codes (docs/api-gireve.md, lib/statuses/status-labels.ts). */
const AVAILABILITY_WORDS: Record<number, string> = { 1: "Hors service", 2: "En service", 3: "Pas encore en service", 4: "Supprimé" };
const BUSY_WORDS: Record<number, string> = { 1: "Libre", 2: "Occupé", 3: "Réservé" };

const parisDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

test("GIREVE : un relais simulé envoie une journée ; le bénéficiaire voit statuts et recharges ; les chiffres GIREVE du comité sont ceux envoyés", async ({
  page,
  browser,
  baseURL,
  consoleErrors,
}) => {
  // About 800 envelopes one at a time, then a run of the year's indicators, on a busy machine.
  test.setTimeout(480_000);
  const prisma = await db();

  // No other journey's data in 2025: the run's table for that year is this journey's alone.
  const year = { gte: new Date("2024-12-31T23:00:00Z"), lt: new Date("2025-12-31T23:00:00Z") };
  expect(await prisma.chargeOperation.count({ where: { startAt: year } }), "recharges d'une autre journée en 2025").toBe(0);
  expect(await prisma.loadCurve.count({ where: { startAt: year } }), "courbes d'une autre journée en 2025").toBe(0);
  expect(await prisma.station.count({ where: { inseeCode: { startsWith: DEPARTEMENT } } }), "stations d'une autre journée en Ille-et-Vilaine").toBe(0);

  // 1. Three beneficiaries' signed GIREVE dossiers of one operator holding an operational unit.
  const tenant = await makeQualichargeTenant();
  const dossiers = [];
  for (const powerKw of POWERS_KW) {
    const points = await makeQualichargePoints(tenant, { dossier: true, channel: "GIREVE", stations: 2, perStation: 2, powerKw, inseeCode: INSEE });
    dossiers.push({ powerKw, points });
  }
  const points = dossiers.flatMap((d) => d.points.map((p) => ({ ...p, evseId: emi3EvseId(p.idPdcItinerance), powerKw: d.powerKw })));
  const opened = points[OPENED];
  const station = await prisma.station.findUniqueOrThrow({
    where: { id: opened.stationId },
    select: { stationCode: true, dossier: { select: { id: true, reference: true, beneficiaryId: true } } },
  });
  const beneficiary = await makeUser({ role: "beneficiaire", beneficiaryId: station.dossier!.beneficiaryId });

  // 2. The relay: one day of every point, sent in the relay's order (duplicates and late arrivals
  // included) to the running portal with the relay account's Basic credentials.
  const spec: RelayTrafficSpec = { evseIds: points.map((p) => p.evseId), start: DAY_START, days: 1, seed: SEED, pointPowersKw: points.map((p) => p.powerKw) };
  const summary = summarizeRelayTraffic(spec);
  expect(summary.sessions).toBe(EXPECTED.sessions);
  expect(summary.finalEnergyWh).toBe(EXPECTED.energyWh);
  expect(summary.evses.map((e) => e.sessions)).toEqual([1, 1, 1, 2, 1, 2, 1, 2, 2, 3, 2, 1]);
  // Within 12 June in Paris: no session crosses midnight, let alone the month's end.
  for (const s of summary.evses.flatMap((e) => e.sessionList)) {
    expect([parisDay.format(new Date(s.start)), parisDay.format(new Date(s.end))], s.serviceSessionId).toEqual(["2025-06-12", "2025-06-12"]);
  }
  // Every station reports (the anonymity thresholds count the stations that reported).
  const stationIds = [...new Set(points.map((p) => p.stationId))];
  expect(stationIds).toHaveLength(EXPECTED.stations);
  for (const id of stationIds) expect(summary.evses.filter((_, i) => points[i].stationId === id).reduce((n, e) => n + e.sessions, 0)).toBeGreaterThan(0);
  const theirs = summary.evses[OPENED];
  expect(theirs.sessionList.map((s) => s.energyWh).reverse()).toEqual(OPENED_CHARGES.map((c) => c.wh));

  const relay = await makeRelayAccount();
  const statuses: RelayMessage[] = [];
  let sent = 0;
  for (const m of relayTraffic(spec)) {
    const r = await postEnvelope(baseURL!, relayEnvelope(m), { auth: relay.auth });
    expect(r.requestStatus, `${m.kind} ${m.evseId} ${m.transactionId} : ${r.status} ${r.text}`).toBe(1);
    sent++;
    if (m.evseId === opened.evseId && (m.kind === "availability" || m.kind === "busy" || m.kind === "synthetic")) statuses.push(m);
  }
  expect(sent).toBe(summary.envelopes);

  // What was stored is what was sent: one charge per session, none flagged (a flagged charge would
  // count neither on the beneficiary's pages nor in the indicators, and the hand computation would
  // have to leave it out).
  const mine = { stationId: { in: stationIds } };
  const operations = await prisma.chargeOperation.findMany({ where: mine, select: { env: true, door: true, qualityFlags: true, startWh: true, stopWh: true } });
  expect(operations).toHaveLength(EXPECTED.sessions);
  expect(operations.filter((o) => o.env !== "production" || o.door !== "GIREVE" || o.qualityFlags.length > 0)).toEqual([]);
  expect(operations.reduce((sum, o) => sum + Number(o.stopWh - o.startWh), 0)).toBe(EXPECTED.energyWh);
  const curves = await prisma.loadCurve.findMany({ where: mine, select: { qualityFlags: true, energyWh: true } });
  expect(curves).toHaveLength(EXPECTED.sessions);
  expect(curves.filter((c) => c.qualityFlags.length > 0)).toEqual([]);
  expect(curves.reduce((sum, c) => sum + Number(c.energyWh), 0)).toBe(EXPECTED.energyWh);

  // The opened point's latest status: its latest event by event time (the relay's order is not
  // the events' order), each of the two states as last reported at or before it.
  const byTime = [...statuses].sort((a, b) => a.at - b.at);
  const latest = byTime.at(-1)!;
  const availability = byTime.filter((m) => m.availability !== undefined).at(-1)!.availability!;
  const busy = byTime.filter((m) => m.busy !== undefined).at(-1)!.busy!;
  const words = `${AVAILABILITY_WORDS[availability]} ${BUSY_WORDS[busy]}`;
  // After its last session (ended 21:56 in Paris) the point is free, in service all day.
  expect(words).toBe("En service Libre");
  expect(latest.at).toBeGreaterThanOrEqual(Date.parse(theirs.sessionList.at(-1)!.end));

  // 3. The beneficiary: the dossier, then the point.
  await login(page, beneficiary.email, beneficiary.password);
  await page.getByRole("link", { name: station.dossier!.reference }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Dossier ${station.dossier!.reference}`);
  const stationRow = page
    .getByRole("table", { name: /Stations du dossier/ })
    .getByRole("row")
    .filter({ hasText: station.stationCode });
  await expect(stationRow.getByRole("cell").nth(4)).toHaveText(OPENED_STATION.charges);
  await expect(stationRow.getByRole("cell").nth(5)).toHaveText(OPENED_STATION.kwh);
  const pointRow = page
    .getByRole("table", { name: /Points de charge déclarés/ })
    .getByRole("row")
    .filter({ hasText: opened.idPdcItinerance });
  await expect(pointRow.getByRole("cell").nth(2)).toHaveText(`${words}, le ${formatDateTime(new Date(latest.at))}`);
  await expectAccessible(page);

  await pointRow.getByRole("link", { name: `${opened.idPdcItinerance} : statut et recharges` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Point de charge ${opened.idPdcItinerance}`);
  const section = page.getByRole("region", { name: "Statut et recharges" });
  await expect(section.getByText(`${words}, statut du ${formatDateTime(new Date(latest.at))}`)).toBeVisible();
  const charges = section.getByRole("table", { name: /Recharges du point/ });
  await expect(charges).toHaveAccessibleName(`Recharges du point, les plus récentes d'abord (${theirs.sessions} au total)`);
  const rows = charges.getByRole("row");
  await expect(rows).toHaveCount(1 + theirs.sessions);
  for (const [i, c] of OPENED_CHARGES.entries()) {
    const session = theirs.sessionList[theirs.sessions - 1 - i];
    expect([formatDateTime(new Date(session.start)), formatDateTime(new Date(session.end))]).toEqual([c.start, c.end]);
    expect(formatDuration((Date.parse(session.end) - Date.parse(session.start)) / 1000)).toBe(c.duration);
    await expect(rows.nth(1 + i).getByRole("cell")).toHaveText([c.start, c.end, c.duration, c.kwh, "Aucun signalement"]);
  }
  await expectAccessible(page);

  // 4. The year's indicators (a full run covers 2025), with the shipped carbon series: it has no
  // hour of 2025 (carbon figures are gaps), but the run names a series, as the committee
  // journeys that open on the latest published period expect.
  const ref = await ensureReferenceData();
  const run = await computeIndicators({ from: "2025-06", to: "2025-07", seriesId: ref.carbonSeriesId, computedBy: "e2e" });
  expect(run.scope).toBe("full");
  expect(run.unprotectedCount).toBe(0);

  // The committee: key figures of June 2025, Ille-et-Vilaine, channel GIREVE.
  const member = await makeUser({ role: "comite" });
  const committee = await newUserPage(browser, consoleErrors);
  await login(committee, member.email, member.password);
  await committee.goto("/comite/indicateurs?type=month&periode=2025-06-01");
  await expect(committee.getByTestId("run-summary")).toContainText("France entière — juin 2025 — Tous les canaux");
  await committee.getByLabel("Maille").selectOption("departement");
  const zone = committee.getByLabel("Zone (département)");
  await expect(zone.locator(`option[value="${DEPARTEMENT}"]`)).toHaveCount(1);
  await zone.selectOption(DEPARTEMENT);
  await expect(committee.getByTestId("run-summary")).toContainText("Département Ille-et-Vilaine (35) — juin 2025 — Tous les canaux");
  await committee.getByLabel("Canal").selectOption("GIREVE");
  await expect(committee).toHaveURL(/canal=GIREVE/);
  await expect(committee.getByTestId("run-summary")).toContainText("Département Ille-et-Vilaine (35) — juin 2025 — GIREVE");
  const energy = committee.getByTestId("kpi-energy_kwh");
  await expect(energy.getByText(EXPECTED.energy, { exact: true })).toBeVisible();
  await expect(energy).toContainText(
    `Couverture : ${EXPECTED.stations} station(s) ayant transmis sur ${EXPECTED.stations} enregistrée(s), ${EXPECTED.energy}, ${EXPECTED.sessions} recharge(s).`,
  );
  await expect(committee.getByTestId("kpi-mean_power_kw").getByText(EXPECTED.meanPower, { exact: true })).toBeVisible();
  await expectAccessible(committee);
});
