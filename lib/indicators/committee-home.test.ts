import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { addOperations, makeIndicatorStations, type StationSpec } from "@/tests/support/indicators/make-indicator-stations";
import { getCommitteeHome, type CommitteeHome } from "@/lib/indicators/get-committee-home";
import { trendOf, trendText } from "@/lib/indicators/home-trend";
import { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";

// The committee's home: Brest (29) 6 stations of 3 beneficiaries and Ajaccio (2A) 2 stations of
// 2 beneficiaries charge in March 2022 and February 2023; a first run publishes them. Then March
// 2023 arrives (twice March 2022's energy) and a late charge of February 2023: the second run
// publishes March 2023 (a new period) and revises February 2023.

// The home reads the newest full run of its database: this file needs a database of its own.
process.env.DATABASE_URL = "pglite:memory://";

const specs: StationSpec[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ beneficiary: i % 3, inseeCode: "29019", nominalPowerKw: 22 })),
  { beneficiary: 3, inseeCode: "2A004", nominalPowerKw: 22, createdAt: new Date("2022-01-01T00:00:00Z") },
  { beneficiary: 4, inseeCode: "2A004", nominalPowerKw: 22, createdAt: new Date("2022-01-01T00:00:00Z") },
].map((s) => ({ createdAt: new Date("2022-01-01T00:00:00Z"), ...s }));

let home: CommitteeHome;
let secondRunAt: Date;

beforeAll(async () => {
  const prisma = await db();
  const ref = await ensureReferenceData();
  const { operatorId, stations } = await makeIndicatorStations(prisma, specs);
  const charge = (day: string, wh: number) =>
    stations.map((s) => ({ operatorId, stationId: s.id, start: new Date(`${day}T10:00:00Z`), stop: new Date(`${day}T12:00:00Z`), wh }));
  await addOperations(prisma, [...charge("2022-03-08", 5_000), ...charge("2023-02-07", 5_000)]);
  await computeIndicators({ from: "2022-01", to: "2023-03", seriesId: ref.carbonSeriesId, computedBy: "test" });
  await addOperations(prisma, [...charge("2023-03-07", 10_000), ...charge("2023-02-14", 1_000)]);
  const second = await computeIndicators({ from: "2022-01", to: "2023-04", seriesId: ref.carbonSeriesId, computedBy: "test" });
  secondRunAt = (await prisma.indicatorRun.findUniqueOrThrow({ where: { id: second.runId } })).finishedAt!;
  home = await getCommitteeHome();
});

describe("committee home", () => {
  it("shows the latest month's national figures with their trend against the same month a year earlier", () => {
    expect(home.run?.computedAt).toEqual(secondRunAt);
    expect(home.periodStart).toBe("2023-03-01");
    expect(home.previousYearStart).toBe("2022-03-01");
    const energy = home.figures.find((f) => f.indicator.code === "energy_kwh")!;
    expect(energy.cell).toMatchObject({ secret: false, value: 80, coverage: { stationsReporting: 8, stationsRegistered: 8, energyKwh: 80, chargeCount: 8 } });
    expect(energy.previous).toMatchObject({ secret: false, value: 40 });
    expect(energy.trend).toEqual({ kind: "percent", value: 100 });
    expect(trendText(energy.trend)).toBe("+100,0 %");
  });

  it("says what the newest run changed: the month newly published and the figures revised", () => {
    expect(home.changes.previousRunAt).not.toBeNull();
    expect(home.changes.newPeriods).toEqual(["2023-03-01"]);
    expect(home.changes.revisedCount).toBeGreaterThan(0);
    const feb = home.changes.revisedNational.find((r) => r.indicator.code === "energy_kwh" && r.periodKind === "month");
    expect(feb).toMatchObject({ periodStart: "2023-02-01", note: expect.stringMatching(/données reçues ou corrigées/) });
    // March 2023 is new, not revised; the 2022 figures did not change.
    expect(home.changes.revisedNational.some((r) => r.periodStart === "2023-03-01" && r.periodKind === "month")).toBe(false);
    expect(home.changes.revisedNational.some((r) => r.periodStart.startsWith("2022"))).toBe(false);
  });

  it("never estimates a trend from a withheld or missing figure: n.d.", () => {
    const published = {
      secret: false as const,
      value: 10,
      coverage: { stationsReporting: 5, stationsRegistered: 5, energyKwh: 1, chargeCount: 1 },
      revision: null,
    };
    const secret = { secret: true as const, label: SECRET_LABEL as "secret statistique", reason: "primaire" as const };
    expect(trendOf("energy_kwh", published, secret)).toEqual({ kind: "nd" });
    expect(trendOf("energy_kwh", secret, published)).toEqual({ kind: "nd" });
    expect(trendOf("energy_kwh", published, null)).toEqual({ kind: "nd" });
    expect(trendOf("energy_kwh", published, { ...published, value: 0 })).toEqual({ kind: "nd" });
    expect(trendText({ kind: "nd" })).toBe("n.d.");
    // Shares compare in percentage points.
    expect(trendOf("peak_window_energy_share", { ...published, value: 0.3 }, { ...published, value: 0.25 })).toEqual({ kind: "points", value: 5 });
  });
});
