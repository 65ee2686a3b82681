import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import { db } from "@/lib/platform/db/database";
import { execute, sql } from "@/lib/platform/db/sql";
import { computeStatement } from "@/lib/tiruert/compute-statement";
import { loadRealPoints, type RealPoints } from "@/tests/support/tiruert/real-points";

// A statement computed on real QualiCharge sessions (lib/tiruert/fixtures/real-sessions.json),
// against a computation by hand. Aménageur 953900123 (re-keyed per test), three public points,
// Q4 2024 = the sessions ending from 1 October 2024 00:00 to 1 January 2025 00:00, Paris time:
//   …13001A12  24.61 + 29.03 + 14.86 + 31.09 kWh (4 sessions; 5 January 2025 is Q1 2025)
//   …13063B13  61.59 + 18.79 + 56.23 + 4.81 + 24.46 kWh (5; 6 January is Q1)
//   …59244A13  24.9 + 41.9 + 23.9 + 45.5 + 78.5 kWh (5; 2 and 4 January are Q1)
// The test then makes three of them not count:
//   a duplicate of …13001A12's 31.09 kWh session of 30 December, received later by another door;
//   …13063B13's 4.81 kWh session of 20 December, received 16 days after its end;
//   …59244A13's 78.5 kWh session of 24 December, flagged energie_excessive.
// Counted: 99.59 + (165.88 − 4.81 = 161.07) + (214.7 − 78.5 = 136.2) = 396.86 kWh in 12 sessions
// (the duplicate was never one of the 14), excluded 3 sessions, 31.09 + 4.81 + 78.5 = 114.4 kWh;
// certified 396,860 Wh × 25 % = 99,215 Wh.

const E = "953900123";

// The published JSON Schema of the document (docs/tiruert-statement.schema.json) checks every statement computed here.
// Formats (date-time, date) are documentation here: no format plugin is a dependency.
const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(
  JSON.parse(readFileSync(path.join(import.meta.dirname, "../../docs/tiruert-statement.schema.json"), "utf8")),
);
function expectValid(content: unknown) {
  validate(content);
  expect(validate.errors ?? []).toEqual([]);
}

async function registerAll(r: RealPoints) {
  const prisma = await db();
  for (const original of ["FRETIE13001A12", "FRETIE13063B13", "FRETIE59244A13"])
    await prisma.tiruertPoint.create({
      data: { chargePointId: r.points[original].chargePointId, siren: r.siren[E], meterType: "dc_conforme", registeredBy: "test" },
    });
}

async function spoil(r: RealPoints) {
  const prisma = await db();
  const p = (o: string) => r.points[o].chargePointId;
  // The duplicate: same point, start, end and energy, another door and transaction id, received a day later.
  await execute(
    prisma,
    sql`INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, door, charge_point_id, received_at)
        SELECT env, operator_id, station_id, 'GIREVE-COPY', start_at, stop_at, start_wh, stop_wh, 'GIREVE', charge_point_id, received_at + interval '1 day'
          FROM charge_operation WHERE charge_point_id = ${p("FRETIE13001A12")}::uuid AND stop_wh = 31090`,
  );
  await execute(
    prisma,
    sql`UPDATE charge_operation SET received_at = stop_at + interval '16 days' WHERE charge_point_id = ${p("FRETIE13063B13")}::uuid AND stop_wh = 4810`,
  );
  await execute(
    prisma,
    sql`UPDATE charge_operation SET quality_flags = ARRAY['energie_excessive'] WHERE charge_point_id = ${p("FRETIE59244A13")}::uuid AND stop_wh = 78500`,
  );
}

describe("a statement on real sessions", () => {
  it("equals the hand computation of Q4 2024, the correction en attente without the 2022 and 2023 shares", async () => {
    const prisma = await db();
    await prisma.tiruertRenewableShare.deleteMany({ where: { year: { in: [2022, 2023] } } });
    const r = await loadRealPoints();
    await registerAll(r);
    await spoil(r);
    const s = await computeStatement({ siren: r.siren[E], year: 2024, quarter: 4 });
    const id = (o: string) => r.points[o].idPdcItinerance;
    expect(s.period).toEqual({
      start: "2024-09-30T22:00:00.000Z",
      end: "2024-12-31T23:00:00.000Z",
      timeZone: "Europe/Paris",
      rule: "sessions-ending-in-quarter",
    });
    expect(s.deadline).toBe("2025-01-15");
    expect(s.points.map((p) => [p.idPdcItinerance, p.sessions, p.energyWh, p.excludedSessions, p.excludedEnergyWh])).toEqual([
      [id("FRETIE13001A12"), 4, 99_590, 1, 31_090],
      [id("FRETIE13063B13"), 4, 161_070, 1, 4_810],
      [id("FRETIE59244A13"), 4, 136_200, 1, 78_500],
    ]);
    expect(s.totals).toEqual({
      points: 3,
      sessions: 12,
      energyWh: 396_860,
      excludedSessions: 3,
      excludedEnergyWh: 114_400,
      provisionalSharePercent: 25,
      certifiedWh: 99_215,
    });
    expect(s.excludedSessions.map((x) => [x.idPdcItinerance, x.energyWh, x.reasons])).toEqual([
      [id("FRETIE13001A12"), 31_090, ["doublon"]],
      [id("FRETIE13063B13"), 4_810, ["transmise_en_retard"]],
      [id("FRETIE59244A13"), 78_500, ["qualite:energie_excessive"]],
    ]);
    expect(s.q4Correction).toMatchObject({ status: "en_attente", shareYears: [2022, 2023], missingYears: [2022, 2023] });
    expectValid(s);

    // Q1 2025: 22.67 + 34.75 + 3.9 + 2.6 kWh, no correction outside Q4.
    const q1 = await computeStatement({ siren: r.siren[E], year: 2025, quarter: 1 });
    expect(q1.totals).toMatchObject({ sessions: 4, energyWh: 63_920, certifiedWh: 15_980 });
    expect(q1.q4Correction).toBeNull();
    expectValid(q1);
    expect(validate({ ...q1, totals: { ...q1.totals, provisionalSharePercent: 30 } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: "/totals/provisionalSharePercent" });
    // The other aménageur registered nothing: an empty statement.
    expect((await computeStatement({ siren: Object.values(r.siren).find((x) => x !== r.siren[E])!, year: 2024, quarter: 4 })).totals.points).toBe(0);
  });

  it("corrects Q4 with the mean share of 2022 and 2023 once both are entered", async () => {
    const prisma = await db();
    const r = await loadRealPoints();
    await registerAll(r);
    await spoil(r);
    for (const [year, share] of [
      [2022, 24],
      [2023, 28.5],
    ] as const)
      await prisma.tiruertRenewableShare.upsert({
        where: { year },
        create: { year, sharePercent: share, source: "test", updatedBy: "test" },
        update: { sharePercent: share },
      });
    const s = await computeStatement({ siren: r.siren[E], year: 2024, quarter: 4 });
    // Q1–Q3 2024 have no session: the year is Q4's 396,860 Wh; × 26.25 % = 104,175.75 Wh; − 99,215 = 4,960.75 Wh.
    expect(s.q4Correction).toEqual({
      status: "calculee",
      shareYears: [2022, 2023],
      sharesPercent: [24, 28.5],
      meanSharePercent: 26.25,
      yearEnergyWh: 396_860,
      provisionalCertifiedWh: 99_215,
      definitiveCertifiedWh: 104_175.75,
      correctionWh: 4_960.75,
      quarters: [
        { quarter: 1, energyWh: 0, source: "calcule" },
        { quarter: 2, energyWh: 0, source: "calcule" },
        { quarter: 3, energyWh: 0, source: "calcule" },
        { quarter: 4, energyWh: 396_860, source: "ce-etat" },
      ],
    });
    expectValid(s);
    await prisma.tiruertRenewableShare.deleteMany({ where: { year: { in: [2022, 2023] } } });
  });

  it("leaves out sessions received after receivedUpTo", async () => {
    const r = await loadRealPoints();
    await registerAll(r);
    // Every session was received 1 h after its end: up to 20 December 2024 12:00 Paris, those that ended before 11:00.
    const s = await computeStatement({ siren: r.siren[E], year: 2024, quarter: 4, receivedUpTo: new Date("2024-12-20T11:00:00Z") });
    // 24.61 + 29.03 + 14.86 (…13001A12) + 61.59 + 18.79 + 56.23 (…13063B13) + 24.9 + 41.9 (…59244A13) = 271.91 kWh.
    expect(s.totals).toMatchObject({ sessions: 8, energyWh: 271_910 });
  });
});
