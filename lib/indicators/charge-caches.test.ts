import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { openOwnDatabase } from "@/tests/support/common/own-database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import type { MeshLevel, PeriodKind } from "@/lib/schemas/indicator-catalogue";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { addOperations, makeIndicatorStations } from "@/tests/support/indicators/make-indicator-stations";
import { seededRandom } from "@/lib/platform/random/seeded-random";
import { queryRows, sql } from "@/lib/platform/db/sql";

// The charge caches must never change a figure: after each kind of change to the data, a run that
// reads them (every station, down to départements) must store the same values as a run that
// computes from the charges (the same stations named one by one).
// The caches are shared by every run of all stations, so this file works on a database of its
// own: a fresh PostgreSQL database when TEST_DATABASE_URL is set (dropped at the end), else its
// own PGlite.

type Station = { id: string; operatorId: string };
let prisma: PrismaClient;
let stations: Station[];
const rand = seededRandom(5);
const MARCH = Date.UTC(2023, 2, 1);

/** `n` operations at the given stations, in March 2023, 20 minutes to 7 hours long. */
function randomOperations(at: Station[], n: number) {
  return Array.from({ length: n }, () => {
    const s = at[Math.floor(rand() * at.length)];
    const start = MARCH + Math.floor(rand() * 30 * 86_400) * 1000;
    const stop = start + (1200 + Math.floor(rand() * 6 * 3600)) * 1000;
    return { stationId: s.id, operatorId: s.operatorId, start: new Date(start), stop: new Date(stop), wh: 2000 + Math.floor(rand() * 30_000) };
  });
}

type Values = Map<string, (number | null)[]>;

async function valuesOf(runId: string): Promise<Values> {
  // The value or profile, then the coverage and whether withheld. Raw: a profile holds NULL for
  // hours without energy, which Prisma cannot read in a Float[].
  const rows = await queryRows<{ key: string; v: (number | null)[] }>(
    prisma,
    sql`SELECT concat_ws(' ', indicator_code, mesh_level, mesh_code, period_start, channel) AS key,
            (CASE WHEN value IS NULL THEN to_jsonb(series) ELSE jsonb_build_array(value) END)
              || jsonb_build_array(stations_reporting, charge_count, distinct_beneficiaries, energy_wh, CASE WHEN withheld THEN 1 ELSE 0 END) AS v
       FROM indicator_value WHERE run_id = ${runId}::uuid`,
  );
  return new Map(rows.map((r) => [r.key, r.v]));
}

const same = (x: number | null, y: number | null) => (x === null || y === null ? x === y : Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y)));

/** Runs the cached and the uncached computation and checks they stored the same figures. */
async function expectCacheAgrees(
  expectedMode: "none" | "partial" | "full",
  scope: { meshLevels?: MeshLevel[]; periodKinds?: PeriodKind[]; to?: string; seriesId?: number } = {},
) {
  const range = {
    from: "2023-03",
    to: "2023-05",
    computedBy: "test",
    meshLevels: ["national", "region", "departement"] as MeshLevel[],
    periodKinds: ["month"] as PeriodKind[],
    ...scope,
  };
  const cached = await computeIndicators(range, { prisma });
  expect(cached.caches?.mode).toBe(expectedMode);
  const all = (await prisma.station.findMany({ select: { id: true } })).map((s) => s.id);
  const direct = await computeIndicators({ ...range, stationIds: all }, { prisma });
  expect(direct.caches).toBeNull();
  const [a, b] = [await valuesOf(cached.runId), await valuesOf(direct.runId)];
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  const off: string[] = [];
  for (const [key, xs] of a) {
    const ys = b.get(key)!;
    if (xs.length !== ys.length || xs.some((x, i) => !same(x, ys[i]))) off.push(key);
  }
  expect(off).toEqual([]);
  return cached;
}

const energyOf = async (runId: string, code: string) =>
  (
    await prisma.indicatorValue.findFirstOrThrow({
      where: { runId, indicatorCode: "energy_kwh", meshLevel: "departement", meshCode: code, channel: "all", periodStart: new Date("2023-03-01") },
    })
  ).value;

let close: () => Promise<void>;

beforeAll(async () => {
  ({ prisma, close } = await openOwnDatabase("advenir_caches"));
  await ensureReferenceData({ prisma });
  // Lyon (69) and Grenoble (38) in one région, Paris (75), Marseille (13), Saint-Denis de La
  // Réunion (974); one GIREVE station.
  ({ stations } = await makeIndicatorStations(prisma, [
    ...Array.from({ length: 6 }, (_, i) => ({ beneficiary: i % 4, inseeCode: "69123", nominalPowerKw: 22 })),
    ...Array.from({ length: 4 }, (_, i) => ({ beneficiary: i % 4, inseeCode: "38185", nominalPowerKw: 22 })),
    ...Array.from({ length: 6 }, (_, i) => ({ beneficiary: i % 4, inseeCode: "75056", nominalPowerKw: 50 })),
    ...Array.from({ length: 5 }, (_, i) => ({
      beneficiary: i % 4,
      inseeCode: "13055",
      nominalPowerKw: 11,
      channel: i === 0 ? ("GIREVE" as const) : undefined,
    })),
    ...Array.from({ length: 5 }, (_, i) => ({ beneficiary: i % 4, inseeCode: "97411", nominalPowerKw: 7.4 })),
  ]));
  await addOperations(prisma, randomOperations(stations, 600));
  // Never counted: sandbox and flagged data.
  await addOperations(
    prisma,
    randomOperations(stations, 20).map((o) => ({ ...o, env: "sandbox" as const })),
  );
  await addOperations(
    prisma,
    randomOperations(stations, 20).map((o) => ({ ...o, flags: ["duree_excessive"] })),
  );
});

afterAll(async () => close());

describe("charge caches", () => {
  it("is built on the first run, then used as it is while nothing changes", async () => {
    const first = await expectCacheAgrees("full");
    expect(first.caches?.departements).toBe(5);
    expect(await prisma.energyDirty.count()).toBe(0);
    await expectCacheAgrees("none");
  });

  it("recomputes only the départements of new or changed operations", async () => {
    const lyon = stations.slice(0, 6);
    await addOperations(prisma, randomOperations(lyon, 30));
    const run = await expectCacheAgrees("partial");
    expect(run.caches?.departements).toBe(1);

    // An operation sent again with other times leaves its old half-hours; one flagged afterwards
    // stops counting; a deleted one too. The three were the station's first of March, within the month.
    const [moved, flagged, deleted] = await prisma.chargeOperation.findMany({
      where: { env: "production", stationId: stations[11].id, qualityFlags: { isEmpty: true } },
      orderBy: { startAt: "asc" },
      take: 3,
    });
    await prisma.chargeOperation.update({
      where: { stationId_id: { stationId: moved.stationId, id: moved.id } },
      data: { startAt: new Date("2023-04-20T08:00:00Z"), stopAt: new Date("2023-04-20T10:00:00Z") },
    });
    const afterMove = await expectCacheAgrees("partial");
    expect((await energyOf(run.runId, "75"))! - (await energyOf(afterMove.runId, "75"))!).toBeCloseTo(Number(moved.stopWh - moved.startWh) / 1000, 6);
    await prisma.chargeOperation.update({
      where: { stationId_id: { stationId: flagged.stationId, id: flagged.id } },
      data: { qualityFlags: ["energie_incoherente"] },
    });
    await prisma.chargeOperation.delete({ where: { stationId_id: { stationId: deleted.stationId, id: deleted.id } } });
    const after = await expectCacheAgrees("partial");
    const removed = [flagged, deleted].reduce((sum, o) => sum + Number(o.stopWh - o.startWh), 0) / 1000;
    expect((await energyOf(afterMove.runId, "75"))! - (await energyOf(after.runId, "75"))!).toBeCloseTo(removed, 6);
  });

  it("takes a transaction from its curve once the curve arrives", async () => {
    const [op] = await prisma.chargeOperation.findMany({ where: { env: "production", stationId: stations[16].id, qualityFlags: { isEmpty: true } }, take: 1 });
    const seconds = (op.stopAt.getTime() - op.startAt.getTime()) / 1000;
    await prisma.loadCurve.create({
      data: {
        env: "production",
        operatorId: op.operatorId,
        stationId: op.stationId,
        transactionId: op.transactionId,
        startAt: op.startAt,
        stopAt: op.stopAt,
        pointCount: 3,
        energyWh: 9000n,
        offsetsS: [0, Math.round(seconds / 2), seconds],
        valuesWh: [0n, 8000n, 9000n],
      },
    });
    await expectCacheAgrees("partial");
  });

  it("counts data sent before its station was registered, once it is", async () => {
    const stationId = randomUUID();
    const operatorId = stations[0].operatorId;
    await addOperations(prisma, randomOperations([{ id: stationId, operatorId }], 10));
    await expectCacheAgrees("partial");
    const dossier = await prisma.dossier.findFirstOrThrow({ where: { stations: { some: { id: stations[0].id } } } });
    // Bordeaux (33): a département no other station is in.
    await prisma.station.create({
      data: { id: stationId, dossierId: dossier.id, operatorId, stationCode: `LATE-${stationId}`, channel: "ADVENIR", nominalPowerKw: 22, inseeCode: "33063" },
    });
    const run = await expectCacheAgrees("partial");
    expect(await energyOf(run.runId, "33")).toBeGreaterThan(0);
  });

  it("is rebuilt when a station moves", async () => {
    await prisma.station.update({ where: { id: stations[1].id }, data: { inseeCode: "33063" } });
    await expectCacheAgrees("full");
  });

  it("lets runs started together follow one another: the first brings the caches up to date, the second finds them so", async () => {
    await addOperations(prisma, randomOperations(stations.slice(0, 10), 15));
    const range = {
      from: "2023-03",
      to: "2023-05",
      computedBy: "test",
      meshLevels: ["national", "departement"] as MeshLevel[],
      periodKinds: ["month"] as PeriodKind[],
    };
    const runs = await Promise.all([computeIndicators(range, { prisma }), computeIndicators(range, { prisma })]);
    expect(runs.map((r) => r.caches?.mode).sort()).toEqual(["none", "partial"]);
    expect(await energyOf(runs[0].runId, "38")).toBe(await energyOf(runs[1].runId, "38"));
    await expectCacheAgrees("none");
  });

  it("serves runs with communes and quarters too (the communes' energy from the charges)", async () => {
    await addOperations(prisma, randomOperations(stations.slice(20), 25));
    // March to June: the second quarter is inside.
    const run = await expectCacheAgrees("partial", {
      meshLevels: ["national", "region", "departement", "commune"],
      periodKinds: ["month", "quarter"],
      to: "2023-07",
    });
    expect(await prisma.indicatorValue.count({ where: { runId: run.runId, meshLevel: "commune", periodKind: "quarter" } })).toBeGreaterThan(0);
  });

  it("keeps the leaf hours of each carbon series runs have used, and brings every series' up to date", async () => {
    const shipped = await prisma.carbonSeries.findFirstOrThrow({ where: { name: "electricitymaps-fr" }, orderBy: { id: "asc" } });
    // Another series over March and April 2023, a day missing: its hours without intensity are
    // a coverage gap, and its intensities differ from the shipped ones.
    const hours = Array.from({ length: 61 * 24 }, (_, i) => new Date(MARCH - 3_600_000 + i * 3_600_000)).filter((_, i) => Math.floor(i / 24) !== 10);
    const other = await prisma.carbonSeries.create({
      data: {
        name: "test-profiles",
        version: 1,
        source: "test",
        licence: "test",
        format: "electricitymaps",
        fileSha256: "0",
        importedBy: "test",
        hourCount: hours.length,
      },
    });
    await prisma.carbonIntensity.createMany({ data: hours.map((hourStart, i) => ({ seriesId: other.id, hourStart, gPerKwh: 20 + (i % 24) * 5 })) });

    const withOther = await expectCacheAgrees("none", { seriesId: other.id });
    const withShipped = await expectCacheAgrees("none", { seriesId: shipped.id });
    const intensity = async (runId: string) =>
      (
        await prisma.indicatorValue.findFirstOrThrow({
          where: { runId, indicatorCode: "carbon_intensity_charging", meshLevel: "national", channel: "all", periodStart: new Date("2023-03-01") },
        })
      ).value;
    expect(await intensity(withOther.runId)).not.toBeCloseTo((await intensity(withShipped.runId))!, 3);
    const profiled = await prisma.energyDepProfile.groupBy({ by: ["seriesId"], where: { seriesId: { in: [shipped.id, other.id] } } });
    expect(profiled.map((p) => p.seriesId).sort()).toEqual([shipped.id, other.id].sort());

    // New data: the run with one series brings the other's leaf hours up to date too.
    await addOperations(prisma, randomOperations(stations.slice(0, 12), 25));
    await expectCacheAgrees("partial", { seriesId: other.id });
    await expectCacheAgrees("none", { seriesId: shipped.id });
  });
});
