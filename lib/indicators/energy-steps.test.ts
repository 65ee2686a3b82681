import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { getEnergySteps } from "@/lib/indicators/get-energy-steps";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { addOperations, makeIndicatorStations } from "@/tests/support/indicators/make-indicator-stations";

type Station = { id: string; operatorId: string };
let stations: Station[];

async function addCurve(s: Station, start: string, offsets: number[], values: number[], extra: { transactionId?: string; flags?: string[] } = {}) {
  const prisma = await db();
  const startAt = new Date(start);
  await prisma.loadCurve.create({
    data: {
      env: "production",
      operatorId: s.operatorId,
      stationId: s.id,
      transactionId: extra.transactionId ?? randomUUID(),
      startAt,
      stopAt: new Date(startAt.getTime() + offsets[offsets.length - 1] * 1000),
      pointCount: offsets.length,
      energyWh: BigInt(values[values.length - 1] - values[0]),
      offsetsS: offsets,
      valuesWh: values.map(BigInt),
      qualityFlags: extra.flags ?? [],
    },
  });
}

const steps = async (s: Station, from: string, to: string, step: "30min" | "hour" = "30min") =>
  (await getEnergySteps({ stationIds: [s.id], from: new Date(from), to: new Date(to), step })).map((x) => [
    x.start.toISOString().slice(11, 16),
    Math.round(x.wh * 1000) / 1000,
  ]);

beforeAll(async () => {
  const prisma = await db();
  await ensureReferenceData();
  ({ stations } = await makeIndicatorStations(
    prisma,
    Array.from({ length: 4 }, (_, i) => ({ beneficiary: i, inseeCode: "69123", nominalPowerKw: 22 })),
  ));
});

describe("energy per time step", () => {
  it("spreads an operation evenly and splits it at half-hour boundaries; hours are two halves", async () => {
    const prisma = await db();
    const s = stations[0];
    await addOperations(prisma, [{ ...s, stationId: s.id, start: new Date("2023-05-10T10:10:00Z"), stop: new Date("2023-05-10T11:20:00Z"), wh: 7000 }]);
    expect(await steps(s, "2023-05-10T00:00:00Z", "2023-05-11T00:00:00Z")).toEqual([
      ["10:00", 2000],
      ["10:30", 3000],
      ["11:00", 2000],
    ]);
    expect(await steps(s, "2023-05-10T00:00:00Z", "2023-05-11T00:00:00Z", "hour")).toEqual([
      ["10:00", 5000],
      ["11:00", 2000],
    ]);
    // Only the part inside the requested range is returned.
    expect(await steps(s, "2023-05-10T10:30:00Z", "2023-05-10T11:00:00Z")).toEqual([["10:30", 3000]]);
  });

  it("splits curve intervals in proportion to time across the October change", async () => {
    // 29 October 2023, 02:40 summer time (00:40 UTC) → 02:40 winter time (01:40 UTC): the
    // wall clock shows 02:xx for both UTC hours. Points every 30 minutes, cumulative Wh.
    const s = stations[1];
    await addCurve(s, "2023-10-29T00:40:00Z", [0, 1800, 3600], [5000, 5600, 6500]);
    // [00:40, 01:10) 600 Wh: 20 min → 00:30 slot, 10 min → 01:00 slot; [01:10, 01:40) 900 Wh: 20 min / 10 min.
    expect(await steps(s, "2023-10-29T00:00:00Z", "2023-10-29T03:00:00Z")).toEqual([
      ["00:30", 400],
      ["01:00", 200 + 600],
      ["01:30", 300],
    ]);
    expect(await steps(s, "2023-10-29T00:00:00Z", "2023-10-29T03:00:00Z", "hour")).toEqual([
      ["00:00", 400],
      ["01:00", 1100],
    ]);
    // Profile by hour of day (Paris): both UTC hours fall at 02 h on a Sunday. October 2023 has
    // 9 weekend days, so 10 weekend hours at 02 h: mean power = 1.5 kWh / 10 h = 0.15 kW.
    const run = await computeIndicators({
      from: "2023-10",
      to: "2023-11",
      computedBy: "test",
      stationIds: [s.id],
      meshLevels: ["national"],
      periodKinds: ["month"],
    });
    const prisma = await db();
    const profile = await prisma.indicatorValue.findFirstOrThrow({
      where: { runId: run.runId, indicatorCode: "profile_weekend_kw", channel: "all" },
      select: { series: true },
    });
    expect(profile.series.map((v) => Math.round(v * 1e6) / 1e6)).toEqual(Array.from({ length: 24 }, (_, h) => (h === 2 ? 0.15 : 0)));
  });

  it("handles the March change: 01:30 winter time to 03:30 summer time is one hour", async () => {
    const s = stations[2];
    await addCurve(s, "2023-03-26T00:30:00Z", [0, 3600], [0, 1000]);
    expect(await steps(s, "2023-03-26T00:00:00Z", "2023-03-26T03:00:00Z")).toEqual([
      ["00:30", 500],
      ["01:00", 500],
    ]);
    const run = await computeIndicators({
      from: "2023-03",
      to: "2023-04",
      computedBy: "test",
      stationIds: [s.id],
      meshLevels: ["national"],
      periodKinds: ["month"],
    });
    const prisma = await db();
    const profile = await prisma.indicatorValue.findFirstOrThrow({
      where: { runId: run.runId, indicatorCode: "profile_weekend_kw", channel: "all" },
      select: { series: true },
    });
    // 01:30–02:00 Paris (hour 1) and 03:00–03:30 Paris (hour 3); no 02 h that day. March 2023
    // has 8 weekend days: 8 weekend hours at 01 h and at 03 h.
    expect(profile.series.map((v) => Math.round(v * 1e6) / 1e6)).toEqual(Array.from({ length: 24 }, (_, h) => (h === 1 || h === 3 ? 0.5 / 8 : 0)));
  });

  it("takes a transaction from its curve rather than its operation, unless the curve is flagged", async () => {
    const prisma = await db();
    const s = stations[3];
    const withCurve = randomUUID();
    const flagged = randomUUID();
    await prisma.chargeOperation.createMany({
      data: [
        {
          env: "production",
          operatorId: s.operatorId,
          stationId: s.id,
          transactionId: withCurve,
          startAt: new Date("2023-06-01T10:00:00Z"),
          stopAt: new Date("2023-06-01T11:00:00Z"),
          startWh: 0n,
          stopWh: 1000n,
        },
        {
          env: "production",
          operatorId: s.operatorId,
          stationId: s.id,
          transactionId: flagged,
          startAt: new Date("2023-06-01T14:00:00Z"),
          stopAt: new Date("2023-06-01T15:00:00Z"),
          startWh: 0n,
          stopWh: 2000n,
        },
      ],
    });
    // The curve puts all of the energy in the first half-hour.
    await addCurve(s, "2023-06-01T10:00:00Z", [0, 1800, 3600], [0, 1000, 1000], { transactionId: withCurve });
    await addCurve(s, "2023-06-01T14:00:00Z", [0, 1800, 3600], [0, 2000, 2000], { transactionId: flagged, flags: ["courbe_non_monotone"] });
    expect(await steps(s, "2023-06-01T00:00:00Z", "2023-06-02T00:00:00Z")).toEqual([
      ["10:00", 1000],
      ["10:30", 0],
      ["14:00", 1000],
      ["14:30", 1000],
    ]);
    // The indicator run follows the same rule: 3 kWh, not 4, and the curve's shape at 12:00 Paris (the flagged one's operation at 16:00).
    const run = await computeIndicators({
      from: "2023-06",
      to: "2023-07",
      computedBy: "test",
      stationIds: [s.id],
      meshLevels: ["national"],
      periodKinds: ["month"],
    });
    const value = (code: string) =>
      prisma.indicatorValue.findFirstOrThrow({ where: { runId: run.runId, indicatorCode: code, channel: "all" }, select: { value: true, series: true } });
    expect((await value("energy_kwh")).value).toBeCloseTo(3, 9);
    expect((await value("load_curve_kw")).series.slice(24, 34)).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 2, 2]);
  });
});
