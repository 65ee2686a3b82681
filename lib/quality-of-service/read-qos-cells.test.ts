import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { execute, sql } from "@/lib/platform/db/sql";
import { addCalendarDays, parisMidnight } from "@/lib/platform/time/paris-time";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { computeQosDays } from "@/lib/quality-of-service/compute-qos-days";
import { periodContaining } from "@/lib/quality-of-service/qos-period";
import { readQosCells, type QosCell } from "@/lib/quality-of-service/read-qos-cells";
import { makeQualichargeTenant, type QualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { insertPointStatus, makeQualichargePoints, type MadePoint } from "@/tests/support/qualicharge/points";

// Cells of Corse-du-Sud's communes, in a month of a far year drawn for this run (no other test
// writes statuses there; this test's points of earlier runs are decommissioned first), with the
// default thresholds (5 stations, 3 owners). Months January to September: none crosses a year. Every point is in service from the month's start;
// some go out of service for known hours.

const AJACCIO = "2A004";
const BONIFACIO = "2A041";
const PORTO_VECCHIO = "2A247";
const H = 3600;

const year = 2040 + randomInt(400);
const month = periodContaining("month", `${year}-0${1 + randomInt(9)}-01`);
const nextMonth = periodContaining("month", month.toDay);

let tenant: QualichargeTenant;
beforeAll(async () => {
  const prisma = await db();
  await ensureReferenceData({ prisma });
  // Partitions are UTC months: Paris midnight of the 1st is still the month before in UTC.
  await execute(prisma, sql`SELECT ensure_status_partitions((${month.fromDay}::date - interval '1 month')::date, 4)`);
  await execute(
    prisma,
    sql`UPDATE charge_point cp SET decommissioned_at = '2000-01-01' FROM station s
         WHERE s.id = cp.station_id AND s.insee_code LIKE '2A%' AND cp.decommissioned_at IS NULL`,
  );
  tenant = await makeQualichargeTenant();
});

/** `stations` one-point stations in the commune, each of its own aménageur, declared long before. */
async function stationsIn(inseeCode: string, stations: number): Promise<MadePoint[]> {
  const made = await makeQualichargePoints(tenant, { stations, inseeCode });
  const prisma = await db();
  for (const p of made)
    await prisma.chargePoint.update({
      where: { id: p.chargePointId },
      data: { createdAt: new Date("2030-01-01T00:00:00Z"), irve: { siren_amenageur: String(randomInt(100_000_000, 999_999_999)) } },
    });
  return made;
}

const status = (p: MadePoint, at: Date, etat: string) => insertPointStatus(p, at, etat);

const compute = (p: { fromDay: string; toDay: string }) => computeQosDays({ ...p, validitySeconds: 40 * 86_400 });
const cellOf = (cells: QosCell[], code: string) => cells.find((c) => c.code === code);

describe("readQosCells", () => {
  it("publishes a commune's figures equal to the hand computation, and withholds the others so none is deduced", async () => {
    const ajaccio = await stationsIn(AJACCIO, 5);
    const bonifacio = await stationsIn(BONIFACIO, 5);
    const [porto] = await stationsIn(PORTO_VECCHIO, 1);
    const monthStart = parisMidnight(month.fromDay);
    for (const p of [...ajaccio, ...bonifacio, porto]) await status(p, monthStart, "en_service");
    // Bonifacio's point i is out of service on the 10th from midnight for i + 1 hours.
    const tenth = new Date(monthStart.getTime() + 9 * 86_400_000);
    for (const [i, p] of bonifacio.entries()) {
      await status(p, tenth, "hors_service");
      await status(p, new Date(tenth.getTime() + (i + 1) * H * 1000), "en_service");
    }
    // Porto-Vecchio's point goes out on the 3rd and never comes back.
    await status(porto, new Date(monthStart.getTime() + 2 * 86_400_000), "hors_service");
    await compute(month);

    const committee = await readQosCells({ level: "commune", period: month });
    const mine = committee.cells.filter((c) => c.parent === "2A");
    expect(mine.map((c) => c.code).sort()).toEqual([AJACCIO, BONIFACIO, PORTO_VECCHIO]);
    // Porto-Vecchio is too small; alone it would be Corse-du-Sud minus the others: Ajaccio (the
    // smaller published one on a tie of counts, first by code) is withheld with it.
    expect(cellOf(mine, PORTO_VECCHIO)).toMatchObject({ secret: true, reason: "primaire" });
    expect(cellOf(mine, AJACCIO)).toMatchObject({ secret: true, reason: "secondaire" });
    const b = cellOf(mine, BONIFACIO);
    if (!b || b.secret) throw new Error("Bonifacio should be published");
    const monthSeconds = (parisMidnight(month.toDay).getTime() - monthStart.getTime()) / 1000;
    // 5 points × the month, 1 + 2 + 3 + 4 + 5 = 15 hours out of service.
    expect(b.figures.points).toBe(5);
    expect(b.figures.availability).toBeCloseTo((5 * monthSeconds - 15 * H) / (5 * monthSeconds), 12);
    expect(b.figures.silentShare).toBe(0);
    expect(b.figures.restored).toBe(5);
    expect(b.figures.restoreMeanHours).toBeCloseTo(3, 9);
    expect(b.figures.restoreMedianHours).toBeCloseTo(3, 9);
    // percentile_cont(0.9) of 1…5 h: 4 + 0.6 × (5 − 4).
    expect(b.figures.restoreP90Hours).toBeCloseTo(4.6, 9);
    expect(b.figures.openAtEnd).toBe(0);
    // The 10th's availability: 15 hours out of 5 × 24; every other day 1.
    const tenthDay = addCalendarDays(month.fromDay, 9);
    expect(tenthDay.slice(8)).toBe("10");
    expect(b.figures.daily.min).toBeCloseTo(1 - 15 / 120, 12);
    expect(b.figures.daily.max).toBe(1);
    expect(b.figures.daily.last).toBe(1);

    // The operator sees its own cells whole, Porto-Vecchio's open episode included.
    const own = await readQosCells({ level: "commune", period: month, operatorId: tenant.operatorId });
    const p = cellOf(own.cells, PORTO_VECCHIO);
    if (!p || p.secret) throw new Error("the operator's own cell is never withheld");
    expect(p.figures).toMatchObject({ points: 1, openAtEnd: 1, outOver7DaysShare: 1, restored: 0 });
    expect(p.figures.availability).toBeCloseTo((2 * 86_400) / monthSeconds, 12);

    // Next month one of Bonifacio's stations is gone: 4 stations, too few. Withheld that month,
    // Bonifacio is withheld in every month of the year (else the quarter minus published months
    // would give it); Ajaccio is published instead.
    const prisma = await db();
    await prisma.chargePoint.update({ where: { id: bonifacio[4].chargePointId }, data: { decommissionedAt: parisMidnight(nextMonth.fromDay) } });
    await compute(nextMonth);
    const again = (await readQosCells({ level: "commune", period: month })).cells.filter((c) => c.parent === "2A");
    expect(cellOf(again, BONIFACIO)).toMatchObject({ secret: true, reason: "primaire" });
    expect(cellOf(again, PORTO_VECCHIO)).toMatchObject({ secret: true, reason: "primaire" });
    const a = cellOf(again, AJACCIO);
    if (!a || a.secret) throw new Error("Ajaccio should be published now");
    expect(a.figures.availability).toBe(1);
  });

  it("gives the committee months only (a quarter beside its months would give a withheld month by difference)", async () => {
    for (const kind of ["day", "week", "quarter", "year"] as const)
      await expect(readQosCells({ level: "national", period: periodContaining(kind, "2026-11-10") })).rejects.toThrow(/Le comité lit des mois/);
  });
});
