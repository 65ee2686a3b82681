import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { addOperations, makeIndicatorStations, type StationSpec } from "@/lib/indicators/testing/make-indicator-stations";
import { listMeshAreas, listPeriods } from "@/lib/indicators/list-periods";
import { listIndicatorRuns } from "@/lib/indicators/list-indicator-runs";
import { listCarbonSeries } from "@/lib/indicators/list-carbon-series";
import { dashboardQuery, parseDashboardParams, periodLabel } from "@/lib/indicators/dashboard-params";
import { getDashboardContext } from "@/lib/indicators/get-dashboard-context";
import { getIndicatorView, INDICATOR_VIEWS } from "@/lib/indicators/get-indicator-view";

// Crafted data, January and February 2023: Brest (29) 6 stations of 3 beneficiaries (published),
// Ajaccio (2A) 2 stations of 2 beneficiaries (primary secret). Each station charges 10 kWh
// (2 × 5 kWh) in each month. The run is a full one: the views read the latest published run.

// A full run counts every station of its database, and becomes the run the views read: this file
// needs a database of its own, even when the other test files share PostgreSQL.
process.env.DATABASE_URL = "pglite:memory://";

let runId: string;
const specs: StationSpec[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ beneficiary: i % 3, inseeCode: "29019", nominalPowerKw: 22 })),
  { beneficiary: 3, inseeCode: "2A004", nominalPowerKw: 22 },
  { beneficiary: 4, inseeCode: "2A004", nominalPowerKw: 22 },
];

beforeAll(async () => {
  const prisma = await db();
  const ref = await ensureReferenceData();
  const { operatorId, stations } = await makeIndicatorStations(prisma, specs);
  const days = ["2023-01-10", "2023-01-20", "2023-02-07", "2023-02-21"];
  await addOperations(prisma, stations.flatMap((s) => days.map((d) => ({ operatorId, stationId: s.id, start: new Date(`${d}T19:00:00Z`), stop: new Date(`${d}T21:00:00Z`), wh: 5_000 }))));
  runId = (await computeIndicators({ from: "2023-01", to: "2023-03", seriesId: ref.carbonSeriesId, computedBy: "test" })).runId;
});

describe("committee dashboard reads", () => {
  it("lists the run's periods and the areas that have cells, with their names", async () => {
    expect(await listPeriods({ runId, periodKind: "month" })).toEqual(["2023-01-01", "2023-02-01"]);
    // Only whole periods are computed: January–February is no quarter.
    expect(await listPeriods({ runId, periodKind: "quarter" })).toEqual([]);
    const deps = await listMeshAreas({ runId, meshLevel: "departement" });
    expect(deps).toEqual(expect.arrayContaining([{ code: "29", name: "Finistère" }, { code: "2A", name: "Corse-du-Sud" }]));
    const runs = await listIndicatorRuns();
    expect(runs.find((r) => r.id === runId)).toMatchObject({ computedBy: "test", scope: "full", series: { name: "electricitymaps-fr" } });
    expect((await listCarbonSeries()).find((s) => s.name === "electricitymaps-fr")).toMatchObject({ licence: expect.stringMatching(/ODbL/), gaps: [] });
  });

  it("falls back to the latest period and the first area when the link's values do not exist", async () => {
    const ctx = await getDashboardContext(parseDashboardParams({ type: "month", periode: "1999-01-01", maille: "departement", zone: "ZZ", canal: "nimporte" }));
    expect(ctx.run?.runId).toBe(runId);
    expect(ctx.filters).toMatchObject({ periodKind: "month", periodStart: "2023-02-01", meshLevel: "departement", meshCode: ctx.areas[0].code, channel: "all" });
    expect(dashboardQuery(ctx.filters)).toBe(`type=month&periode=2023-02-01&maille=departement&zone=${ctx.areas[0].code}&canal=all`);
    expect([periodLabel("month", "2023-02-01"), periodLabel("quarter", "2023-04-01"), periodLabel("year", "2023-01-01")]).toEqual(["février 2023", "2e trimestre 2023", "2023"]);
  });

  it("serves published cells only: a withheld area is {secret: true} in JSON and 'secret statistique' in the table", async () => {
    const view = await getIndicatorView("carte", parseDashboardParams({ maille: "departement", periode: "2023-01-01", indicateur: "energy_kwh" }));
    const areas = (view.json.data as { areas: { code: string; cell: unknown }[] }).areas;
    expect(areas.find((a) => a.code === "2A")?.cell).toEqual({ secret: true });
    expect(areas.find((a) => a.code === "29")?.cell).toEqual({ secret: false, value: 60, coverage: { stationsReporting: 6, stationsRegistered: 6, energyKwh: 60, chargeCount: 12 } });
    expect(view.table.columns.map((c) => c.label)).toEqual(["Code", "Nom", "Énergie délivrée (kWh)"]);
    expect(view.table.rows.find((r) => r.code === "2A")).toEqual({ code: "2A", nom: "Corse-du-Sud", valeur: "secret statistique" });
    expect(view.table.rows.find((r) => r.code === "29")).toEqual({ code: "29", nom: "Finistère", valeur: 60 });
  });

  it("never lets a withheld cell's figures out, in any view", async () => {
    for (const vue of INDICATOR_VIEWS) {
      const v = await getIndicatorView(vue, parseDashboardParams({ maille: "departement", zone: "2A", periode: "2023-01-01" }));
      const text = JSON.stringify([v.json, v.table]);
      if (vue !== "carte" && vue !== "carbone-par-heure") expect(text, vue).not.toMatch(/"value":\s*\d/);
      expect(text, vue).not.toMatch(/"stationsReporting":\s*2\b/);
      expect(text, vue).not.toMatch(/"energyKwh":\s*20\b/);
    }
    const national = await getIndicatorView("chiffres-cles", parseDashboardParams({ periode: "2023-01-01" }));
    const energy = (national.json.data as { figures: { code: string; cell: { value?: number } }[] }).figures.find((f) => f.code === "energy_kwh");
    expect(energy?.cell.value).toBeCloseTo(80, 6);
  });
});
