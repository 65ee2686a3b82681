import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { computeIndicators } from "@/lib/indicators/compute-indicators";
import { listenWithQualichargeDoor } from "@/tests/support/qualicharge/door-server";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints, type MadePoint } from "@/tests/support/qualicharge/points";
import { emi3EvseId, makeRelayAccount, postEnvelope } from "@/tests/support/gireve/relay";
import { chargeDetailRecord } from "@/tests/support/gireve/envelopes";

// Issue 18: "the indicators by channel now include GIREVE". Charges relayed by GIREVE (charge
// detail records: intermediates every 5 minutes, then the final) count in the GIREVE channel's
// energy, and that energy is the hand-computed sum of the final records, an implausible charge
// left out. Six stations of three beneficiaries (the anonymity thresholds: 5 stations, 3
// beneficiaries), one 22 kW point each, in Paris, in GIREVE dossiers.

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
  await ensureReferenceData();
});
afterAll(async () => {
  await server.close();
});

const now = new Date();
const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1);
const month = new Date(monthStart).toISOString().slice(0, 7);
const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 7);
const H = 3_600_000;

/** Station index (0–5), start (ms), duration (minutes), final energy (Wh); intermediates every 5 minutes, linear. */
const CHARGES = [
  { station: 0, start: monthStart + 9 * 24 * H + 12 * H, minutes: 60, wh: 12_345 },
  { station: 1, start: monthStart + 11 * 24 * H + 8 * H, minutes: 30, wh: 7_001 },
  { station: 2, start: monthStart + 12 * 24 * H + 18 * H, minutes: 240, wh: 41_250 },
  { station: 3, start: monthStart + 13 * 24 * H + 6 * H, minutes: 45, wh: 9_999 },
  { station: 4, start: monthStart + 14 * 24 * H + 13 * H, minutes: 120, wh: 30_000 },
  { station: 5, start: monthStart + 15 * 24 * H + 21 * H, minutes: 600, wh: 60_123 },
  // Implausible: 30 kWh in one hour on a 22 kW point (at most 24.2 kWh): stored, flagged, not counted.
  { station: 5, start: monthStart + 16 * 24 * H + 10 * H, minutes: 60, wh: 30_000 },
];
// By hand: 12.345 + 7.001 + 41.25 + 9.999 + 30 + 60.123 = 160.718 kWh.
const EXPECTED_KWH = 160.718;

describe("charges relayed by GIREVE in the indicators", () => {
  it("count in the GIREVE channel's energy, the hand-computed sum of the final records", async () => {
    expect(CHARGES.slice(0, -1).reduce((a, c) => a + c.wh, 0) / 1000).toBeCloseTo(EXPECTED_KWH, 9);
    const tenant = await makeQualichargeTenant();
    const points: MadePoint[] = [];
    for (let b = 0; b < 3; b++) points.push(...(await makeQualichargePoints(tenant, { dossier: true, channel: "GIREVE", stations: 2, powerKw: 22 })));
    const relay = await makeRelayAccount();
    const operatorId = `${tenant.units[0].slice(0, 2)}*${tenant.units[0].slice(2)}`;
    for (const [i, c] of CHARGES.entries()) {
      const record = (nature: "final" | "intermediate", minutes: number, wh: number) =>
        chargeDetailRecord({
          operatorId,
          evseId: emi3EvseId(points[c.station].idPdcItinerance),
          sessionId: `G-${i}`,
          nature,
          start: new Date(c.start).toISOString(),
          end: new Date(c.start + minutes * 60_000).toISOString(),
          energy: wh,
        });
      for (let m = 5; m < c.minutes; m += 5) {
        const r = await postEnvelope(server.base, record("intermediate", m, Math.round((c.wh * m) / c.minutes)), { auth: relay.auth });
        expect(r.requestStatus).toBe(1);
      }
      expect((await postEnvelope(server.base, record("final", c.minutes, c.wh), { auth: relay.auth })).requestStatus).toBe(1);
    }
    const prisma = await db();
    const flagged = await prisma.chargeOperation.findMany({
      where: { operatorId: tenant.operatorId, door: "GIREVE" },
      orderBy: { startAt: "asc" },
      select: { qualityFlags: true },
    });
    expect(flagged.map((f) => f.qualityFlags)).toEqual([[], [], [], [], [], [], ["energie_superieure_puissance"]]);

    const run = await computeIndicators({
      from: month,
      to: nextMonth,
      computedBy: "test",
      stationIds: [...new Set(points.map((p) => p.stationId))],
      meshLevels: ["national"],
      periodKinds: ["month"],
    });
    const value = (channel: string) =>
      prisma.indicatorValue.findFirstOrThrow({
        where: { runId: run.runId, indicatorCode: "energy_kwh", meshLevel: "national", meshCode: "FR", periodKind: "month", channel },
        select: { value: true, withheld: true, chargeCount: true },
      });
    const gireve = await value("GIREVE");
    expect(gireve).toMatchObject({ withheld: false, chargeCount: 6 });
    expect(gireve.value).toBeCloseTo(EXPECTED_KWH, 6);
    expect((await value("all")).value).toBeCloseTo(EXPECTED_KWH, 6);
    // No ADVENIR station in the run: no ADVENIR figure at all.
    const advenir = await prisma.indicatorValue.findFirst({
      where: { runId: run.runId, indicatorCode: "energy_kwh", meshLevel: "national", periodKind: "month", channel: "ADVENIR" },
      select: { value: true },
    });
    expect(advenir?.value ?? 0).toBe(0);
  });
});
