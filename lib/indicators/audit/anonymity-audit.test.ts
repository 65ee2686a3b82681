import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { openOwnDatabase } from "@/tests/support/common/own-database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { addOperations, makeIndicatorStations, type StationSpec } from "@/tests/support/indicators/make-indicator-stations";
import { seededRandom } from "@/lib/platform/random/seeded-random";
import { auditPublishedFigures, checkViewsShowNothingElse } from "@/lib/indicators/audit/read-everything";
import { cellKey } from "@/lib/indicators/audit/attack";

// The anonymity auditor on crafted data (issue 14): small communes and sparse months, including
// the two attacks found by hand on the earlier suppression —
//   1. Quimper's March (3 stations reporting) = Finistère's March − Brest's March, Brest's March
//      being Brest's first quarter − its January and February (a commune's months published
//      while one child was withheld across the period hierarchy);
//   2. Côtes-d'Armor's December (4 stations) = its fourth quarter − its November, October having
//      no data (a cell that does not exist is a known zero).
// The auditor reads everything a comité member can (every published figure through the read
// path of the pages and APIs, every view of the API), then tries to recover every withheld cell
// by differencing and by bounds. A full run covers the database: this file has its own.

let prisma: PrismaClient;
let close: () => Promise<void>;

const rand = seededRandom(20261205);
type Place = {
  commune: string;
  stations: number;
  beneficiaries: number[];
  months: number[];
  channel?: "ADVENIR" | "GIREVE";
  power?: number;
  silent?: Record<number, number>;
};
// months: 1–12 in which the stations charge; silent: month → number of stations that do not report that month.
const PLACES: Place[] = [
  { commune: "29019", stations: 6, beneficiaries: [0, 1, 2], months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] }, // Brest
  { commune: "29232", stations: 5, beneficiaries: [3, 4, 5], months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], silent: { 3: 2 } }, // Quimper: 3 in March
  { commune: "22278", stations: 5, beneficiaries: [6, 7, 8], months: [11, 12], silent: { 12: 1 } }, // Saint-Brieuc: 4 in December, nothing in October
  { commune: "56260", stations: 4, beneficiaries: [9, 10], months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], power: 7.4 }, // Vannes: always secret
  { commune: "56121", stations: 6, beneficiaries: [11, 12, 13], months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] }, // Lorient
  { commune: "44109", stations: 8, beneficiaries: [14, 15, 16, 17], months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], power: 50 }, // Nantes
  { commune: "44109", stations: 2, beneficiaries: [18, 19], months: [2, 3, 5, 8, 9, 11], channel: "GIREVE" }, // Nantes, GIREVE
  { commune: "49007", stations: 5, beneficiaries: [20, 21, 22], months: [1, 2, 6, 7, 12] }, // Angers, sparse
  { commune: "85191", stations: 1, beneficiaries: [23], months: [5, 8] }, // La Roche-sur-Yon, one station
];

beforeAll(async () => {
  ({ prisma, close } = await openOwnDatabase("advenir_audit"));
  const ref = await ensureReferenceData({ prisma });
  const specs: StationSpec[] = [];
  const placeOf: Place[] = [];
  const rank: number[] = [];
  for (const p of PLACES) {
    for (let i = 0; i < p.stations; i++) {
      specs.push({
        beneficiary: p.beneficiaries[i % p.beneficiaries.length],
        inseeCode: p.commune,
        nominalPowerKw: p.power ?? 22,
        pointCount: 1 + (i % 2),
        channel: p.channel,
      });
      placeOf.push(p);
      rank.push(i);
    }
  }
  const { operatorId, stations } = await makeIndicatorStations(prisma, specs);
  const ops: Parameters<typeof addOperations>[1] = [];
  stations.forEach((s, k) => {
    const p = placeOf[k];
    for (const month of p.months) {
      // The last `silent` stations of the place do not report that month.
      if (rank[k] >= p.stations - (p.silent?.[month] ?? 0)) continue;
      const sessions = 2 + Math.floor(rand() * 4);
      for (let j = 0; j < sessions; j++) {
        const day = 1 + Math.floor(rand() * 27);
        // Mostly daytime, sometimes overnight.
        const hour = rand() < 0.2 ? 20 + Math.floor(rand() * 3) : 7 + Math.floor(rand() * 11);
        const start = Date.UTC(2023, month - 1, day, hour, Math.floor(rand() * 60));
        const hours = 0.5 + rand() * (hour >= 20 ? 9 : 4);
        ops.push({
          operatorId,
          stationId: s.id,
          start: new Date(start),
          stop: new Date(start + hours * 3_600_000),
          wh: Math.round(hours * (p.power ?? 22) * 1000 * (0.3 + 0.6 * rand())),
        });
      }
    }
  });
  await addOperations(prisma, ops);
  const run = await computeIndicators({ from: "2023-01", to: "2024-01", seriesId: ref.carbonSeriesId, computedBy: "test" }, { prisma });
  expect(run.scope).toBe("full");
});
afterAll(async () => close());

describe("anonymity auditor on crafted data (small communes, sparse months)", () => {
  it("recovers no withheld cell, by differencing or by bounds, from everything a comité member can read", async () => {
    const audit = await auditPublishedFigures(prisma);
    const cells = new Map(audit.harvest.cells.map((c) => [cellKey(c), c]));
    // The two hand-made attacks are on withheld cells.
    for (const k of ["commune|29232|month|2023-03-01|all", "departement|22|month|2023-12-01|all", "commune|56260|year|2023-01-01|all"]) {
      expect(cells.get(k)?.secret, k).toBe(true);
    }
    expect(cells.get("national|FR|month|2023-03-01|all")?.secret).toBe(false);
    expect(audit.primary).toBeGreaterThan(50);
    expect(audit.measuresAttacked).toBeGreaterThan(80);
    expect(audit.findings.slice(0, 20)).toEqual([]);
  });

  it("the API's views show nothing that the read path did not", async () => {
    const harvest = (await auditPublishedFigures(prisma)).harvest;
    expect(await checkViewsShowNothingElse(prisma, harvest)).toEqual([]);
  });
});
