import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { addOperations, makeIndicatorStations } from "@/tests/support/indicators/make-indicator-stations";

// A station withdrawn by its beneficiary (lib/stations/withdraw-station.ts) leaves the equipment
// of the periods after its withdrawal — installed power, registered stations, and so the map
// that draws them — while its charges before the withdrawal stay.

describe("withdrawn stations", () => {
  it("are out of installed power and registered stations after their withdrawal; their earlier charges stay", async () => {
    const prisma = await db();
    // Six stations of 2 points × 22 kW (44 kW each), three beneficiaries, registered in 2022.
    const { operatorId, stations } = await makeIndicatorStations(
      prisma,
      Array.from({ length: 6 }, (_, i) => ({
        beneficiary: i % 3,
        inseeCode: "38185",
        nominalPowerKw: 22,
        pointCount: 2,
        createdAt: new Date("2022-06-01T00:00:00Z"),
      })),
    );
    // Station 0 is withdrawn from 15 February 2023; it still reports one charge in March (sent
    // late or by mistake).
    await prisma.station.update({
      where: { id: stations[0].id },
      data: { withdrawnOn: new Date("2023-02-15T00:00:00Z"), withdrawnAt: new Date("2023-02-16T09:00:00Z") },
    });
    const op = (i: number, day: string, wh: number) => ({
      operatorId,
      stationId: stations[i].id,
      start: new Date(`${day}T08:00:00Z`),
      stop: new Date(`${day}T09:00:00Z`),
      wh,
    });
    await addOperations(prisma, [
      ...stations.map((_, i) => op(i, "2023-01-10", 1000)),
      ...stations.map((_, i) => op(i, "2023-02-10", 1000)),
      ...stations.slice(1).map((_, i) => op(i + 1, "2023-03-10", 1000)),
      op(0, "2023-03-05", 500),
    ]);
    const run = await computeIndicators({
      from: "2023-01",
      to: "2023-04",
      computedBy: "test",
      stationIds: stations.map((s) => s.id),
      meshLevels: ["national"],
      periodKinds: ["month"],
    });
    const read = async (indicatorCode: string, periodStart: string) =>
      prisma.indicatorValue.findFirstOrThrow({
        where: {
          runId: run.runId,
          indicatorCode,
          meshLevel: "national",
          channel: "all",
          periodKind: "month",
          periodStart: new Date(`${periodStart}T00:00:00Z`),
        },
        select: { value: true, stationsRegistered: true },
      });
    const power = async (month: string) => (await read("installed_power_kw", month)).value;
    const registered = async (month: string) => (await read("energy_kwh", month)).stationsRegistered;
    // January and February (withdrawn in the middle of it): six stations, 264 kW.
    expect(await power("2023-01-01")).toBeCloseTo(264, 9);
    expect(await power("2023-02-01")).toBeCloseTo(264, 9);
    expect(await registered("2023-01-01")).toBe(6);
    expect(await registered("2023-02-01")).toBe(6);
    // March: five stations, 220 kW (the figures the pages and the map read).
    expect(await power("2023-03-01")).toBeCloseTo(220, 9);
    expect(await registered("2023-03-01")).toBe(5);
    // Its charges before the withdrawal stay: six charges of 1 kWh in February.
    expect((await read("energy_kwh", "2023-02-01")).value).toBeCloseTo(6, 9);
  });
});
