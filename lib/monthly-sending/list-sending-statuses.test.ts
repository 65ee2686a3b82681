import { describe, expect, it } from "vitest";
import { call, makeTenant, operation, curve } from "@/tests/support/advenir/ingest";
import { db } from "@/lib/platform/db/database";
import { listLateStations, listSendingStatuses } from "@/lib/monthly-sending/list-sending-statuses";
import { summarizeLateOperators } from "@/lib/monthly-sending/summarize-late-operators";
import { formatLateStationsCsv } from "@/lib/monthly-sending/format-late-stations-csv";
import { makeUser } from "@/cli/demo/factories";
import { calendarDaysBetween } from "@/lib/monthly-sending/sending-deadline";
import { addCalendarDays, parisDay } from "@/lib/platform/time/paris-time";

const DAY = 86_400_000;
const T0 = 1_700_000_000;

/** Paris calendar days between `days` × 24 h ago and now (one fewer or more across a clock change near midnight). */
const parisDaysSince = (days: number) => calendarDaysBetween(parisDay(Date.now() - days * DAY), parisDay(Date.now()));

/** A tenant whose stations were registered and signed for 100 days, each in its own state of sending. */
async function tenantInStates() {
  const prisma = await db();
  const t = await makeTenant({ stations: ["ON-TIME", "SILENT-40", "NEVER", "SIGNED-LATE", "WITHDRAWN"] });
  const now = Date.now();
  await prisma.station.updateMany({ where: { operatorId: t.operatorId }, data: { createdAt: new Date(now - 100 * DAY) } });
  await prisma.attestation.updateMany({ where: { dossier: { operatorId: t.operatorId } }, data: { signedAt: new Date(now - 100 * DAY) } });
  // Data for ON-TIME now (operation), SILENT-40 40 days ago (curve): production through the API.
  expect((await call("operation", { [t.operatorId]: { "ON-TIME": { T1: operation(T0) } } }, { auth: t.auth })).status).toBe(200);
  expect((await call("courbe", { [t.operatorId]: { "SILENT-40": { C1: curve(T0) } } }, { auth: t.auth })).status).toBe(200);
  await prisma.loadCurve.updateMany({ where: { stationId: t.stations["SILENT-40"] }, data: { receivedAt: new Date(now - 40 * DAY) } });
  // NEVER sent in production; its sandbox data (newer) does not count.
  await prisma.chargeOperation.create({
    data: {
      env: "sandbox",
      operatorId: t.operatorId,
      stationId: t.stations.NEVER,
      transactionId: "S1",
      startAt: new Date(T0 * 1000),
      stopAt: new Date(T0 * 1000 + 3_600_000),
      startWh: 0n,
      stopWh: 1000n,
    },
  });
  // SIGNED-LATE: registered 100 days ago, but in a dossier signed 10 days ago: counts from the signature.
  const other = await prisma.dossier.create({
    data: {
      reference: `ADV-SIGNED-${t.operatorId.slice(0, 8)}`,
      beneficiaryId: (await prisma.dossier.findFirstOrThrow({ where: { operatorId: t.operatorId }, select: { beneficiaryId: true } })).beneficiaryId,
      operatorId: t.operatorId,
      siteName: "Parking",
      address: "1 rue de Rivoli, 75001 Paris",
      inseeCode: "75101",
      siteType: "residentiel_collectif",
      channel: "ADVENIR",
      attestation: { create: { textVersion: "test", textSha256: "0".repeat(64), consent: true, signedAt: new Date(now - 10 * DAY), signerName: "J" } },
    },
    select: { id: true },
  });
  await prisma.station.update({ where: { id: t.stations["SIGNED-LATE"] }, data: { dossierId: other.id } });
  await prisma.station.update({ where: { id: t.stations.WITHDRAWN }, data: { withdrawnOn: new Date(now - 50 * DAY), withdrawnAt: new Date(now - 50 * DAY) } });
  return t;
}

describe("monthly-sending rule on the stored data", () => {
  it("gives each station of an operator its last production data, late ones first, never another operator's", async () => {
    const t = await tenantInStates();
    const other = await makeTenant({ stations: ["OTHER"] });
    const list = await listSendingStatuses({ scope: { operatorId: t.operatorId }, months: 1 });
    expect(list.map((s) => [s.stationCode, s.late])).toEqual([
      ["NEVER", true],
      ["SILENT-40", true],
      ["SIGNED-LATE", false],
      ["ON-TIME", false],
    ]);
    const byCode = Object.fromEntries(list.map((s) => [s.stationCode, s]));
    expect(byCode.NEVER).toMatchObject({ lastDataAt: null, silentDays: parisDaysSince(100) });
    expect(byCode["SILENT-40"]).toMatchObject({ silentDays: parisDaysSince(40) });
    expect(Math.abs(byCode["SILENT-40"].lastDataAt!.getTime() - (Date.now() - 40 * DAY))).toBeLessThan(60_000);
    expect(byCode["SIGNED-LATE"]).toMatchObject({ lastDataAt: null, silentDays: parisDaysSince(10) });
    expect(byCode["ON-TIME"]).toMatchObject({ silentDays: 0 });
    expect(Date.now() - byCode["ON-TIME"].lastDataAt!.getTime()).toBeLessThan(60_000);
    expect(list.some((s) => s.operatorId === other.operatorId)).toBe(false);
    // The threshold: two months leave SILENT-40 on time, never the station silent for 100 days.
    expect((await listLateStations({ scope: { operatorId: t.operatorId }, months: 2 })).map((s) => s.stationCode)).toEqual(["NEVER"]);
    // From the end of the programme on, nothing is to be sent: no station is bound (the day before, still).
    const today = parisDay(new Date());
    expect(await listSendingStatuses({ scope: { operatorId: t.operatorId }, months: 1, programmeEnd: today })).toEqual([]);
    const tomorrow = addCalendarDays(today, 1);
    expect(await listSendingStatuses({ scope: { operatorId: t.operatorId }, months: 1, programmeEnd: tomorrow })).toHaveLength(4);
  });

  it("answers a beneficiary's scope (one dossier, or all its dossiers) and the admin's", async () => {
    const t = await tenantInStates();
    const prisma = await db();
    const station = await prisma.station.findUniqueOrThrow({
      where: { id: t.stations.NEVER },
      select: { dossier: { select: { id: true, beneficiaryId: true } } },
    });
    const beneficiaryId = station.dossier!.beneficiaryId;
    const mine = await listLateStations({ scope: { beneficiaryId }, months: 1 });
    expect(mine.map((s) => s.stationCode)).toEqual(["NEVER", "SILENT-40"]);
    expect((await listSendingStatuses({ scope: { beneficiaryId, dossierId: station.dossier!.id }, months: 1 })).map((s) => s.stationCode).sort()).toEqual([
      "NEVER",
      "ON-TIME",
      "SILENT-40",
    ]);
    const stranger = await makeTenant({ stations: ["X"] });
    const strangerDossier = await prisma.station.findUniqueOrThrow({ where: { id: stranger.stations.X }, select: { dossierId: true } });
    // A dossier of another beneficiary gives nothing, whatever its id.
    expect(await listSendingStatuses({ scope: { beneficiaryId, dossierId: strangerDossier.dossierId! }, months: 1 })).toEqual([]);

    const all = await listLateStations({ scope: { all: true }, months: 1 });
    expect(all.filter((s) => s.operatorId === t.operatorId).map((s) => s.stationCode)).toEqual(["NEVER", "SILENT-40"]);
    await makeUser({ role: "operateur", operatorId: t.operatorId, email: `contact-${t.operatorId}@test.advenir.fr` });
    const summary = (await summarizeLateOperators(all)).find((o) => o.operatorId === t.operatorId);
    expect(summary).toMatchObject({
      lateStations: 2,
      longestSilentDays: parisDaysSince(100),
      contacts: [`contact-${t.operatorId}@test.advenir.fr`],
      lastReminder: null,
    });

    const mineOnly = all.filter((s) => s.operatorId === t.operatorId);
    const fr = formatLateStationsCsv(mineOnly, { format: "excel-fr", months: 1, day: "2026-12-06" });
    expect(fr.startsWith("\uFEFFStations sans envoi de données depuis plus d'un mois au 06/12/2026 — 2 station(s)\r\n")).toBe(true);
    expect(fr).toContain(`;NEVER;;`);
    expect(fr).toMatch(/;SILENT-40;\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d;/);
    const std = formatLateStationsCsv(mineOnly, { format: "standard", months: 1, day: "2026-12-06" });
    expect(std.split("\r\n")[1]).toBe(
      "Opérateur,UserID de l'opérateur,Dossier,Bénéficiaire,Station,Dernière donnée reçue,Enregistrée (ou attestation signée) le,Échéance (jour),Jours sans envoi",
    );
    expect(std).toMatch(new RegExp(`,NEVER,,\\d{4}-\\d\\d-\\d\\dT[^,]+Z,\\d{4}-\\d\\d-\\d\\d,${parisDaysSince(100)}\\r\\n`));
  });
});
