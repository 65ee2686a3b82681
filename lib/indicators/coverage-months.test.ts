import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { addOperations, makeIndicatorStations } from "@/tests/support/indicators/make-indicator-stations";

// Coverage per month: a station reports in every month (Paris time) its charges touch, and a
// charge counts in the month it starts, only when that month is in the run.

describe("coverage of month cells", () => {
  it("counts reporting stations and charges by Paris month, across month boundaries", async () => {
    const prisma = await db();
    const { operatorId, stations } = await makeIndicatorStations(
      prisma,
      Array.from({ length: 6 }, (_, i) => ({ beneficiary: i % 3, inseeCode: "38185", nominalPowerKw: 22 })),
    );
    const op = (i: number, start: string, stop: string) => ({ operatorId, stationId: stations[i].id, start: new Date(start), stop: new Date(stop), wh: 1000 });
    await addOperations(prisma, [
      ...stations.map((_, i) => op(i, "2023-01-10T10:00:00Z", "2023-01-10T11:00:00Z")),
      op(0, "2023-01-31T22:00:00Z", "2023-02-01T00:30:00Z"), // 23:00 Paris on 31 January → 01:30 on 1 February
      op(1, "2023-01-31T23:30:00Z", "2023-02-01T00:10:00Z"), // 00:30 Paris on 1 February: a February charge
      op(2, "2022-12-31T22:00:00Z", "2023-01-01T00:30:00Z"), // starts in December, before the run
    ]);
    const run = await computeIndicators({
      from: "2023-01",
      to: "2023-04",
      computedBy: "test",
      stationIds: stations.map((s) => s.id),
      meshLevels: ["national"],
      periodKinds: ["month"],
    });
    const rows = await prisma.indicatorValue.findMany({
      where: { runId: run.runId, indicatorCode: "energy_kwh", meshLevel: "national", channel: "all" },
      select: { periodStart: true, stationsReporting: true, chargeCount: true },
      orderBy: { periodStart: "asc" },
    });
    expect(rows.map((r) => ({ month: r.periodStart.toISOString().slice(0, 7), stations: r.stationsReporting, charges: r.chargeCount }))).toEqual([
      { month: "2023-01", stations: 6, charges: 7 },
      { month: "2023-02", stations: 2, charges: 1 },
    ]);
  });
});
