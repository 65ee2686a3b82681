import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { addOperations, makeIndicatorStations, type StationSpec } from "@/tests/support/indicators/make-indicator-stations";
import { listMeshAreas, listPeriods } from "@/lib/indicators/list-periods";
import { listIndicatorRuns } from "@/lib/indicators/list-indicator-runs";
import { listCarbonSeries } from "@/lib/indicators/list-carbon-series";
import { dashboardQuery, parseDashboardParams, periodLabel } from "@/lib/indicators/dashboard-params";
import { getDashboardContext } from "@/lib/indicators/get-dashboard-context";
import { getIndicatorView, INDICATOR_VIEWS } from "@/lib/indicators/get-indicator-view";

// Crafted data, January and February 2023: Brest (29) 6 stations of 3 beneficiaries (published),
// Ajaccio (2A) 2 stations of 2 beneficiaries (primary secret), Paris (75) 5 stations of 3
// beneficiaries. Brest's and Ajaccio's stations charge 10 kWh (2 × 5 kWh) in each month, Paris's
// 5 kWh (2 × 2.5 kWh). Corse (94) has no other département: its région is Ajaccio, so the
// secondary secret is another région, the one closest in size, Île-de-France (11), and Paris
// with it; Bretagne and Brest stay published. The run is a full one: the views read the latest
// published run.

// A full run counts every station of its database, and becomes the run the views read: this file
// needs a database of its own, even when the other test files share PostgreSQL.
process.env.DATABASE_URL = "pglite:memory://";

let runId: string;
const specs: StationSpec[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ beneficiary: i % 3, inseeCode: "29019", nominalPowerKw: 22 })),
  { beneficiary: 3, inseeCode: "2A004", nominalPowerKw: 22 },
  { beneficiary: 4, inseeCode: "2A004", nominalPowerKw: 22 },
  ...Array.from({ length: 5 }, (_, i) => ({ beneficiary: 5 + (i % 3), inseeCode: "75056", nominalPowerKw: 7.4 })),
];

beforeAll(async () => {
  const prisma = await db();
  const ref = await ensureReferenceData();
  const { operatorId, stations } = await makeIndicatorStations(prisma, specs);
  const days = ["2023-01-10", "2023-01-20", "2023-02-07", "2023-02-21"];
  await addOperations(
    prisma,
    stations.flatMap((s, i) =>
      days.map((d) => ({
        operatorId,
        stationId: s.id,
        start: new Date(`${d}T19:00:00Z`),
        stop: new Date(`${d}T21:00:00Z`),
        wh: specs[i].inseeCode === "75056" ? 2_500 : 5_000,
      })),
    ),
  );
  runId = (await computeIndicators({ from: "2023-01", to: "2023-03", seriesId: ref.carbonSeriesId, computedBy: "test" })).runId;
});

describe("committee dashboard reads", () => {
  it("lists the run's periods and the areas that have cells, with their names", async () => {
    expect(await listPeriods({ runId, periodKind: "month" })).toEqual(["2023-01-01", "2023-02-01"]);
    // A published run covers whole years: asked January–February, it computed all of 2023 (the
    // first quarter and the year have data, the other months none).
    expect(await listPeriods({ runId, periodKind: "quarter" })).toEqual(["2023-01-01"]);
    expect(await listPeriods({ runId, periodKind: "year" })).toEqual(["2023-01-01"]);
    const deps = await listMeshAreas({ runId, meshLevel: "departement" });
    expect(deps).toEqual(
      expect.arrayContaining([
        { code: "29", name: "Finistère", published: true },
        { code: "2A", name: "Corse-du-Sud", published: false },
      ]),
    );
    const runs = await listIndicatorRuns();
    expect(runs.find((r) => r.id === runId)).toMatchObject({ computedBy: "test", scope: "full", series: { name: "electricitymaps-fr" } });
    expect((await listCarbonSeries()).find((s) => s.name === "electricitymaps-fr")).toMatchObject({ licence: expect.stringMatching(/ODbL/), gaps: [] });
  });

  it("serves the period and the area asked, or says that they are not published: never others under their names", async () => {
    const none = await getDashboardContext(
      parseDashboardParams({ type: "month", periode: "1999-01-01", maille: "departement", zone: "29", canal: "nimporte" }),
    );
    expect(none.run).toBeNull();
    expect(none.missing).toBe("Aucun calcul publié ne couvre la période janvier 1999.");
    expect(none.filters).toMatchObject({ periodStart: "1999-01-01", meshCode: "29", channel: "all" });
    const empty = await getDashboardContext(parseDashboardParams({ type: "month", periode: "2023-07-01" }));
    expect(empty.missing).toBe("Aucune donnée publiée pour la période juillet 2023 : aucune station n'a transmis de données.");
    const zone = await getDashboardContext(parseDashboardParams({ type: "month", periode: "2023-02-01", maille: "departement", zone: "ZZ" }));
    expect(zone.run).toBeNull();
    expect(zone.missing).toMatch(/^Aucune donnée publiée pour la zone ZZ \(département\)/);
    const view = await getIndicatorView("chiffres-cles", parseDashboardParams({ type: "month", periode: "1999-01-01" }));
    expect(view.refused).toEqual({ status: 404, message: "Aucun calcul publié ne couvre la période janvier 1999." });
    expect(JSON.stringify(view.json)).not.toMatch(/"value"/);
    // Nothing asked: the latest period of the newest run, the first area of the level.
    const ctx = await getDashboardContext(parseDashboardParams({ type: "month", maille: "departement" }));
    expect(ctx.run?.runId).toBe(runId);
    expect(ctx.filters).toMatchObject({
      periodKind: "month",
      periodStart: "2023-02-01",
      meshLevel: "departement",
      meshCode: ctx.areas[0].code,
      channel: "all",
    });
    expect(dashboardQuery(ctx.filters)).toBe(`type=month&periode=2023-02-01&maille=departement&zone=${ctx.areas[0].code}&canal=all`);
    // By région, the first area by code (Île-de-France, 11) has every cell withheld: the pages open
    // on the first one with figures, Bretagne (53), and still list all three.
    const regions = await getDashboardContext(parseDashboardParams({ type: "month", maille: "region" }));
    expect(regions.areas.map((a) => a.code)).toEqual(["11", "53", "94"]);
    expect(regions.filters.meshCode).toBe("53");
    expect([periodLabel("month", "2023-02-01"), periodLabel("quarter", "2023-04-01"), periodLabel("year", "2023-01-01")]).toEqual([
      "février 2023",
      "2e trimestre 2023",
      "2023",
    ]);
  });

  it("serves the load curve of the mesh asked, or refuses the mesh in French: never the national curve under a commune's name", async () => {
    for (const [params, message] of [
      [{ maille: "commune", zone: "29019" }, /départements? ou une commune/],
      [{ maille: "departement", zone: "29" }, /départements? ou une commune/],
      [{ maille: "region", zone: "53", canal: "ADVENIR" }, /tous canaux confondus/],
    ] as const) {
      const v = await getIndicatorView("courbe-de-charge", parseDashboardParams({ periode: "2023-01-01", ...params }));
      expect(v.refused?.status, JSON.stringify(params)).toBe(400);
      expect(v.refused?.message).toMatch(message);
      expect(v.json.data).toBeNull();
    }
    const national = await getIndicatorView("courbe-de-charge", parseDashboardParams({ periode: "2023-01-01" }));
    const region = await getIndicatorView("courbe-de-charge", parseDashboardParams({ periode: "2023-01-01", maille: "region", zone: "53" }));
    const sum = (v: typeof national) => ((v.json.data as { cell: { value: number[] } }).cell.value ?? []).reduce((a, b) => a + b, 0) / 2;
    expect(region.json.filters).toMatchObject({ meshLevel: "region", meshCode: "53" });
    expect(sum(national)).toBeCloseTo(105, 6); // kWh: 30-minute kW steps ÷ 2
    expect(sum(region)).toBeCloseTo(60, 6); // Bretagne alone
    // A quarter is served at a daily step (mean and 30-minute peak of each day), as the page draws it.
    const quarter = await getIndicatorView("courbe-de-charge", parseDashboardParams({ type: "quarter", periode: "2023-01-01" }));
    expect(quarter.refused).toBeNull();
    const q = quarter.json.data as { step: string; days: { day: string; meanKw: number | null; peakKw: number | null }[] };
    expect(q.step).toBe("day");
    expect(q.days).toHaveLength(31 + 28); // the run covers January and February only: no March days are made up
    const january = q.days.filter((d) => d.day.startsWith("2023-01-"));
    expect(january.reduce((a, d) => a + (d.meanKw ?? 0) * 24, 0)).toBeCloseTo(105, 6); // kWh: no clock change in January
    for (const d of q.days) if (d.meanKw !== null) expect(d.peakKw).toBeGreaterThanOrEqual(d.meanKw);
  });

  it("serves published cells only: a withheld area is {secret: true} in JSON and 'secret statistique' in the table", async () => {
    const view = await getIndicatorView("carte", parseDashboardParams({ maille: "departement", periode: "2023-01-01", indicateur: "energy_kwh" }));
    const areas = (view.json.data as { areas: { code: string; cell: unknown }[] }).areas;
    expect(areas.find((a) => a.code === "2A")?.cell).toEqual({ secret: true, label: "secret statistique", reason: "primaire" });
    expect(areas.find((a) => a.code === "75")?.cell).toEqual({ secret: true, label: "secret statistique", reason: "secondaire" });
    expect(areas.find((a) => a.code === "29")?.cell).toEqual({
      secret: false,
      value: 60,
      coverage: { stationsReporting: 6, stationsRegistered: 6, energyKwh: 60, chargeCount: 12 },
      revision: null,
    });
    expect(view.table.columns.map((c) => c.label)).toEqual(["Code", "Nom", "Énergie délivrée (kWh)", "Révision"]);
    expect(view.table.rows.find((r) => r.code === "2A")).toEqual({ code: "2A", nom: "Corse-du-Sud", valeur: "secret statistique", revision: null });
    expect(view.table.rows.find((r) => r.code === "29")).toEqual({ code: "29", nom: "Finistère", valeur: 60, revision: null });
  });

  it("never lets a withheld cell's figures out, in any view", async () => {
    for (const vue of INDICATOR_VIEWS.filter((v) => v !== "courbe-de-charge")) {
      const v = await getIndicatorView(vue, parseDashboardParams({ maille: "departement", zone: "2A", periode: "2023-01-01" }));
      const text = JSON.stringify([v.json, v.table]);
      if (vue !== "carte" && vue !== "carbone-par-heure") expect(text, vue).not.toMatch(/"value":\s*\d/);
      expect(text, vue).not.toMatch(/"stationsReporting":\s*2\b/);
      expect(text, vue).not.toMatch(/"energyKwh":\s*20\b/);
    }
    const national = await getIndicatorView("chiffres-cles", parseDashboardParams({ periode: "2023-01-01" }));
    const energy = (national.json.data as { figures: { code: string; cell: { value?: number } }[] }).figures.find((f) => f.code === "energy_kwh");
    expect(energy?.cell.value).toBeCloseTo(105, 6);
  });
});
