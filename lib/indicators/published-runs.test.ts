import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { openOwnDatabase } from "@/tests/support/common/own-database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { addOperations, makeIndicatorStations } from "@/tests/support/indicators/make-indicator-stations";
import { getDashboardContext } from "@/lib/indicators/get-dashboard-context";
import { getIndicatorView } from "@/lib/indicators/get-indicator-view";
import { getKeyFigures } from "@/lib/indicators/get-key-figures";
import { parseDashboardParams } from "@/lib/indicators/dashboard-params";
import { keyFiguresTable } from "@/lib/indicators/dashboard-tables";
import { formatLongDay } from "@/lib/platform/format";
import { execute, sql } from "@/lib/platform/db/sql";

// Which run serves a period, and revised figures (issue 14 §1 and §3). Six stations of two
// points at 22 kW in Brest (3 beneficiaries), charging 10 kWh each in July 2018, September 2018
// and July 2023. Full runs read everything: this file has its own database.

let prisma: PrismaClient;
let close: () => Promise<void>;
let seriesId: number;
let stations: { id: string; operatorId: string }[];
const o = () => ({ prisma });

async function charge(month: string, wh = 10_000) {
  await addOperations(
    prisma,
    stations.map((s) => ({ operatorId: s.operatorId, stationId: s.id, start: new Date(`${month}-10T08:00:00Z`), stop: new Date(`${month}-10T10:00:00Z`), wh })),
  );
}
const energy = async (periode: string) => {
  const v = await getIndicatorView("chiffres-cles", parseDashboardParams({ type: "month", periode }), o());
  return { refused: v.refused, figures: (v.json.data as { figures: { code: string; cell: { value: number } }[] } | null)?.figures, filters: v.json.filters };
};

beforeAll(async () => {
  ({ prisma, close } = await openOwnDatabase("advenir_runs"));
  seriesId = (await ensureReferenceData({ prisma })).carbonSeriesId;
  const made = await makeIndicatorStations(
    prisma,
    Array.from({ length: 6 }, (_, i) => ({ beneficiary: i % 3, inseeCode: "29019", nominalPowerKw: 22, pointCount: 2 })),
  );
  stations = made.stations;
  await charge("2018-07");
  await charge("2018-09");
  await charge("2023-07");
});
afterAll(async () => close());

describe("the period asked for, or none", () => {
  it("a run computed for some months covers their whole years, and serves only them", async () => {
    const a = await computeIndicators({ from: "2023-07", to: "2023-08", seriesId, computedBy: "test" }, o());
    expect([a.scope, a.firstMonth, a.endMonth]).toEqual(["full", "2023-01-01", "2024-01-01"]);

    // Asked July 2018 with only 2023 computed: said plainly, never December 2023 under its name.
    const ctx = await getDashboardContext(parseDashboardParams({ type: "month", periode: "2018-07-01" }), o());
    expect(ctx).toMatchObject({ run: null, missing: "Aucun calcul publié ne couvre la période juillet 2018." });
    expect(await energy("2018-07-01")).toMatchObject({
      refused: { status: 404, message: "Aucun calcul publié ne couvre la période juillet 2018." },
      figures: undefined,
    });
    const july23 = await energy("2023-07-01");
    expect(july23.filters).toMatchObject({ periodStart: "2023-07-01" });
    expect(july23.figures?.find((f) => f.code === "energy_kwh")?.cell.value).toBeCloseTo(60, 6);
  });

  it("after computing 2018, each year is served by its own run: July 2023 stays July 2023", async () => {
    const b = await computeIndicators({ from: "2018-07", to: "2018-08", seriesId, computedBy: "test" }, o());
    expect([b.firstMonth, b.endMonth]).toEqual(["2018-01-01", "2019-01-01"]);
    const july23 = await getKeyFigures({ periodStart: "2023-07-01" }, o());
    expect(july23.run?.runId).not.toBe(b.runId);
    expect(july23.periodStart).toBe("2023-07-01");
    expect(july23.figures.find((f) => f.indicator.code === "energy_kwh")?.cell).toMatchObject({ secret: false, value: 60 });
    const july18 = await getKeyFigures({ periodStart: "2018-07-01" }, o());
    expect(july18.run?.runId).toBe(b.runId);
    expect(july18.figures.find((f) => f.indicator.code === "energy_kwh")?.cell).toMatchObject({ secret: false, value: 60 });
    // A month of a covered year without data: no figures, never another month's.
    expect((await getKeyFigures({ periodStart: "2018-08-01" }, o())).figures).toEqual([]);
    expect((await energy("2018-08-01")).refused).toEqual({
      status: 404,
      message: "Aucune donnée publiée pour la période août 2018 : aucune station n'a transmis de données.",
    });
    // Nothing asked: the latest published period.
    expect((await getDashboardContext(parseDashboardParams({}), o())).filters.periodStart).toBe("2023-07-01");
    // The period selector offers both years.
    expect((await getDashboardContext(parseDashboardParams({ type: "month" }), o())).periods).toEqual(["2018-07-01", "2018-09-01", "2023-07-01"]);
  });
});

describe("revised figures", () => {
  it("a recomputation marks the run it replaces as revised and says which figures changed, when and why", async () => {
    // The 2023 run as the earlier method published it: one point per station (6 × 22 kW).
    const before = await getKeyFigures({ periodStart: "2023-07-01" }, o());
    const old = before.run!.runId;
    await execute(prisma, sql`UPDATE indicator_run SET method_version = 1 WHERE id = ${old}::uuid`);
    await execute(prisma, sql`UPDATE indicator_value SET value = value / 2 WHERE run_id = ${old}::uuid AND indicator_code = 'installed_power_kw'`);
    // Late data: August 2023 arrives.
    await charge("2023-08", 5_000);
    const c = await computeIndicators({ from: "2023-01", to: "2024-01", seriesId, computedBy: "test" }, o());
    const runs = await prisma.indicatorRun.findMany({ select: { id: true, revisedAt: true, revisedByRunId: true, finishedAt: true } });
    const newRun = runs.find((r) => r.id === c.runId)!;
    expect(runs.find((r) => r.id === old)).toMatchObject({ revisedByRunId: c.runId, revisedAt: newRun.finishedAt });
    // The 2018 run is not replaced (another year).
    expect(
      runs
        .filter((r) => r.revisedAt === null)
        .map((r) => r.id)
        .sort(),
    ).toEqual([c.runId, runs.find((r) => r.id !== old && r.id !== c.runId)!.id].sort());

    const july = await getKeyFigures({ periodStart: "2023-07-01" }, o());
    expect(july.run?.runId).toBe(c.runId);
    const cell = (code: string) => july.figures.find((f) => f.indicator.code === code)!.cell;
    // 6 stations × 2 points × 22 kW: revised for the method; the energy did not change.
    expect(cell("installed_power_kw")).toMatchObject({ secret: false, value: 264, revision: { at: newRun.finishedAt, reason: "puissance_par_point" } });
    expect(cell("energy_kwh")).toMatchObject({ value: 60, revision: null });
    const august = await getKeyFigures({ periodStart: "2023-08-01" }, o());
    expect(august.figures.find((f) => f.indicator.code === "energy_kwh")!.cell).toMatchObject({ value: 30, revision: null }); // first published now
    const q3 = await getKeyFigures({ periodKind: "quarter", periodStart: "2023-07-01" }, o());
    expect(q3.figures.find((f) => f.indicator.code === "energy_kwh")!.cell).toMatchObject({ value: 90, revision: { reason: "donnees" } });

    // The page's table and CSV say it in French.
    const row = keyFiguresTable(july.figures).rows.find((r) => r.indicateur === "Puissance installée")!;
    expect(row.revision).toBe(
      `révisé le ${formatLongDay(newRun.finishedAt!)} : puissance installée recalculée point de charge par point de charge (puissance par point × nombre de points) ; elle ne comptait qu'un point par station`,
    );
    expect(keyFiguresTable(july.figures).rows.find((r) => r.indicateur === "Énergie délivrée")!.revision).toBeNull();
    // And the JSON API.
    const api = await getIndicatorView("chiffres-cles", parseDashboardParams({ type: "month", periode: "2023-07-01" }), o());
    const apiCell = (api.json.data as { figures: { code: string; cell: { revision: unknown } }[] }).figures.find((f) => f.code === "installed_power_kw")!.cell;
    expect(apiCell.revision).toEqual({
      revisedAt: newRun.finishedAt!.toISOString(),
      reason: "puissance_par_point",
      note: expect.stringMatching(/^puissance installée recalculée/),
    });

    // The earlier run's figures stay as published, and are no longer served.
    const kept = await prisma.indicatorValue.findFirstOrThrow({
      where: { runId: old, indicatorCode: "installed_power_kw", periodKind: "month", meshLevel: "national", channel: "all" },
      select: { value: true },
    });
    expect(kept.value).toBeCloseTo(132, 9);
    expect((await getKeyFigures({ runId: old, periodStart: "2023-07-01" }, o())).figures).toEqual([]);

    // Recomputed again without change: the figure keeps the date and reason of its revision.
    const d = await computeIndicators({ from: "2023-01", to: "2024-01", seriesId, computedBy: "test" }, o());
    const again = await getKeyFigures({ periodStart: "2023-07-01" }, o());
    expect(again.run?.runId).toBe(d.runId);
    expect(again.figures.find((f) => f.indicator.code === "installed_power_kw")!.cell).toMatchObject({
      revision: { at: newRun.finishedAt, reason: "puissance_par_point" },
    });
    expect(again.figures.find((f) => f.indicator.code === "energy_kwh")!.cell).toMatchObject({ revision: null });
  });
});

describe("stations registered in a period (coverage)", () => {
  it("counts the stations registered by the period's end, and those reporting in it; never those registered later", async () => {
    // Two more stations in Brest that never report: one registered on 15 July 2023 (mid-period:
    // it counts in July, the third quarter and 2023), one registered in 2026. The six reporting
    // stations were registered "now" (2026): they count because they report.
    await makeIndicatorStations(prisma, [
      { beneficiary: 0, inseeCode: "29019", nominalPowerKw: 22, createdAt: new Date("2023-07-15T10:00:00Z") },
      { beneficiary: 1, inseeCode: "29019", nominalPowerKw: 22, createdAt: new Date("2026-01-10T10:00:00Z") },
    ]);
    await computeIndicators({ from: "2023-01", to: "2024-01", seriesId, computedBy: "test" }, o());
    const registered = async (periodKind: "month" | "quarter" | "year", periodStart: string) => {
      const k = await getKeyFigures({ periodKind, periodStart }, o());
      const c = k.figures.find((f) => f.indicator.code === "energy_kwh")!.cell;
      return c.secret ? null : [c.coverage.stationsReporting, c.coverage.stationsRegistered];
    };
    expect(await registered("month", "2023-07-01")).toEqual([6, 7]);
    expect(await registered("quarter", "2023-07-01")).toEqual([6, 7]);
    expect(await registered("year", "2023-01-01")).toEqual([6, 7]);
    // August: the station registered in July counts, the one of 2026 never does.
    expect(await registered("month", "2023-08-01")).toEqual([6, 7]);
  });
});
