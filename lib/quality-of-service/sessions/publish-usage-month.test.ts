import { randomInt, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";
import { makeOperator, uniqueSuffix } from "@/cli/demo/factories";
import { parisMidnight } from "@/lib/platform/time/paris-time";
import { claimFreshUnit } from "@/tests/support/qualicharge/tenant";
import { computeUsageIndicators, type UsageCell } from "@/lib/quality-of-service/sessions/compute-usage-indicators";
import { publishClosedUsageMonths, publishUsageMonth, readPublishedUsage, usagePublishableFrom } from "@/lib/quality-of-service/sessions/publish-usage-month";

// The committee's usage indicators are published once a month is closed and stay as published:
// a session received later never moves them (two readings would give it by difference). Each
// test draws a month of a far year (2600–2999) no other test sends sessions in.

const month = () => `${2600 + randomInt(400)}-${String(1 + randomInt(12)).padStart(2, "0")}-01`;

interface Point {
  id: string;
  stationId: string;
  operatorId: string;
}

/** Six one-point stations of three aménageurs (the national cell passes K = 5, B = 3), declared long ago. */
async function sixPoints(): Promise<Point[]> {
  const operator = await makeOperator({ name: `Opérateur publication ${uniqueSuffix()}` });
  const unit = await claimFreshUnit(operator.id);
  const prisma = await db();
  const points: Point[] = [];
  for (let i = 0; i < 6; i++) {
    const suffix = `${uniqueSuffix()}${i}`.toUpperCase().replace(/[^A-Z0-9]/g, "");
    const station = await prisma.station.create({
      data: { operatorId: operator.id, stationCode: `${unit}P${suffix}`, nominalPowerKw: 22, inseeCode: "29019", createdAt: new Date("2019-01-01T00:00:00Z") },
      select: { id: true },
    });
    const point = await prisma.chargePoint.create({
      data: {
        stationId: station.id,
        pointCode: `${unit}E${suffix}`,
        idPdcItinerance: `${unit}E${suffix}`,
        nominalPowerKw: 22,
        irve: { siren_amenageur: ["552081317", "356000000", "130025265"][i % 3] },
        createdAt: new Date("2019-01-01T00:00:00Z"),
      },
      select: { id: true },
    });
    points.push({ id: point.id, stationId: station.id, operatorId: operator.id });
  }
  return points;
}

/** A session of one hour and 10 kWh starting on the month's 10th at `hour` UTC. */
async function session(p: Point, monthStart: string, hour = 12) {
  const at = (h: number) => new Date(`${monthStart.slice(0, 8)}10T${String(h).padStart(2, "0")}:00:00Z`);
  await execute(
    await db(),
    sql`INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, door, charge_point_id)
        VALUES ('production', ${p.operatorId}::uuid, ${p.stationId}::uuid, ${`PUB-${randomUUID()}`}, ${at(hour)},
                ${at(hour + 1)}, 0, 10000, 'QUALICHARGE', ${p.id}::uuid)`,
  );
}

const national = (cells: UsageCell[]) => {
  const cell = cells.find((c) => c.level === "national")!;
  if (cell.secret) throw new Error("national cell withheld");
  return cell.figures;
};

describe("publishUsageMonth", () => {
  it("stores the month as computed, keeps it when a session arrives late, and publishes again only when asked", async () => {
    const m = month();
    const points = await sixPoints();
    for (const p of points) await session(p, m);

    const first = await publishUsageMonth({ month: m, publishedBy: "test" });
    expect(first.outcome).toBe("publie");
    // By hand: 6 sessions of 10 kWh, all successful (> 0.5 kWh, > 3 min).
    const published = await readPublishedUsage(m);
    expect([national(published!.cells).u10, national(published!.cells).u11]).toEqual([6, 6]);
    expect(published!.thresholds).toEqual({ minStations: 5, minBeneficiaries: 3 });

    // A seventh session received afterwards: the live figure moves, the published one does not.
    await session(points[0], m, 18);
    expect(national((await computeUsageIndicators({ kind: "month", day: m })).cells).u10).toBe(7);
    expect(national((await readPublishedUsage(m))!.cells).u10).toBe(6);
    expect((await publishUsageMonth({ month: m, publishedBy: "test" })).outcome).toBe("deja_publie");

    // Published again on purpose: the new figures, the first publication kept as superseded.
    const second = await publishUsageMonth({ month: m, publishedBy: "test", replace: true });
    expect(second.outcome).toBe("remplace");
    expect(national((await readPublishedUsage(m))!.cells).u10).toBe(7);
    const rows = await queryRows<{ id: string; superseded: boolean }>(
      await db(),
      sql`SELECT id, superseded_at IS NOT NULL AS superseded FROM usage_publication WHERE month = ${m}::date ORDER BY published_at`,
    );
    expect(rows).toEqual([
      { id: first.publicationId, superseded: true },
      { id: second.publicationId, superseded: false },
    ]);
    expect((await publishUsageMonth({ month: m, publishedBy: "test", replace: true })).outcome).toBe("inchange");
  });

  it("publishes once under a concurrent double publication, and not at all a month without data", async () => {
    const m = month();
    for (const p of await sixPoints()) await session(p, m);
    const outcomes = (await Promise.all([publishUsageMonth({ month: m, publishedBy: "a" }), publishUsageMonth({ month: m, publishedBy: "b" })])).map(
      (r) => r.outcome,
    );
    expect(outcomes.sort()).toEqual(["deja_publie", "publie"]);
    const [{ n }] = await queryRows<{ n: number }>(await db(), sql`SELECT count(*)::int AS n FROM usage_publication WHERE month = ${m}::date`);
    expect(n).toBe(1);
    // Year 2599: no test sends sessions in it.
    const empty = `2599-${String(1 + randomInt(12)).padStart(2, "0")}-01`;
    expect((await publishUsageMonth({ month: empty, publishedBy: "test" })).outcome).toBe("sans_donnees");
    expect(await readPublishedUsage(empty)).toBeNull();
  });
});

describe("the nightly usage publication", () => {
  it("publishes a closed month from the 16th of the next month (Paris), never before", async () => {
    // Years 3000–3399: the job publishes every month of the year before, none of another test's.
    const m = `${3000 + randomInt(400)}-${String(1 + randomInt(12)).padStart(2, "0")}-01`;
    for (const p of await sixPoints()) await session(p, m);
    const from = usagePublishableFrom(m);
    expect(from.slice(8)).toBe("16");
    // The 15th at 23:30 in Paris: not yet.
    const eve = parisMidnight(from).getTime() - 30 * 60_000;
    const before = await publishClosedUsageMonths({ prisma: await db(), now: new Date(eve), publishedBy: "test" });
    expect(before.map((r) => r.month)).not.toContain(m);
    expect(await readPublishedUsage(m)).toBeNull();
    const on = await publishClosedUsageMonths({ prisma: await db(), now: new Date(`${from}T10:00:00Z`), publishedBy: "test" });
    expect(on.find((r) => r.month === m)?.outcome).toBe("publie");
    expect(national((await readPublishedUsage(m))!.cells).u10).toBe(6);
  });
});
