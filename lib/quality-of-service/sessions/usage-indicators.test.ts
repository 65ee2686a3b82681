import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { execute, sql } from "@/lib/platform/db/sql";
import { recordSessions } from "@/lib/charges/record-sessions";
import { readUsageCells, computeUsageIndicators, type RawUsageCell } from "@/lib/quality-of-service/sessions/compute-usage-indicators";
import { usagePeriod } from "@/lib/quality-of-service/sessions/usage-period";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { exposedByLinearAlgebra } from "@/tests/support/anonymity/zone-attack";

// The usage indicators against hand computations: real sessions of real points (fixtures/), the
// expected figures computed here in plain TypeScript from the fixture files, never by the code
// under test. Every test makes its own operational unit, whose cell holds only its points: the
// tests can share one database and run again on it.

const FIXTURES = path.join(import.meta.dirname, "fixtures");
type Static = Record<string, string | null>;
const statics: Static[] = readFileSync(path.join(FIXTURES, "qualicharge-points.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l));
const sessions: { energy: number; start: number; end: number; id_pdc_itinerance: string }[] = readFileSync(
  path.join(FIXTURES, "qualicharge-sessions.jsonl"),
  "utf8",
)
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l));

interface Point {
  id: string;
  stationId: string;
  idPdc: string;
  kw: number;
  irve: Static;
}

/** One station per point (each fixture point is on its own station), of a fresh unit, declared 1 January 2019. */
async function makePoints(unit: string, operatorId: string, items: { kw: number; irve: Static }[]): Promise<Point[]> {
  const prisma = await db();
  const out: Point[] = [];
  for (const item of items) {
    const suffix = randomBytes(4).toString("hex").toUpperCase();
    const station = await prisma.station.create({
      data: {
        operatorId,
        stationCode: `${unit}P${suffix}`,
        nominalPowerKw: item.kw,
        inseeCode: item.irve.code_insee_commune ?? "75101",
        createdAt: new Date("2019-01-01T00:00:00Z"),
      },
      select: { id: true },
    });
    const idPdc = `${unit}E${suffix}`;
    const point = await prisma.chargePoint.create({
      data: {
        stationId: station.id,
        pointCode: idPdc,
        idPdcItinerance: idPdc,
        nominalPowerKw: item.kw,
        irve: { ...item.irve, id_pdc_itinerance: idPdc },
        commissionedOn: item.irve.date_mise_en_service ? new Date(`${item.irve.date_mise_en_service}T00:00:00Z`) : null,
        createdAt: new Date("2019-01-01T00:00:00Z"),
      },
      select: { id: true },
    });
    out.push({ id: point.id, stationId: station.id, idPdc, kw: item.kw, irve: item.irve });
  }
  return out;
}

async function insertStatus(p: Point, at: string, env: "production" | "sandbox" = "production") {
  await execute(
    await db(),
    sql`INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, env, etat_pdc, occupation_pdc)
        VALUES (${p.stationId}::uuid, ${p.id}::uuid, ${new Date(at)}, ${randomUUID()}::uuid, 'QUALICHARGE', ${env}::"DataEnv", 'en_service', 'libre')`,
  );
}

/** A charge row written as another door would (no quality flags), on a point. */
async function insertCharge(p: Point, operatorId: string, start: Date, stop: Date, wh: number, door: "GIREVE" | "QUALICHARGE" = "GIREVE") {
  await execute(
    await db(),
    sql`INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, door, charge_point_id)
        VALUES ('production', ${operatorId}::uuid, ${p.stationId}::uuid, ${`T-${randomUUID()}`}, ${start}, ${stop}, 0, ${wh}, ${door}::"Door", ${p.id}::uuid)`,
  );
}

async function unitCell(kind: "day" | "week" | "month" | "quarter" | "year", day: string, unit: string): Promise<RawUsageCell> {
  const cells = await readUsageCells(usagePeriod(kind, day));
  const cell = cells.find((c) => c.level === "unite" && c.code === unit);
  expect(cell, `cellule de l'unité ${unit}`).toBeDefined();
  return cell!;
}

// ---- the hand computation, independent of the code under test ----------------------------------

const CLASS_BOUNDS = (kw: number) => (kw < 7.4 ? 0 : kw <= 22 ? 1 : kw < 50 ? 2 : kw < 150 ? 3 : kw < 350 ? 4 : 5);
const isTrue = (v: string | null | undefined) => (v ?? "").toLowerCase() === "true";
const parisHourOf = (ms: number) => Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", hourCycle: "h23" }).format(ms));

interface Stored {
  point: Point;
  startS: number;
  stopS: number;
  wh: number;
  /** Written directly with no quality flag (another door's row): the rules below were not applied to it. */
  direct?: boolean;
}

/** The quality rules as docs/api-advenir.md states them: > 7 days, > 1.1 × power × duration + 1 Wh, > 1,000 kWh. */
const flagged = (s: Stored) =>
  !s.direct && (s.stopS - s.startS > 7 * 86400 || s.wh > (s.point.kw * 1000 * (s.stopS - s.startS) * 1.1) / 3600 + 1 || s.wh > 1_000_000);

function expected(points: Point[], stored: Stored[], statusPoints: Set<string>, from: Date, to: Date) {
  const inPeriod = stored.filter((s) => !flagged(s) && s.startS * 1000 >= from.getTime() && s.startS * 1000 < to.getTime());
  const equipped = points.filter((p) => !p.irve.date_mise_en_service || p.irve.date_mise_en_service < "2025-01-01");
  const per = (f: (p: Point) => boolean, v: (p: Point) => number) =>
    [0, 1, 2, 3, 4, 5].map((c) => points.filter((p) => CLASS_BOUNDS(p.kw) === c && f(p)).reduce((a, p) => a + v(p), 0));
  const sessionsPer = (v: (s: Stored) => number) =>
    [0, 1, 2, 3, 4, 5].map((c) => inPeriod.filter((s) => CLASS_BOUNDS(s.point.kw) === c).reduce((a, s) => a + v(s), 0));
  const u5 = Array.from({ length: 24 }, () => 0);
  for (const s of inPeriod) u5[parisHourOf(s.startS * 1000)]++;
  const u14: Record<string, number> = { dc_direct: 0, dc_indirect: 0, dc_inconnu: 0, ac_direct: 0, ac_indirect: 0, ac_inconnu: 0 };
  for (const s of inPeriod) {
    if (s.wh > (1.1 * s.point.kw * 1000 * (s.stopS - s.startS)) / 3600) continue;
    const dc = s.point.kw >= 50 || isTrue(s.point.irve.prise_type_combo_ccs) || isTrue(s.point.irve.prise_type_chademo);
    const racc = (s.point.irve.raccordement ?? "").toLowerCase() || "inconnu";
    u14[`${dc ? "dc" : "ac"}_${racc}`] += s.wh / 1000;
  }
  const i7 = equipped.reduce((a, p) => a + p.kw, 0);
  const energy = inPeriod.reduce((a, s) => a + s.wh / 1000, 0);
  const u10 = inPeriod.length;
  const u11 = inPeriod.filter((s) => s.wh > 500 && s.stopS - s.startS > 180).length;
  const hours = (to.getTime() - from.getTime()) / 3_600_000;
  return {
    i1: equipped.length,
    i4: new Set(equipped.map((p) => p.stationId)).size,
    i7,
    t1: per(
      (p) => equipped.includes(p),
      () => 1,
    ),
    e4: new Set(inPeriod.map((s) => s.point.id)).size,
    u5,
    u6: sessionsPer((s) => (s.stopS - s.startS) / 3600),
    u9: sessionsPer((s) => s.wh / 1000),
    u10,
    u11,
    u12: per(
      (p) => statusPoints.has(p.id),
      () => 1,
    ),
    u13: per(
      (p) => statusPoints.has(p.id),
      (p) => p.kw,
    ),
    u14,
    loadFactor: energy / (i7 * hours),
    successRate: u11 / u10,
  };
}

const values = (r: Record<string, number>) => Object.values(r);

describe("usage indicators (QualiCharge codes) from real sessions", () => {
  it("match a hand computation for December 2024 on 53 real sessions of 10 real points", async () => {
    const tenant = await makeQualichargeTenant();
    const unit = tenant.units[0];
    const points = await makePoints(
      unit,
      tenant.operatorId,
      statics.map((s) => ({ kw: Number(s.puissance_nominale), irve: s })),
    );
    const byFixtureId = new Map(statics.map((s, i) => [s.id_pdc_itinerance!, points[i]]));
    const result = await recordSessions({
      env: "production",
      apiUserId: null,
      sessions: sessions.map((s) => ({
        idPdcItinerance: byFixtureId.get(s.id_pdc_itinerance)!.idPdc,
        start: new Date(s.start),
        end: new Date(s.end),
        energyKwh: s.energy,
      })),
    });
    expect(result).toMatchObject({ kind: "stored", stored: 53 });
    const stored: Stored[] = sessions.map((s) => ({
      point: byFixtureId.get(s.id_pdc_itinerance)!,
      startS: Math.floor(s.start / 1000),
      stopS: Math.floor(s.end / 1000),
      wh: Math.round(s.energy * 1000),
    }));
    // Another door: one charge above 1.1 × power × duration that no flag caught (u14 leaves it
    // out, the other figures keep it), and one duplicate of a stored session (counted once).
    const big = points[3]; // 22 kW
    await insertCharge(big, tenant.operatorId, new Date("2024-12-10T12:00:00Z"), new Date("2024-12-10T13:00:00Z"), 22_000 * 1.2);
    stored.push({
      point: big,
      startS: Date.parse("2024-12-10T12:00:00Z") / 1000,
      stopS: Date.parse("2024-12-10T13:00:00Z") / 1000,
      wh: 22_000 * 1.2,
      direct: true,
    });
    const dup = stored.find((s) => !flagged(s) && s.startS * 1000 >= Date.parse("2024-12-01T00:00:00+01:00"))!;
    await insertCharge(dup.point, tenant.operatorId, new Date(dup.startS * 1000), new Date(dup.stopS * 1000), dup.wh);
    // Not counted: a sandbox session, and a flagged one.
    await execute(
      await db(),
      sql`INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, door, charge_point_id, quality_flags)
          VALUES ('sandbox', ${tenant.operatorId}::uuid, ${big.stationId}::uuid, ${`T-${randomUUID()}`}, '2024-12-11T12:00:00Z', '2024-12-11T13:00:00Z', 0, 5000, 'QUALICHARGE', ${big.id}::uuid, '{}'),
                 ('production', ${tenant.operatorId}::uuid, ${big.stationId}::uuid, ${`T-${randomUUID()}`}, '2024-12-12T12:00:00Z', '2024-12-12T13:00:00Z', 0, 5000, 'QUALICHARGE', ${big.id}::uuid, '{duree_excessive}')`,
    );
    // Statuses: three points in December (one of them twice), one in January only, one in the sandbox.
    await execute(await db(), sql`SELECT ensure_status_partitions('2024-12-01'::date, 2)`);
    await insertStatus(points[0], "2024-12-03T10:00:00Z");
    await insertStatus(points[0], "2024-12-04T10:00:00Z");
    await insertStatus(points[5], "2024-12-31T22:59:00Z"); // 23:59 in Paris: still December
    await insertStatus(points[7], "2024-11-30T23:00:00Z"); // 00:00 in Paris, 1 December
    await insertStatus(points[8], "2024-12-31T23:00:00Z"); // January in Paris
    await insertStatus(points[9], "2024-12-15T10:00:00Z", "sandbox");
    const statusPoints = new Set([points[0].id, points[5].id, points[7].id]);

    const period = usagePeriod("month", "2024-12-15");
    expect(period.hours).toBe(744);
    const want = expected(points, stored, statusPoints, period.from, period.to);
    const got = (await unitCell("month", "2024-12-15", unit)).figures;

    // The sample is what it should be: sessions flagged, left out of December, or unsuccessful.
    expect(stored.filter(flagged).length).toBeGreaterThan(10);
    expect(want.u10).toBeGreaterThan(15);
    expect(want.u11).toBeLessThan(want.u10);
    expect(want.i1).toBe(7); // three points commissioned in 2025 report but are not equipment

    expect(got.i1).toBe(want.i1);
    expect(got.i4).toBe(want.i4);
    expect(got.i7).toBeCloseTo(want.i7, 6);
    expect(values(got.t1)).toEqual(want.t1);
    expect(got.e4).toBe(want.e4);
    expect(got.u5).toEqual(want.u5);
    values(got.u6).forEach((v, i) => expect(v, `u6 classe ${i}`).toBeCloseTo(want.u6[i], 6));
    values(got.u9).forEach((v, i) => expect(v, `u9 classe ${i}`).toBeCloseTo(want.u9[i], 6));
    expect(got.u10).toBe(want.u10);
    expect(got.u11).toBe(want.u11);
    expect(values(got.u12)).toEqual(want.u12);
    values(got.u13).forEach((v, i) => expect(v, `u13 classe ${i}`).toBeCloseTo(want.u13[i], 6));
    for (const [k, v] of Object.entries(want.u14)) expect(got.u14[k as keyof typeof got.u14], `u14 ${k}`).toBeCloseTo(v, 6);
    expect(got.u14.ac_direct).toBeLessThan(got.u9.p7_22 + got.u9.p0_7); // the 1.2 × power charge is out of u14 only
    expect(got.loadFactor).toBeCloseTo(want.loadFactor, 9);
    expect(got.successRate).toBeCloseTo(want.successRate, 9);

    // e4 of a January day: sessions from 5 December (Paris) to the end of that day.
    const jan = usagePeriod("day", "2025-01-05");
    const e4 = new Set(
      stored
        .filter((s) => !flagged(s) && s.startS * 1000 >= Date.parse("2024-12-05T00:00:00+01:00") && s.startS * 1000 < jan.to.getTime())
        .map((s) => s.point.id),
    );
    expect((await unitCell("day", "2025-01-05", unit)).figures.e4).toBe(e4.size);

    // The whole quarter holds December and nothing else of the sample's October–December.
    const quarter = (await unitCell("quarter", "2024-11-02", unit)).figures;
    expect(quarter.u10).toBe(want.u10);
    expect(quarter.loadFactor).toBeCloseTo((want.loadFactor * 744) / usagePeriod("quarter", "2024-11-02").hours, 9);
  });

  it("classes points at the exact bounds of QualiCharge's power classes, and tells DC from AC by power and by plug", async () => {
    const tenant = await makeQualichargeTenant();
    const unit = tenant.units[0];
    const plain = { prise_type_combo_ccs: "false", prise_type_chademo: "false", raccordement: "Direct" };
    const kws = [7.39, 7.4, 22, 22.01, 49.99, 50, 149.99, 150, 349.99, 350];
    const points = await makePoints(unit, tenant.operatorId, [
      ...kws.map((kw) => ({ kw, irve: plain })),
      { kw: 22, irve: { ...plain, prise_type_combo_ccs: "true" } },
      { kw: 22, irve: { ...plain, prise_type_chademo: "True" } },
    ]);
    // One 1 kWh, one-hour session on each: AC for 7.39 … 49.99 without plugs, DC from 50 kW or with a DC plug.
    for (const p of points) await insertCharge(p, tenant.operatorId, new Date("2024-06-12T08:00:00Z"), new Date("2024-06-12T09:00:00Z"), 1000, "QUALICHARGE");
    const got = (await unitCell("day", "2024-06-12", unit)).figures;
    expect(values(got.t1)).toEqual([1, 4, 2, 2, 2, 1]); // 22 kW with a CCS or CHAdeMO plug is still class 7.4–22
    expect(got.u14.ac_direct).toBeCloseTo(5, 9); // 7.39, 7.4, 22, 22.01, 49.99
    expect(got.u14.dc_direct).toBeCloseTo(7, 9); // 50, 149.99, 150, 349.99, 350 and the two plugs
    expect(got.u9.p7_22).toBeCloseTo(4, 9);
  });

  it("counts a session as successful above 0.5 kWh and above 3 minutes, both strictly", async () => {
    const tenant = await makeQualichargeTenant();
    const [p] = await makePoints(tenant.units[0], tenant.operatorId, [{ kw: 400, irve: { raccordement: "Indirect" } }]);
    const at = (min: number) => new Date(Date.parse("2024-06-13T08:00:00Z") + min * 60_000);
    const cases: [number, number, boolean][] = [
      [500, 10 * 60, false], // exactly 0.5 kWh
      [501, 10 * 60, true],
      [5000, 180, false], // exactly 3 minutes
      [5000, 181, true],
    ];
    for (const [i, [wh, secs]] of cases.entries()) {
      const start = at(i * 20);
      await insertCharge(p, tenant.operatorId, start, new Date(start.getTime() + secs * 1000), wh, "QUALICHARGE");
    }
    const got = (await unitCell("day", "2024-06-13", tenant.units[0])).figures;
    expect(got.u10).toBe(4);
    expect(got.u11).toBe(cases.filter((c) => c[2]).length);
    expect(got.successRate).toBe(0.5);
  });

  it("reads hours of day in Paris time across both clock changes, and divides by the true length of those days", async () => {
    const tenant = await makeQualichargeTenant();
    const [p] = await makePoints(tenant.units[0], tenant.operatorId, [{ kw: 22, irve: {} }]);
    // 27 October 2024: 00:30 UTC is 02:30 summer time, 01:30 UTC is 02:30 winter time, 02:30 UTC is 03:30.
    for (const t of ["2024-10-27T00:30:00Z", "2024-10-27T01:30:00Z", "2024-10-27T02:30:00Z", "2024-10-26T22:30:00Z"])
      await insertCharge(p, tenant.operatorId, new Date(t), new Date(Date.parse(t) + 600_000), 1000, "QUALICHARGE");
    // 31 March 2024: 00:30 UTC is 01:30 winter time, 01:30 UTC is 03:30 summer time (02:xx never happens).
    for (const t of ["2024-03-31T00:30:00Z", "2024-03-31T01:30:00Z"])
      await insertCharge(p, tenant.operatorId, new Date(t), new Date(Date.parse(t) + 600_000), 1000, "QUALICHARGE");

    const october = await unitCell("day", "2024-10-27", tenant.units[0]);
    const hours = (u5: number[] | null) => Object.fromEntries(u5!.flatMap((n, h) => (n ? [[h, n]] : [])));
    expect(hours(october.figures.u5)).toEqual({ 0: 1, 2: 2, 3: 1 }); // 22:30 UTC on the 26th is 00:30 on the 27th
    expect(usagePeriod("day", "2024-10-27").hours).toBe(25);
    expect(october.figures.loadFactor).toBeCloseTo(4 / (22 * 25), 12);
    const march = await unitCell("day", "2024-03-31", tenant.units[0]);
    expect(hours(march.figures.u5)).toEqual({ 1: 1, 3: 1 });
    expect(usagePeriod("day", "2024-03-31").hours).toBe(23);
    expect(march.figures.loadFactor).toBeCloseTo(2 / (22 * 23), 12);
  });
});

describe("usage indicators by area", () => {
  it("places points by their station's commune, département and région; an unknown code by its département prefix, or nowhere", async () => {
    await ensureReferenceData();
    // A day of the 2000s of this run only: the areas' figures hold this test's sessions alone.
    const day = new Date(Date.UTC(2000, 0, 1) + (randomBytes(4).readUInt32BE() % 3600) * 86_400_000).toISOString().slice(0, 10);
    const tenant = await makeQualichargeTenant();
    const unit = tenant.units[0];
    const points = await makePoints(unit, tenant.operatorId, [
      { kw: 22, irve: { code_insee_commune: "2B049" } }, // Calenzana, Haute-Corse, Corse
      { kw: 22, irve: { code_insee_commune: "2B049" } },
      { kw: 11, irve: { code_insee_commune: "2B999" } }, // no such commune: Haute-Corse by its prefix
      { kw: 11, irve: { code_insee_commune: "00000" } }, // no such département: national only
    ]);
    const start = new Date(`${day}T10:00:00Z`);
    for (const p of points) await insertCharge(p, tenant.operatorId, start, new Date(start.getTime() + 3_600_000), 5000, "QUALICHARGE");
    const cells = await readUsageCells(usagePeriod("day", day));
    const u10 = (level: string, code: string) => cells.find((c) => c.level === level && c.code === code)?.figures.u10;
    expect(u10("commune", "2B049")).toBe(2);
    expect(cells.find((c) => c.level === "commune" && c.code === "2B049")?.name).toBe("Calenzana");
    expect(u10("commune", "2B?")).toBe(1); // the département's unplaced child, never shown
    expect(u10("departement", "2B")).toBe(3);
    expect(u10("region", "94")).toBe(3);
    expect(u10("region", "?")).toBe(1);
    expect(u10("national", "FR")).toBe(4);
    expect(u10("unite", unit)).toBe(4);
    // A point without an aménageur's SIREN is in the aménageurs' unplaced child.
    expect(u10("amenageur", "?")).toBe(4);
    // By EPCI: Calenzana is in the CC de Calvi Balagne; the two points of unknown communes are in
    // no EPCI (the EPCIs' unplaced child, never shown).
    expect(u10("epci", "242020105")).toBe(2);
    expect(cells.find((c) => c.level === "epci" && c.code === "242020105")?.name).toBe("CC de Calvi Balagne");
    expect(u10("epci", "?")).toBe(2);
  });
});

describe("usage indicators by EPCI under the anonymity rule", () => {
  it("withholds EPCIs so that no withheld cell is a combination of published ones across départements and EPCIs", async () => {
    await ensureReferenceData();
    // A day of the 1990s of this run only. CA Moulins Communauté (200071140) crosses Allier (03)
    // and Nièvre (58): Aubigny (03, 2 stations), Dornes (58, 2) and Saint-Parize-en-Viry (58, 3);
    // the CC du Val de Cher (240300566): Audes (03, 2) and Estivareilles (03, 3). One aménageur per
    // station. Every commune is under 5 stations, each département, région and EPCI passes, and no
    // single relation gives a commune; but Allier minus the Val de Cher is Aubigny.
    const day = new Date(Date.UTC(1990, 0, 1) + (randomBytes(4).readUInt32BE() % 3600) * 86_400_000).toISOString().slice(0, 10);
    const tenant = await makeQualichargeTenant();
    const places: [string, number][] = [
      ["03009", 2],
      ["58104", 2],
      ["58259", 3],
      ["03010", 2],
      ["03111", 3],
    ];
    const points = await makePoints(
      tenant.units[0],
      tenant.operatorId,
      places.flatMap(([insee, n]) =>
        Array.from({ length: n }, () => ({
          kw: 22,
          irve: { code_insee_commune: insee, siren_amenageur: String(100_000_000 + randomBytes(3).readUIntBE(0, 3)) },
        })),
      ),
    );
    const start = new Date(`${day}T10:00:00Z`);
    for (const p of points) await insertCharge(p, tenant.operatorId, start, new Date(start.getTime() + 3_600_000), 5000, "QUALICHARGE");

    const { cells } = await computeUsageIndicators({ kind: "day", day }, { thresholds: { minStations: 5, minBeneficiaries: 3 } });
    const verdict = (level: string, code: string) => {
      const c = cells.find((x) => x.level === level && x.code === code);
      return c && (c.secret ? c.reason : "publie");
    };
    expect(places.map(([insee]) => verdict("commune", insee))).toEqual(["primaire", "primaire", "primaire", "primaire", "primaire"]);
    expect(["03", "58"].map((d) => verdict("departement", d))).toEqual(["publie", "publie"]);
    // The smaller EPCI (the Val de Cher) is withheld, and then Moulins Communauté with it (France
    // minus the one would be the other).
    expect(["240300566", "200071140"].map((e) => verdict("epci", e))).toEqual(["secondaire", "secondaire"]);
    // The attacker: every zone cell as the set of communes it sums, all relations solved together.
    const communeOf = new Map(places.map(([insee]) => [insee, insee]));
    const sums: Record<string, (insee: string) => string> = {
      national: () => "FR",
      region: (c) => (c.startsWith("03") ? "84" : "27"),
      departement: (c) => c.slice(0, 2),
      epci: (c) => (["03010", "03111"].includes(c) ? "240300566" : "200071140"),
      commune: (c) => communeOf.get(c)!,
    };
    const attacked = cells
      .filter((c) => c.level in sums)
      .map((c) => ({
        key: `${c.level}:${c.code}`,
        communes: places.map(([insee]) => insee).filter((insee) => sums[c.level](insee) === c.code),
        withheld: c.secret,
      }));
    expect(exposedByLinearAlgebra(attacked)).toEqual([]);
  });
});

describe("usage indicators under the anonymity rule", () => {
  it("withholds a small operational unit and never leaves a single withheld sibling", async () => {
    const day = "2019-06-12";
    const big = await makeQualichargeTenant();
    const small = await makeQualichargeTenant();
    // Six stations of six aménageurs in one unit, two stations in another.
    const bigPoints = await makePoints(
      big.units[0],
      big.operatorId,
      Array.from({ length: 6 }, (_, i) => ({ kw: 22, irve: { siren_amenageur: `90000000${i}`, code_insee_commune: "75101" } })),
    );
    const smallPoints = await makePoints(
      small.units[0],
      small.operatorId,
      Array.from({ length: 2 }, () => ({ kw: 22, irve: { code_insee_commune: "75102" } })),
    );
    for (const p of [...bigPoints, ...smallPoints])
      await insertCharge(
        p,
        p === bigPoints[0] || bigPoints.includes(p) ? big.operatorId : small.operatorId,
        new Date(`${day}T08:00:00Z`),
        new Date(`${day}T09:00:00Z`),
        7000,
        "QUALICHARGE",
      );

    const thresholds = { minStations: 5, minBeneficiaries: 3 };
    const { cells } = await computeUsageIndicators({ kind: "day", day }, { thresholds });
    const unitOf = (code: string) => cells.find((c) => c.level === "unite" && c.code === code)!;
    expect(unitOf(small.units[0])).toMatchObject({ secret: true, reason: "primaire" });
    const units = cells.filter((c) => c.level === "unite");
    // The national cell is published (this test's 8 stations and 7 owners at least), so the
    // withheld units are never one alone: national − published units is never one unit's figure.
    expect(cells.find((c) => c.level === "national")).toMatchObject({ secret: false });
    expect(units.filter((c) => c.secret).length).toBeGreaterThanOrEqual(2);
    // A published unit carries its operator's name.
    const published = units.filter((c) => !c.secret);
    for (const c of published) expect(c.operatorName).toBeTruthy();
    // Aménageurs are single owners: always withheld.
    expect(cells.filter((c) => c.level === "amenageur" && !c.secret)).toEqual([]);
  });
});

describe("usage indicators: units beside the tables by zone", () => {
  it("withholds a unit whose figure minus its published région would give a withheld région", async () => {
    await ensureReferenceData();
    // A day of 2010–2018 of this run only (points declared in 2019 count by their sessions alone).
    const day = new Date(Date.UTC(2010, 0, 1) + (randomBytes(4).readUInt32BE() % 3000) * 86_400_000).toISOString().slice(0, 10);
    const a = await makeQualichargeTenant();
    const b = await makeQualichargeTenant();
    const stations = (n: number, commune: string) =>
      Array.from({ length: n }, () => ({
        kw: 22,
        irve: { siren_amenageur: String(100_000_000 + randomBytes(3).readUIntBE(0, 3)), code_insee_commune: commune },
      }));
    // Unit A: 2 stations in Ajaccio (Corse, its only unit there) and 6 in Rennes (Bretagne, alone
    // there); unit B: 6 in Caen (Normandie).
    const aPoints = await makePoints(a.units[0], a.operatorId, [...stations(2, "2A004"), ...stations(6, "35238")]);
    const bPoints = await makePoints(b.units[0], b.operatorId, stations(6, "14118"));
    const start = new Date(`${day}T08:00:00Z`);
    for (const p of aPoints) await insertCharge(p, a.operatorId, start, new Date(start.getTime() + 3_600_000), 7000, "QUALICHARGE");
    for (const p of bPoints) await insertCharge(p, b.operatorId, start, new Date(start.getTime() + 3_600_000), 7000, "QUALICHARGE");

    const { cells } = await computeUsageIndicators({ kind: "day", day }, { thresholds: { minStations: 5, minBeneficiaries: 3 } });
    const cell = (level: string, code: string) => cells.find((c) => c.level === level && c.code === code)!;
    // Corse is withheld (2 stations), with Normandie beside it (never alone among France's régions);
    // Bretagne is published: it is unit A's 6 stations there.
    expect(cell("region", "94")).toMatchObject({ secret: true, reason: "primaire" });
    expect(cell("region", "28")).toMatchObject({ secret: true, reason: "secondaire" });
    expect(cell("region", "53").secret).toBe(false);
    // Unit A published would give Corse as A − Bretagne: withheld, and unit B beside it.
    expect(cell("unite", a.units[0])).toMatchObject({ secret: true, reason: "secondaire" });
    expect(cell("unite", b.units[0])).toMatchObject({ secret: true, reason: "secondaire" });
  });
});
