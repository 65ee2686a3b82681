import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";
import { computeQosDays, monthDays } from "@/lib/quality-of-service/compute-qos-days";
import { makeQualichargeTenant, type QualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints, type MadePoint } from "@/tests/support/qualicharge/points";

// Crafted status histories against figures computed by hand in each test (Paris time: UTC+1 in
// November, the clocks go forward on 29 March 2026 and back on 25 October 2026).

const WEEK_S = 7 * 86_400;
const H = 3600;

type Row = [paris: string, etat: string, occupation: string, delaySeconds?: number, env?: "production" | "sandbox"];

/** An instant given as Paris wall clock with its offset ("2026-11-10 08:00+01"). */
const at = (paris: string) => new Date(paris.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00"));

let tenant: QualichargeTenant;
beforeAll(async () => {
  tenant = await makeQualichargeTenant();
  const prisma = await db();
  await execute(prisma, sql`SELECT ensure_status_partitions('2026-03-01'::date, 10)`);
});

async function points(n: number, perStation = 1): Promise<MadePoint[]> {
  const made = await makeQualichargePoints(tenant, { stations: Math.ceil(n / perStation), perStation });
  const prisma = await db();
  // Declared long before the days computed (a point counts from its declaration).
  await prisma.chargePoint.updateMany({ where: { id: { in: made.map((p) => p.chargePointId) } }, data: { createdAt: new Date("2026-01-01T00:00:00Z") } });
  return made;
}

async function history(point: MadePoint, rows: Row[]) {
  const prisma = await db();
  for (const [paris, etat, occupation, delay = 30, env = "production"] of rows) {
    const h = at(paris);
    await execute(
      prisma,
      sql`INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, env, etat_pdc, occupation_pdc, received_at)
          VALUES (${point.stationId}::uuid, ${point.chargePointId}::uuid, ${h}::timestamptz, ${randomUUID()}::uuid, 'QUALICHARGE',
                  ${env}::"DataEnv", ${etat}, ${occupation}, ${new Date(h.getTime() + delay * 1000)}::timestamptz)`,
    );
  }
}

interface PointDay {
  total_s: number;
  en_service_s: number;
  hors_service_s: number;
  inconnu_s: number;
  silent_s: number;
  occupied_s: number;
  status_count: number;
  delay_sum_s: number;
}

async function pointDay(point: MadePoint, day: string): Promise<PointDay | undefined> {
  const [row] = await queryRows<PointDay>(
    await db(),
    sql`SELECT total_s, en_service_s, hors_service_s, inconnu_s, silent_s, occupied_s, status_count, delay_sum_s
          FROM qos_point_day WHERE charge_point_id = ${point.chargePointId}::uuid AND day = ${day}::date`,
  );
  return row;
}

async function outages(point: MadePoint) {
  return queryRows<{ started_at: Date; restored_at: Date | null }>(
    await db(),
    sql`SELECT started_at, restored_at FROM qos_outage WHERE charge_point_id = ${point.chargePointId}::uuid ORDER BY started_at`,
  );
}

const compute = (fromDay: string, toDay: string, validitySeconds = WEEK_S) => computeQosDays({ fromDay, toDay, validitySeconds });

describe("computeQosDays: time in each state per point and Paris day", () => {
  it("splits a day between its statuses, in the order of horodatage whatever the order of arrival", async () => {
    const [p] = await points(1);
    await history(p, [
      ["2026-11-09 22:00+01", "en_service", "libre"],
      ["2026-11-10 20:00+01", "en_service", "libre", 90], // sent first, stamped last
      ["2026-11-10 06:00+01", "en_service", "occupe"],
      ["2026-11-10 08:00+01", "hors_service", "libre"],
      ["2026-11-10 09:30+01", "inconnu", "inconnu"],
      ["2026-11-10 10:00+01", "hors_service", "libre"],
      ["2026-11-10 12:00+01", "en_service", "libre"],
      ["2026-11-10 18:00+01", "en_service", "occupe"],
    ]);
    await compute("2026-11-10", "2026-11-11");
    // en: 00–08 (6 h libre + 2 h occupé), 12–24 (6 h + 2 h occupé + 4 h); hs 08–09:30 and 10–12; inconnu 09:30–10.
    expect(await pointDay(p, "2026-11-10")).toEqual({
      total_s: 24 * H,
      en_service_s: 20 * H,
      hors_service_s: 3.5 * H,
      inconnu_s: 0.5 * H,
      silent_s: 0,
      occupied_s: 4 * H,
      status_count: 7,
      delay_sum_s: 6 * 30 + 90,
    });
    // One episode, 08:00 → 12:00: the `inconnu` between does not end it.
    expect(await outages(p)).toEqual([{ started_at: at("2026-11-10 08:00+01"), restored_at: at("2026-11-10 12:00+01") }]);
  });

  it("counts silent time apart: before the first status and after a status older than the validity", async () => {
    const [p] = await points(1);
    await history(p, [
      ["2026-11-10 01:00+01", "en_service", "libre"],
      ["2026-11-10 05:00+01", "hors_service", "libre"],
      ["2026-11-10 23:00+01", "en_service", "libre"],
    ]);
    await compute("2026-11-10", "2026-11-11", 2 * H);
    // silent 00–01, en 01–03, silent 03–05, hs 05–07, silent 07–23, en 23–24.
    expect(await pointDay(p, "2026-11-10")).toMatchObject({ total_s: 24 * H, en_service_s: 3 * H, hors_service_s: 2 * H, inconnu_s: 0, silent_s: 19 * H });
    // Silence does not restore a point: the episode lasts until its next en_service.
    expect(await outages(p)).toEqual([{ started_at: at("2026-11-10 05:00+01"), restored_at: at("2026-11-10 23:00+01") }]);
  });

  it("counts real time on the days the clocks change: 23 hours on 29 March, 25 on 25 October", async () => {
    const [spring, autumn] = await points(2);
    await history(spring, [
      ["2026-03-28 20:00+01", "en_service", "libre"],
      ["2026-03-29 01:30+01", "hors_service", "libre"],
      ["2026-03-29 04:00+02", "en_service", "libre"], // 1 h 30 later in real time, 2 h 30 on the wall clock
    ]);
    await history(autumn, [["2026-10-24 20:00+02", "en_service", "occupe"]]);
    await compute("2026-03-29", "2026-03-30");
    await compute("2026-10-25", "2026-10-26");
    expect(await pointDay(spring, "2026-03-29")).toMatchObject({ total_s: 23 * H, en_service_s: 21.5 * H, hors_service_s: 1.5 * H, silent_s: 0 });
    expect(await pointDay(autumn, "2026-10-25")).toMatchObject({ total_s: 25 * H, en_service_s: 25 * H, occupied_s: 25 * H, silent_s: 0 });
    expect(await outages(spring)).toEqual([{ started_at: at("2026-03-29 01:30+01"), restored_at: at("2026-03-29 04:00+02") }]);
  });

  it("lets the last received of two statuses stamped at the same instant win, and ignores the sandbox", async () => {
    const [p] = await points(1);
    await history(p, [
      ["2026-11-10 10:00+01", "en_service", "libre", 10],
      ["2026-11-10 10:00+01", "hors_service", "libre", 20],
      ["2026-11-10 12:00+01", "en_service", "libre", 5, "sandbox"],
    ]);
    await compute("2026-11-10", "2026-11-11");
    expect(await pointDay(p, "2026-11-10")).toMatchObject({ en_service_s: 0, hors_service_s: 14 * H, silent_s: 10 * H, status_count: 2 });
    expect(await outages(p)).toEqual([{ started_at: at("2026-11-10 10:00+01"), restored_at: null }]);
  });

  it("counts a point from its declaration (or its first status, when earlier) to its decommissioning, once it has sent a status", async () => {
    const [p, never, early] = await points(3);
    const prisma = await db();
    await prisma.chargePoint.update({
      where: { id: p.chargePointId },
      data: { createdAt: at("2026-11-10 06:00+01"), decommissionedAt: at("2026-11-10 18:00+01") },
    });
    await prisma.chargePoint.update({ where: { id: early.chargePointId }, data: { createdAt: at("2026-11-10 10:00+01") } });
    await history(p, [["2026-11-10 08:00+01", "en_service", "libre"]]);
    await history(never, [["2026-11-12 08:00+01", "en_service", "libre"]]);
    await history(early, [["2026-11-10 09:30+01", "en_service", "libre"]]); // stamped before the point was declared
    await compute("2026-11-10", "2026-11-11");
    expect(await pointDay(p, "2026-11-10")).toMatchObject({ total_s: 12 * H, en_service_s: 10 * H, silent_s: 2 * H });
    expect(await pointDay(never, "2026-11-10")).toBeUndefined();
    expect(await pointDay(early, "2026-11-10")).toMatchObject({ total_s: 14.5 * H, en_service_s: 14.5 * H, silent_s: 0 });
  });
});

describe("computeQosDays: saturation per station", () => {
  it("counts the time every point of the station is occupied", async () => {
    const [a, b] = await points(2, 2);
    expect(a.stationId).toBe(b.stationId);
    await history(a, [
      ["2026-11-09 23:00+01", "en_service", "libre"],
      ["2026-11-10 10:00+01", "en_service", "occupe"],
      ["2026-11-10 14:00+01", "en_service", "libre"],
    ]);
    await history(b, [
      ["2026-11-09 23:00+01", "en_service", "libre"],
      ["2026-11-10 12:00+01", "en_service", "occupe"],
      ["2026-11-10 16:00+01", "en_service", "libre"],
    ]);
    await compute("2026-11-10", "2026-11-11");
    const [row] = await queryRows<{ points: number; total_s: number; saturated_s: number }>(
      await db(),
      sql`SELECT points, total_s, saturated_s FROM qos_station_day WHERE station_id = ${a.stationId}::uuid AND day = '2026-11-10'`,
    );
    expect(row).toEqual({ points: 2, total_s: 24 * H, saturated_s: 2 * H });
    expect(await pointDay(a, "2026-11-10")).toMatchObject({ occupied_s: 4 * H });
  });
});

describe("computeQosDays: episodes across the range's bounds", () => {
  it("finds the start of an episode before the range and its end after it; an episode never restored stays open", async () => {
    const [crossing, open] = await points(2);
    await history(crossing, [
      ["2026-11-09 12:00+01", "en_service", "libre"],
      ["2026-11-10 22:00+01", "hors_service", "libre"],
      ["2026-11-11 09:00+01", "inconnu", "inconnu"],
      ["2026-11-12 03:00+01", "en_service", "libre"],
    ]);
    await history(open, [
      ["2026-11-09 12:00+01", "en_service", "libre"],
      ["2026-11-11 10:00+01", "hors_service", "libre"],
    ]);
    const episode = { started_at: at("2026-11-10 22:00+01"), restored_at: at("2026-11-12 03:00+01") };
    await compute("2026-11-11", "2026-11-12"); // the episode started the day before and ended the day after
    expect(await outages(crossing)).toEqual([episode]);
    expect(await outages(open)).toEqual([{ started_at: at("2026-11-11 10:00+01"), restored_at: null }]);
    expect(await pointDay(crossing, "2026-11-11")).toMatchObject({ hors_service_s: 9 * H, inconnu_s: 15 * H });
    // Recomputed over the three days at once: the same episode, once.
    await compute("2026-11-10", "2026-11-13");
    expect(await outages(crossing)).toEqual([episode]);
  });

  it("replaces a day's figures when it is computed again with a status received late", async () => {
    const [p] = await points(1);
    await history(p, [["2026-11-09 12:00+01", "en_service", "libre"]]);
    const first = await compute("2026-11-10", "2026-11-11");
    expect(first.pointDays).toBeGreaterThanOrEqual(1);
    expect(await pointDay(p, "2026-11-10")).toMatchObject({ en_service_s: 24 * H, hors_service_s: 0 });
    await history(p, [
      ["2026-11-10 15:00+01", "hors_service", "libre"],
      ["2026-11-10 16:00+01", "en_service", "libre"],
    ]);
    await compute("2026-11-10", "2026-11-11");
    expect(await pointDay(p, "2026-11-10")).toMatchObject({ en_service_s: 23 * H, hors_service_s: 1 * H, status_count: 2 });
    expect(await outages(p)).toEqual([{ started_at: at("2026-11-10 15:00+01"), restored_at: at("2026-11-10 16:00+01") }]);
  });
});

describe("computeQosDays: a range computed in parts at the same time", () => {
  it("stores the same rows as in one part (the stations shared between the parts)", async () => {
    const [a, b, late, open] = await points(4, 2);
    const others = await points(6);
    // a and b share a station (saturation); the range 20–31 October 2026 holds the change of time of the 25th.
    await history(a, [
      ["2026-10-19 08:00+02", "en_service", "libre"],
      ["2026-10-21 23:30+02", "hors_service", "libre"],
      ["2026-10-22 06:00+02", "inconnu", "inconnu"],
      ["2026-10-24 10:00+02", "en_service", "occupe", 7200],
      ["2026-10-24 09:00+02", "en_service", "libre", 90_000], // received a day late, stamped before the previous one
      ["2026-10-25 02:30+01", "en_service", "libre"],
      ["2026-10-27 18:00+01", "hors_service", "libre"],
      ["2026-10-29 12:00+01", "en_service", "occupe"],
    ]);
    await history(b, [
      ["2026-10-18 08:00+02", "en_service", "occupe"],
      ["2026-10-24 12:00+02", "en_service", "libre"],
      ["2026-10-25 01:00+02", "en_service", "occupe"],
      ["2026-10-30 08:00+01", "en_service", "libre"],
    ]);
    // Declared on the 21st, first status on the 29th: silent from its declaration in every part.
    await (await db()).chargePoint.update({ where: { id: late.chargePointId }, data: { createdAt: at("2026-10-21 12:00+02") } });
    await history(late, [["2026-10-29 09:00+01", "en_service", "libre"]]);
    await history(open, [
      ["2026-10-10 08:00+02", "hors_service", "libre"],
      ["2026-10-23 08:00+02", "inconnu", "inconnu"],
    ]);
    for (const [i, p] of others.entries())
      await history(p, [
        ["2026-10-19 08:00+02", "en_service", "libre"],
        [`2026-10-${21 + i} 10:00+02`, "hors_service", "libre"],
        [`2026-10-${22 + i} 12:00+02`, "en_service", "occupe"],
      ]);
    const ids = [a, b, late, open, ...others].map((p) => p.chargePointId);
    const rows = async () => ({
      points: await queryRows(
        await db(),
        sql`SELECT day::text, charge_point_id::text, total_s, en_service_s, hors_service_s, inconnu_s, silent_s, occupied_s, status_count, delay_sum_s
              FROM qos_point_day WHERE charge_point_id = ANY(${ids}::uuid[]) ORDER BY 1, 2`,
      ),
      stations: await queryRows(
        await db(),
        sql`SELECT day::text, station_id::text, points, total_s, saturated_s FROM qos_station_day
             WHERE station_id IN (SELECT station_id FROM charge_point WHERE id = ANY(${ids}::uuid[])) ORDER BY 1, 2`,
      ),
      outages: await queryRows(
        await db(),
        sql`SELECT charge_point_id::text, started_at, restored_at FROM qos_outage WHERE charge_point_id = ANY(${ids}::uuid[]) ORDER BY 1, 2`,
      ),
    });
    const one = await computeQosDays({ fromDay: "2026-10-20", toDay: "2026-11-01", validitySeconds: WEEK_S }, { parts: 1 });
    const sequential = await rows();
    const four = await computeQosDays({ fromDay: "2026-10-20", toDay: "2026-11-01", validitySeconds: WEEK_S }, { parts: 4 });
    expect(await rows()).toEqual(sequential);
    expect({ ...four, durationMs: 0 }).toEqual({ ...one, durationMs: 0 });
    // Not trivially equal: episodes across days, the late point's silent days, a station's saturation.
    expect(await outages(a)).toEqual([
      { started_at: at("2026-10-21 23:30+02"), restored_at: at("2026-10-24 09:00+02") },
      { started_at: at("2026-10-27 18:00+01"), restored_at: at("2026-10-29 12:00+01") },
    ]);
    expect(await outages(open)).toEqual([{ started_at: at("2026-10-10 08:00+02"), restored_at: null }]);
    expect(await pointDay(late, "2026-10-25")).toMatchObject({ total_s: 25 * H, silent_s: 25 * H });
    expect(await pointDay(late, "2026-10-21")).toMatchObject({ total_s: 12 * H, silent_s: 12 * H });
    expect(sequential.points).toHaveLength(9 * 12 + 11);
    expect(sequential.outages).toHaveLength(2 + 1 + others.length);
    expect(sequential.stations.some((row) => (row as { saturated_s: number }).saturated_s > 0)).toBe(true);
  });
});

describe("monthDays", () => {
  it("gives a month's first day and the next month's", () => {
    expect(monthDays("2026-12")).toEqual({ fromDay: "2026-12-01", toDay: "2027-01-01" });
    expect(monthDays("2026-02")).toEqual({ fromDay: "2026-02-01", toDay: "2026-03-01" });
  });
});
