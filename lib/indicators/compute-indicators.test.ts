import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { addOperations, makeIndicatorStations } from "@/tests/support/indicators/make-indicator-stations";

// Hand computation on 30 real sessions (Perth & Kinross, 26–27 March 2019), replayed on
// 26–27 March 2023 at the same wall-clock times in Paris (summer time since 26 March 02:00,
// so UTC = local − 2 h for all of them), at six registered stations of three beneficiaries.
// The expected figures below use plain arithmetic only, not the product's code.

const H = 3_600_000;
const sessions = readFileSync(path.join(import.meta.dirname, "fixtures", "perth-kinross-2019-03-sessions.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const f = line.split(",");
    const utc = (date: string, time: string) => Date.parse(`${date.slice(0, 10).replace("2019", "2023")}T${time}:00Z`) - 2 * H;
    return { cp: f[1], start: utc(f[3], f[4]), stop: utc(f[5], f[6]), kwh: Number(f[7]) };
  });

// Electricity Maps 2023, direct intensity (5th column), UTC hours.
const carbon = new Map<number, number>(
  gunzipSync(readFileSync(path.join(process.cwd(), "data", "carbon", "electricitymaps_FR_2023_hourly.csv.gz")))
    .toString("utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","))
    .map((f) => [Date.parse(f[0].replace(" ", "T") + "Z"), Number(f[4])]),
);

const POWER: Record<string, number> = { "50994": 50, "51516": 50, "50745": 50, "51519": 50, "51250": 50, "50839": 22 };
// Charge points per station: installed power is the power per point × the number of points.
const POINTS: Record<string, number> = { "50994": 2, "51516": 1, "50745": 3, "51519": 1, "51250": 3, "50839": 2 };
const CPS = Object.keys(POWER);

/** Energy (kWh) of all sessions per UTC bin of `bin` ms, spread evenly over each session. */
function bins(bin: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of sessions) {
    for (let t = Math.floor(s.start / bin) * bin; t < s.stop; t += bin) {
      const overlap = Math.min(s.stop, t + bin) - Math.max(s.start, t);
      out.set(t, (out.get(t) ?? 0) + (s.kwh * overlap) / (s.stop - s.start));
    }
  }
  return out;
}

let runId: string;
let ids: string[];
let value: (code: string, level?: string, code2?: string) => Promise<number | null>;

beforeAll(async () => {
  const prisma = await db();
  const ref = await ensureReferenceData();
  // Six stations in Auvergne-Rhône-Alpes, three communes of Isère (38), two per beneficiary.
  const communes = ["38185", "38185", "38421", "38421", "38151", "38151"];
  const { operatorId, stations } = await makeIndicatorStations(
    prisma,
    CPS.map((cp, i) => ({ beneficiary: Math.floor(i / 2), inseeCode: communes[i], nominalPowerKw: POWER[cp], pointCount: POINTS[cp] })),
  );
  ids = stations.map((s) => s.id);
  const stationOf = (cp: string) => stations[CPS.indexOf(cp)].id;
  await addOperations(
    prisma,
    sessions.map((s) => ({ operatorId, stationId: stationOf(s.cp), start: new Date(s.start), stop: new Date(s.stop), wh: s.kwh * 1000 })),
  );
  // Noise that must not count: sandbox data and quality-flagged production data.
  const noise = { operatorId, stationId: ids[0], start: new Date("2023-03-27T08:00:00Z"), stop: new Date("2023-03-27T09:00:00Z"), wh: 99_000 };
  await addOperations(prisma, [
    { ...noise, env: "sandbox" },
    { ...noise, flags: ["energie_implausible"] },
  ]);
  const run = await computeIndicators({ from: "2023-03", to: "2023-04", seriesId: ref.carbonSeriesId, computedBy: "test", stationIds: ids });
  runId = run.runId;
  value = async (code, level = "national", meshCode = "FR") => {
    const row = await prisma.indicatorValue.findFirstOrThrow({
      where: { runId, indicatorCode: code, meshLevel: level, meshCode, periodKind: "month", channel: "all" },
      select: { value: true, withheld: true },
    });
    expect(row.withheld).toBe(false);
    return row.value;
  };
});

const close = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual! - expected) / expected)).toBeLessThan(0.001);
};

describe("computeIndicators on 30 real sessions, 2023 carbon series", () => {
  it("has the 30 sessions and the six stations", () => {
    expect(sessions).toHaveLength(30);
    expect(new Set(sessions.map((s) => s.cp)).size).toBe(6);
  });

  it("energy, carbon intensity of charging, grid mean, benefit and emissions", async () => {
    const hourly = bins(H);
    const energy = sessions.reduce((a, s) => a + s.kwh, 0);
    let weighted = 0;
    for (const [h, kwh] of hourly) weighted += kwh * carbon.get(h)!;
    // March 2023 in Paris: 1 March 00:00 (UTC+1) to 1 April 00:00 (UTC+2), 743 hours.
    const marchHours: number[] = [];
    for (let t = Date.parse("2023-02-28T23:00:00Z"); t < Date.parse("2023-03-31T22:00:00Z"); t += H) marchHours.push(carbon.get(t)!);
    expect(marchHours).toHaveLength(743);
    const gridMean = marchHours.reduce((a, b) => a + b, 0) / 743;
    close(await value("energy_kwh"), energy);
    close(await value("carbon_intensity_charging"), weighted / energy);
    close(await value("carbon_intensity_grid"), gridMean);
    close(await value("carbon_timing_benefit"), gridMean - weighted / energy);
    close(await value("emissions_t"), weighted / 1e6);
    close(await value("energy_kwh", "departement", "38"), energy);
    close(await value("energy_kwh", "region", "84"), energy);
  });

  it("peak power, coincidence and load factors, mean power", async () => {
    const half = bins(H / 2);
    const peakKw = Math.max(...half.values()) * 2;
    // 2 × 50 + 50 + 3 × 50 + 50 + 3 × 50 + 2 × 22 = 544 kW (not 272: one power per point).
    const installed = CPS.reduce((a, cp) => a + POWER[cp] * POINTS[cp], 0);
    expect(installed).toBe(544);
    const energy = sessions.reduce((a, s) => a + s.kwh, 0);
    close(await value("peak_power_kw"), peakKw);
    close(await value("installed_power_kw"), installed);
    close(await value("coincidence_factor"), peakKw / installed);
    close(await value("load_factor"), energy / (installed * 743));
    close(await value("mean_power_kw"), energy / 743);
  });

  it("winter peak-window and off-peak shares (Paris time)", async () => {
    const half = bins(H / 2);
    let peak = 0;
    let off = 0;
    let total = 0;
    for (const [t, kwh] of half) {
      const local = new Date(t + 2 * H); // summer time for every session
      const hour = local.getUTCHours();
      const weekday = local.getUTCDay() >= 1 && local.getUTCDay() <= 5;
      if (weekday && ((hour >= 8 && hour < 13) || hour === 18 || hour === 19)) peak += kwh;
      if (hour >= 22 || hour < 6) off += kwh;
      total += kwh;
    }
    // Peak windows in March 2023: 23 weekdays × 7 h.
    close(await value("peak_window_energy_share"), peak / total);
    close(await value("peak_window_mean_power_kw"), peak / (23 * 7));
    close(await value("offpeak_energy_share"), off / total);
  });

  it("coverage and anonymity counts of the national cell", async () => {
    const prisma = await db();
    const row = await prisma.indicatorValue.findFirstOrThrow({
      where: { runId, indicatorCode: "energy_kwh", meshLevel: "national", periodKind: "month", channel: "all" },
    });
    expect(row).toMatchObject({ stationsReporting: 6, stationsRegistered: 6, chargeCount: 30, distinctStations: 6, distinctBeneficiaries: 3, withheld: false });
    const communes = await prisma.indicatorValue.findMany({
      where: { runId, indicatorCode: "energy_kwh", meshLevel: "commune" },
      select: { withheld: true, withheldReason: true },
    });
    expect(communes.length).toBe(6); // 3 communes × (all, ADVENIR)
    expect(communes.every((c) => c.withheld && c.withheldReason === "primaire_stations")).toBe(true);
  });
});

describe("installed power of stations whose points were declared one by one (IRVE)", () => {
  it("sums the points' own powers", async () => {
    const prisma = await db();
    // A GIREVE station of three declared points, 22 + 22 + 7.4 kW: its registered power per point
    // is the largest (22 kW), its installed power 51.4 kW.
    const { operatorId, stations } = await makeIndicatorStations(prisma, [
      { beneficiary: 0, inseeCode: "38185", nominalPowerKw: 22, pointCount: 3, channel: "GIREVE" },
    ]);
    const s = stations[0];
    await prisma.chargePoint.createMany({
      data: [22, 22, 7.4].map((kw, i) => ({ stationId: s.id, pointCode: `P${i}`, nominalPowerKw: kw })),
    });
    await addOperations(prisma, [{ operatorId, stationId: s.id, start: new Date("2023-03-10T08:00:00Z"), stop: new Date("2023-03-10T09:00:00Z"), wh: 10_000 }]);
    const run = await computeIndicators({
      from: "2023-03",
      to: "2023-04",
      computedBy: "test",
      stationIds: [s.id],
      meshLevels: ["national"],
      periodKinds: ["month"],
    });
    const row = await prisma.indicatorValue.findFirstOrThrow({
      where: { runId: run.runId, indicatorCode: "installed_power_kw", meshLevel: "national", channel: "GIREVE" },
      select: { value: true },
    });
    expect(row.value).toBeCloseTo(51.4, 9);
  });
});
