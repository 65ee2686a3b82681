import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { addOperations, makeIndicatorStations, type StationSpec } from "@/tests/support/indicators/make-indicator-stations";
import { getMeshValues } from "@/lib/indicators/get-mesh-values";
import { getKeyFigures } from "@/lib/indicators/get-key-figures";
import { getTimeSeries } from "@/lib/indicators/get-time-series";
import { getLoadProfile } from "@/lib/indicators/get-load-profile";
import { getCarbonByHour } from "@/lib/indicators/get-carbon-by-hour";
import { getLoadCurve } from "@/lib/indicators/get-load-curve";

// Crafted data, January 2023, Marseille (13): arrondissements 13201–13203 have 5 stations of
// 3 beneficiaries each (published on their own), 13204 has 2 stations (primary secret). The
// département is published, so one more arrondissement must be withheld: 13202, the one with
// the least energy (secondary secret). Defaults K = 5 stations, B = 3 beneficiaries.

let runId: string;
let specsTag: string;
const specs: StationSpec[] = [];
const energyOf: number[] = [];
for (const [commune, count, wh] of [
  ["13201", 5, 21_000],
  ["13202", 5, 6_000],
  ["13203", 5, 30_000],
  ["13204", 2, 42_000],
] as const) {
  for (let i = 0; i < count; i++) {
    specs.push({ beneficiary: specs.length % 3, inseeCode: commune, nominalPowerKw: 22 });
    energyOf.push(wh);
  }
}

beforeAll(async () => {
  const prisma = await db();
  const ref = await ensureReferenceData();
  const { operatorId, stations } = await makeIndicatorStations(prisma, specs);
  specsTag = stations[0].stationCode.slice(0, "IND-".length + 8);
  await addOperations(
    prisma,
    stations.flatMap((s, i) =>
      [3, 10, 17].map((day) => ({
        operatorId,
        stationId: s.id,
        start: new Date(`2023-01-${String(day).padStart(2, "0")}T18:00:00Z`),
        stop: new Date(`2023-01-${String(day).padStart(2, "0")}T20:00:00Z`),
        wh: energyOf[i] / 3,
      })),
    ),
  );
  runId = (await computeIndicators({ from: "2023-01", to: "2023-02", seriesId: ref.carbonSeriesId, computedBy: "test", stationIds: stations.map((s) => s.id) }))
    .runId;
});

describe("anonymity", () => {
  it("withholds the small cell (primary) and the smallest sibling (secondary), publishes the rest", async () => {
    const prisma = await db();
    const communes = await prisma.indicatorValue.findMany({
      where: { runId, indicatorCode: "energy_kwh", meshLevel: "commune", channel: "all" },
      select: { meshCode: true, withheld: true, withheldReason: true, distinctStations: true, distinctBeneficiaries: true },
      orderBy: { meshCode: "asc" },
    });
    expect(communes).toEqual([
      { meshCode: "13201", withheld: false, withheldReason: null, distinctStations: 5, distinctBeneficiaries: 3 },
      { meshCode: "13202", withheld: true, withheldReason: "secondaire", distinctStations: 5, distinctBeneficiaries: 3 },
      { meshCode: "13203", withheld: false, withheldReason: null, distinctStations: 5, distinctBeneficiaries: 3 },
      { meshCode: "13204", withheld: true, withheldReason: "primaire_stations", distinctStations: 2, distinctBeneficiaries: 2 },
    ]);
    const dep = await prisma.indicatorValue.findFirstOrThrow({
      where: { runId, indicatorCode: "energy_kwh", meshLevel: "departement", meshCode: "13", channel: "all" },
    });
    expect(dep.withheld).toBe(false);
    expect(dep.value).toBeCloseTo(5 * 21 + 5 * 6 + 5 * 30 + 2 * 42, 6);
  });

  it("read functions return published cells only, with secret markers for the withheld ones", async () => {
    const map = await getMeshValues({ runId, indicator: "energy_kwh", meshLevel: "commune", periodStart: "2023-01-01" });
    expect(map.areas.map((a) => [a.code, a.name, a.cell.secret ? a.cell : a.cell.value])).toEqual([
      ["13201", "Marseille 1er Arrondissement", 105],
      ["13202", "Marseille 2e Arrondissement", { secret: true, label: "secret statistique", reason: "secondaire" }],
      ["13203", "Marseille 3e Arrondissement", 150],
      ["13204", "Marseille 4e Arrondissement", { secret: true, label: "secret statistique", reason: "primaire" }],
    ]);
    // Nothing of a withheld cell leaves the database: not its value, profile or coverage.
    // Hourly profiles are not published for communes at all (docs/decisions/0010).
    const secretProfile = await getLoadProfile({ runId, meshLevel: "commune", meshCode: "13204", periodStart: "2023-01-01" });
    expect(secretProfile.weekday).toBeNull();
    expect((await getLoadProfile({ runId, meshLevel: "departement", meshCode: "13", periodStart: "2023-01-01" })).weekday).toMatchObject({ secret: false });
    const serialised = JSON.stringify([
      map.areas.filter((a) => a.code === "13202" || a.code === "13204"),
      secretProfile,
      await getKeyFigures({ runId, meshLevel: "commune", meshCode: "13202" }),
      await getTimeSeries({ runId, meshLevel: "commune", meshCode: "13204", indicators: ["energy_kwh", "peak_power_kw"] }),
      await getCarbonByHour({ runId, meshLevel: "commune", meshCode: "13204" }),
    ]);
    expect(serialised).not.toMatch(/"value":\s*(30|84)\b/);
    expect(serialised).not.toContain(`"coverage":`);

    const national = await getKeyFigures({ runId });
    expect(national.periodStart).toBe("2023-01-01");
    const energy = national.figures.find((f) => f.indicator.code === "energy_kwh")!;
    expect(energy.indicator.label).toBe("Énergie délivrée");
    expect(energy.cell).toMatchObject({
      secret: false,
      value: 369,
      coverage: { stationsReporting: 17, stationsRegistered: 17, energyKwh: 369, chargeCount: 51 },
    });
    expect(national.run?.series).toMatchObject({ name: "electricitymaps-fr", attribution: "Electricity Maps" });
    const curve = await getLoadCurve({ runId, periodStart: "2023-01-01" });
    expect(curve.start?.toISOString()).toBe("2022-12-31T23:00:00.000Z");
    expect(curve.cell?.secret === false && curve.cell.value.length).toBe(31 * 48);
    // 3 January 18:00–20:00 UTC = slots 2 × 48 + 38 … 41 from the 1st 00:00 Paris; 369/3 kWh over 2 h.
    if (curve.cell && !curve.cell.secret) expect(curve.cell.value[2 * 48 + 38]).toBeCloseTo(369 / 3 / 2, 6);
  });

  it("rolls months up into quarters (energy summed, peak as the largest month's)", async () => {
    const prisma = await db();
    const ids = (await prisma.station.findMany({ where: { stationCode: { startsWith: specsTag } }, select: { id: true } })).map((s) => s.id);
    const q = await computeIndicators({ from: "2023-01", to: "2023-04", computedBy: "test", stationIds: ids, meshLevels: ["national"] });
    const rows = await prisma.indicatorValue.findMany({
      where: { runId: q.runId, meshLevel: "national", channel: "all", indicatorCode: { in: ["energy_kwh", "peak_power_kw"] } },
      select: { indicatorCode: true, periodKind: true, periodStart: true, value: true },
    });
    const get = (code: string, kind: string, start: string) =>
      rows.find((r) => r.indicatorCode === code && r.periodKind === kind && r.periodStart.toISOString().startsWith(start))?.value;
    expect(get("energy_kwh", "quarter", "2023-01-01")).toBeCloseTo(369, 6);
    expect(get("energy_kwh", "month", "2023-01-01")).toBeCloseTo(369, 6);
    expect(get("peak_power_kw", "quarter", "2023-01-01")).toBeCloseTo(get("peak_power_kw", "month", "2023-01-01")!, 9);
    expect(rows.some((r) => r.periodKind === "year")).toBe(false); // 2023 is not whole in [Jan, Apr)
  });

  it("latest-run reads ignore filtered runs", async () => {
    const figures = await getKeyFigures({ periodStart: "2023-01-01" });
    expect(figures.run?.runId).not.toBe(runId);
  });
});
