import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { listenWithQualichargeDoor, qc } from "@/tests/support/qualicharge/door-server";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints, type MadePoint } from "@/tests/support/qualicharge/points";
import { call, makeTenant, operation, type Tenant } from "@/tests/support/advenir/ingest";

// The equivalence issue 17 asks for: the same charges posted as QualiCharge sessions (through
// /api/v1/dynamique/session/bulk) and as ADVENIR operations (/api/operation/put) give the same
// energy in the indicators, and that energy is the hand-computed sum of the charges, an
// implausible one left out on both sides. Each side has six stations of three beneficiaries
// (the anonymity thresholds: 5 stations, 3 beneficiaries), one 22 kW point each, in Paris.

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
  await ensureReferenceData();
});
afterAll(async () => {
  await server.close();
});

// The previous calendar month (in the past, less than 365 days old), mid-month at noon UTC so
// that every charge is within the month in Paris time too.
const now = new Date();
const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1);
const month = new Date(monthStart).toISOString().slice(0, 7);
const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 7);
const H = 3_600_000;

/** The charges: station index (0–5), start (ms), duration (minutes), energy (Wh). */
const CHARGES = [
  { station: 0, start: monthStart + 9 * 24 * H + 12 * H, minutes: 60, wh: 12_345 },
  { station: 0, start: monthStart + 10 * 24 * H + 12 * H, minutes: 95, wh: 20_500 },
  { station: 1, start: monthStart + 11 * 24 * H + 8 * H, minutes: 30, wh: 7_001 },
  { station: 2, start: monthStart + 12 * 24 * H + 18 * H, minutes: 240, wh: 41_250 },
  { station: 3, start: monthStart + 13 * 24 * H + 6 * H, minutes: 45, wh: 9_999 },
  { station: 4, start: monthStart + 14 * 24 * H + 13 * H, minutes: 120, wh: 30_000 },
  { station: 5, start: monthStart + 15 * 24 * H + 21 * H, minutes: 600, wh: 60_123 },
  // Implausible: 30 kWh in one hour on a 22 kW point (at most 24.2 kWh): stored, flagged, not counted.
  { station: 5, start: monthStart + 16 * 24 * H + 10 * H, minutes: 60, wh: 30_000 },
];
// By hand: 12.345 + 20.5 + 7.001 + 41.25 + 9.999 + 30 + 60.123 = 181.218 kWh.
const EXPECTED_KWH = 181.218;

async function energyOf(stationIds: string[]): Promise<{ value: number | null; withheld: boolean; chargeCount: number | null }> {
  const run = await computeIndicators({ from: month, to: nextMonth, computedBy: "test", stationIds, meshLevels: ["national"], periodKinds: ["month"] });
  const prisma = await db();
  return prisma.indicatorValue.findFirstOrThrow({
    where: { runId: run.runId, indicatorCode: "energy_kwh", meshLevel: "national", meshCode: "FR", periodKind: "month", channel: "all" },
    select: { value: true, withheld: true, chargeCount: true },
  });
}

describe("a charge through either door counts the same", () => {
  it("gives the same energy, the hand-computed one, for sessions and for ADVENIR operations", async () => {
    expect(CHARGES.slice(0, -1).reduce((a, c) => a + c.wh, 0) / 1000).toBeCloseTo(EXPECTED_KWH, 9);

    // QualiCharge: one operator, three dossiers (beneficiaries) of two stations.
    const t = await makeQualichargeTenant();
    const points: MadePoint[] = [];
    for (let b = 0; b < 3; b++) points.push(...(await makeQualichargePoints(t, { dossier: true, stations: 2, powerKw: 22 })));
    const bulk = CHARGES.map((c) => ({
      id_pdc_itinerance: points[c.station].idPdcItinerance,
      start: new Date(c.start).toISOString(),
      end: new Date(c.start + c.minutes * 60_000).toISOString(),
      energy: c.wh / 1000,
    }));
    const posted = await qc(server.base, "POST", "/dynamique/session/bulk", { auth: t.auth, body: bulk });
    expect(posted.status).toBe(201);

    // ADVENIR: three operators (one beneficiary each) of two stations.
    const advenir: Tenant[] = [];
    for (let b = 0; b < 3; b++) advenir.push(await makeTenant({ stations: ["S1", "S2"], nominalPowerKw: 22, pointCount: 1 }));
    for (const [i, c] of CHARGES.entries()) {
      const tenant = advenir[Math.floor(c.station / 2)];
      const body = { [tenant.operatorId]: { [`S${(c.station % 2) + 1}`]: { [`T${i}`]: operation(c.start / 1000, c.minutes * 60, c.wh) } } };
      expect((await call("operation", body, { auth: tenant.auth })).status).toBe(200);
    }

    // The same rows and flags on both sides.
    const prisma = await db();
    const qcFlags = await prisma.chargeOperation.findMany({ where: { operatorId: t.operatorId }, orderBy: { startAt: "asc" }, select: { qualityFlags: true } });
    const advFlags = await prisma.chargeOperation.findMany({
      where: { operatorId: { in: advenir.map((a) => a.operatorId) } },
      orderBy: { startAt: "asc" },
      select: { qualityFlags: true },
    });
    expect(qcFlags).toEqual(advFlags);
    expect(qcFlags.filter((f) => f.qualityFlags.length > 0)).toEqual([{ qualityFlags: ["energie_superieure_puissance"] }]);

    const viaSessions = await energyOf([...new Set(points.map((p) => p.stationId))]);
    const viaOperations = await energyOf(advenir.flatMap((a) => Object.values(a.stations)));
    expect(viaSessions).toMatchObject({ withheld: false, chargeCount: 7 });
    expect(viaOperations).toMatchObject({ withheld: false, chargeCount: 7 });
    expect(viaSessions.value).toBeCloseTo(EXPECTED_KWH, 6);
    expect(viaOperations.value).toBeCloseTo(EXPECTED_KWH, 6);
    expect(viaSessions.value).toBe(viaOperations.value);
  });
});
