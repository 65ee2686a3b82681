import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { computeQosDays } from "@/lib/quality-of-service/compute-qos-days";
import { addOperations, makeIndicatorStations } from "@/tests/support/indicators/make-indicator-stations";
import { makeApiCredential } from "@/cli/demo/factories";
import { openOwnDatabase } from "@/tests/support/common/own-database";
import { purgeIndividualData } from "@/lib/programme/purge-individual-data";
import { getProgrammeStatus } from "@/lib/programme/programme-status";
import { PURGE_CONFIRMATION } from "@/lib/schemas/programme";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";

// The purge empties tables for everyone, so this file works on a database of its own: a fresh
// PostgreSQL database when TEST_DATABASE_URL is set (dropped at the end), else its own PGlite.

let prisma: PrismaClient;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ prisma, close } = await openOwnDatabase("advenir_purge"));
});
afterAll(async () => close());

const END = "2026-06-30";
const AFTER_END = new Date("2026-06-30T08:00:00+02:00");
const BEFORE_END = new Date("2026-06-29T23:30:00+02:00"); // still 29 June in Paris (21:30 UTC)

async function seed() {
  const { operatorId, stations } = await makeIndicatorStations(
    prisma,
    Array.from({ length: 5 }, (_, i) => ({ beneficiary: i % 3, inseeCode: "69123", nominalPowerKw: 22 })),
  );
  const at = (h: number) => new Date(Date.UTC(2026, 2, 10, h));
  await addOperations(prisma, [
    ...stations.map((s) => ({ operatorId, stationId: s.id, start: at(8), stop: at(9), wh: 5000 })),
    { operatorId, stationId: stations[0].id, start: at(10), stop: at(11), wh: 4000, env: "sandbox" as const },
  ]);
  await prisma.loadCurve.create({
    data: {
      env: "production",
      operatorId,
      stationId: stations[1].id,
      transactionId: "C-1",
      startAt: at(12),
      stopAt: at(13),
      pointCount: 3,
      energyWh: 2000n,
      offsetsS: [0, 1800, 3600],
      valuesWh: [0n, 1000n, 2000n],
    },
  });
  await prisma.submission.create({
    data: {
      env: "production",
      operatorId,
      endpoint: "/api/operation/put",
      method: "POST",
      httpStatus: 200,
      outcome: "OK",
      received: 5,
      stored: 5,
      rawBody: Buffer.from("{}"),
    },
  });
  await makeApiCredential({ prisma, operatorId, env: "production" });
  await makeApiCredential({ prisma, operatorId, env: "sandbox" });
  return { operatorId, stationIds: stations.map((s) => s.id) };
}

const purge = (now: Date, confirmation = PURGE_CONFIRMATION, programmeEnd: string | null = END) =>
  purgeIndividualData({ confirmation, actor: "admin@test", now }, { prisma, programmeEnd });

describe("end-of-programme purge of individual data", () => {
  it("refuses a wrong confirmation, an unset end date and a date before the end, deleting nothing", async () => {
    await seed();
    const before = (await getProgrammeStatus({}, { prisma })).held;
    await expect(purge(AFTER_END, "purger")).rejects.toMatchObject({ code: "INVALID_INPUT", fields: [{ path: "confirmation" }] });
    await expect(purge(AFTER_END, PURGE_CONFIRMATION, null)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("PROGRAMME_END_DATE"),
    });
    await expect(purge(BEFORE_END)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("30 juin 2026") });
    const after = await getProgrammeStatus({}, { prisma });
    expect(after.held).toEqual(before);
    expect(after.held.chargeOperations).toBeGreaterThanOrEqual(6);
    expect(after.purge).toBeNull();
  });

  it("deletes every charge, curve and submission, revokes the credentials, keeps the published runs, and closes collection", async () => {
    const { operatorId, stationIds } = await seed();
    // Two GIREVE stations: their channel's cells are withheld (primary secret), and the purge
    // must delete their figures.
    const small = await makeIndicatorStations(
      prisma,
      [0, 1].map((b) => ({ beneficiary: b, inseeCode: "13055", nominalPowerKw: 22, channel: "GIREVE" as const })),
    );
    await addOperations(
      prisma,
      small.stations.map((s) => ({
        operatorId: small.operatorId,
        stationId: s.id,
        start: new Date(Date.UTC(2026, 2, 11, 8)),
        stop: new Date(Date.UTC(2026, 2, 11, 9)),
        wh: 3000,
      })),
    );
    // Every station down to départements, with a carbon series: the run also fills the charge
    // caches, the département profiles of the series included.
    const series = await prisma.carbonSeries.create({
      data: { name: "test-purge", version: 1, source: "test", licence: "test", format: "electricitymaps", fileSha256: "0", importedBy: "test", hourCount: 24 },
    });
    await prisma.carbonIntensity.createMany({
      data: Array.from({ length: 24 }, (_, i) => ({ seriesId: series.id, hourStart: new Date(Date.UTC(2026, 2, 10, i)), gPerKwh: 50 })),
    });
    const run = await computeIndicators(
      { from: "2026-03", to: "2026-04", computedBy: "test", meshLevels: ["national", "region", "departement"], periodKinds: ["month"], seriesId: series.id },
      { prisma },
    );
    const published = await prisma.indicatorValue.count({ where: { runId: run.runId } });
    expect(published).toBeGreaterThan(0);
    // Every figure of the run as stored, to compare byte for byte after the purge.
    const snapshot = async () =>
      queryRows<{ id: bigint; withheld: boolean; row: string }>(
        prisma,
        sql`SELECT id, withheld, to_jsonb(v)::text AS row FROM indicator_value v WHERE run_id = ${run.runId}::uuid ORDER BY id`,
      );
    const before = await snapshot();
    expect(before.filter((r) => r.withheld).length).toBeGreaterThan(0);
    expect(before.filter((r) => r.withheld).every((r) => JSON.parse(r.row).energy_wh !== null)).toBe(true);
    expect(await prisma.energyDepSlot.count()).toBeGreaterThan(0);
    expect(await prisma.energyRegSlot.count()).toBeGreaterThan(0);
    expect(await prisma.energyDepProfile.count()).toBeGreaterThan(0);
    expect(await prisma.chargeStationMonth.count()).toBeGreaterThan(0);
    // A QualiCharge machine account and a status of one of its points (history and latest).
    const apiUser = await prisma.apiUser.create({ data: { username: "qc-purge", email: "qc-purge@test.advenir.fr", passwordHash: "x", operatorId } });
    const point = await prisma.chargePoint.create({
      data: { stationId: stationIds[0], pointCode: "FRPURE1", idPdcItinerance: "FRPURE1", nominalPowerKw: 22 },
      select: { id: true, stationId: true },
    });
    const at = new Date(Date.UTC(2026, 2, 11, 8));
    await execute(
      prisma,
      sql`INSERT INTO status_event (station_id, charge_point_id, id, horodatage, door, etat_pdc, occupation_pdc)
          VALUES (${point.stationId}::uuid, ${point.id}::uuid, gen_random_uuid(), ${at}, 'QUALICHARGE', 'en_service', 'libre')`,
    );
    await execute(
      prisma,
      sql`INSERT INTO charge_point_status (station_id, charge_point_id, status_id, horodatage, door, etat_pdc, occupation_pdc)
          VALUES (${point.stationId}::uuid, ${point.id}::uuid, gen_random_uuid(), ${at}, 'QUALICHARGE', 'en_service', 'libre')`,
    );
    // Its quality of service, computed from that status (per point and station: individual data).
    await prisma.chargePoint.update({ where: { id: point.id }, data: { createdAt: new Date(Date.UTC(2026, 2, 1)) } });
    await computeQosDays({ fromDay: "2026-03-11", toDay: "2026-03-12", validitySeconds: 3600 }, { prisma });
    const qosRows = async () =>
      (await queryRows<{ n: number }>(prisma, sql`SELECT ((SELECT count(*) FROM qos_point_day) + (SELECT count(*) FROM qos_station_day))::int AS n`))[0].n;
    expect(await qosRows()).toBeGreaterThanOrEqual(2);
    // A data-quality result of the operator (an aggregate, kept) and a row that broke it (individual, purged).
    await execute(
      prisma,
      sql`INSERT INTO data_quality_result (day, scope_kind, scope_code, operator_id, rule_code, checked, breaking, share, tolerance, passed)
          VALUES ('2026-03-11', 'operator', ${operatorId}, ${operatorId}::uuid, 'D1', 10, 1, 0.1, 0.001, false)`,
    );
    await execute(
      prisma,
      sql`INSERT INTO data_quality_offender (day, scope_kind, scope_code, operator_id, rule_code, rank, ref, at, detail)
          VALUES ('2026-03-11', 'operator', ${operatorId}, ${operatorId}::uuid, 'D1', 1, 'ST / T1', ${at}, '1200 kWh')`,
    );
    const dqRows = async (table: "data_quality_result" | "data_quality_offender") =>
      (await queryRows<{ n: number }>(prisma, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE operator_id = ${operatorId}::uuid`))[0].n;
    // The GIREVE relay's account and an EVSE it named that no dossier declares.
    const relay = await prisma.gireveRelayAccount.create({ data: { username: "relay-purge", secretHash: "x" } });
    await prisma.gireveUnknownEvse.create({ data: { env: "production", evseId: "FRPUREE9", rawEvseId: "FR*PUR*E9", operatorCode: "FRPUR", reason: "test" } });
    // A monthly-sending reminder: which operator was late which month, and who was told.
    const reminded = await prisma.operator.findFirstOrThrow({ select: { id: true } });
    await prisma.monthlySendingReminder.create({
      data: { operatorId: reminded.id, period: "2026-03", status: "sent", lateStations: 1, recipients: ["op@test.fr"] },
    });
    const held = (await getProgrammeStatus({}, { prisma })).held;
    expect(held.statuses).toBe(2);
    expect(held.activeApiUsers).toBeGreaterThanOrEqual(1);
    // A failed API authentication: the security log keeps the client address that tried.
    await prisma.securityEvent.create({
      data: { login: "x", ipAddress: "198.51.100.7", hourStart: new Date(Date.UTC(2026, 2, 11, 8)), failures: 3, firstAt: new Date(), lastAt: new Date() },
    });

    const result = await purge(AFTER_END);
    expect(await prisma.securityEvent.count()).toBe(0);
    expect(result.counts).toEqual(held);
    // Both tests seeded: 12 operations (2 sandbox) and the GIREVE stations' 2, 2 curves, 2 submissions, 4 credentials (+ the operators' own).
    expect(result.counts.chargeOperations).toBe(14);
    expect(result.counts.loadCurves).toBe(2);
    expect(result.counts.submissions).toBe(2);
    expect(result.counts.activeCredentials).toBeGreaterThanOrEqual(4);

    const status = await getProgrammeStatus({}, { prisma });
    expect(status.held).toEqual({ chargeOperations: 0, loadCurves: 0, submissions: 0, activeCredentials: 0, statuses: 0, activeApiUsers: 0 });
    // The QualiCharge account's tokens are void: the account is inactive, its password changed at the purge.
    expect(await prisma.apiUser.findUniqueOrThrow({ where: { id: apiUser.id } })).toMatchObject({ isActive: false, passwordChangedAt: result.at });
    // The relay can no longer send, and the list of unknown EVSEs is gone.
    expect(await prisma.gireveRelayAccount.findUniqueOrThrow({ where: { id: relay.id } })).toMatchObject({ revokedAt: result.at });
    expect(await prisma.gireveUnknownEvse.count()).toBe(0);
    expect(await prisma.monthlySendingReminder.count()).toBe(0);
    expect(await prisma.energyDepSlot.count()).toBe(0);
    expect(await prisma.energyRegSlot.count()).toBe(0);
    expect(await prisma.energyDepProfile.count()).toBe(0);
    expect(await prisma.chargeStationMonth.count()).toBe(0);
    expect(await prisma.energyDirty.count()).toBe(0);
    expect(await qosRows()).toBe(0);
    expect(await dqRows("data_quality_offender")).toBe(0);
    expect(await dqRows("data_quality_result")).toBe(1);
    expect(status.purge).toMatchObject({ actor: "admin@test", counts: held });
    const audit = await prisma.auditLog.findMany({ where: { action: "donnees_individuelles:purge" } });
    expect(audit).toHaveLength(1);
    // Kept: stations and the published figures.
    expect(await prisma.station.count({ where: { id: { in: [...stationIds, ...small.stations.map((s) => s.id)] } } })).toBe(7);
    expect(await prisma.indicatorValue.count({ where: { runId: run.runId } })).toBe(published);
    // Published figures byte-identical; withheld cells kept with their label, every figure deleted.
    const after = await snapshot();
    expect(after.filter((r) => !r.withheld)).toEqual(before.filter((r) => !r.withheld));
    const emptied = after.filter((r) => r.withheld).map((r) => JSON.parse(r.row));
    expect(emptied.map((r) => r.id)).toEqual(before.filter((r) => r.withheld).map((r) => JSON.parse(r.row).id));
    for (const r of emptied) {
      expect(r).toMatchObject({
        value: null,
        series: [],
        stations_reporting: null,
        stations_registered: null,
        energy_wh: null,
        charge_count: null,
        distinct_stations: null,
        distinct_beneficiaries: null,
        withheld: true,
        withheld_reason: expect.stringMatching(/^(primaire_stations|primaire_beneficiaires|secondaire)$/),
      });
    }

    // Collection is closed: no new credential, no new run.
    await expect(makeApiCredential({ prisma, operatorId })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("purgées") });
    await expect(computeIndicators({ from: "2026-03", to: "2026-04", computedBy: "test" }, { prisma })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await prisma.indicatorRun.count()).toBe(1);
  });
});
