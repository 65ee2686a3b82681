import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PORTAL_JOBS } from "@/cli/portal-jobs";
import { db } from "@/lib/platform/db/database";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";
import { createScheduler } from "@/lib/platform/jobs/scheduler";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints } from "@/tests/support/qualicharge/points";

describe("the nightly quality-of-service job", () => {
  it("computes the two Paris days before today at 04:30, through the portal's scheduler", async () => {
    const prisma = await db();
    await execute(prisma, sql`SELECT ensure_status_partitions('2026-11-01'::date, 2)`);
    const [p] = await makeQualichargePoints(await makeQualichargeTenant());
    await prisma.chargePoint.update({ where: { id: p.chargePointId }, data: { createdAt: new Date("2026-11-01T00:00:00Z") } });
    // In service from 18 November 23:00 UTC (midnight in Paris), out of service on the 19th from 11:00 UTC.
    for (const [h, etat] of [
      ["2026-11-18T23:00:00Z", "en_service"],
      ["2026-11-19T11:00:00Z", "hors_service"],
    ])
      await execute(
        prisma,
        sql`INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, etat_pdc, occupation_pdc, received_at)
            VALUES (${p.stationId}::uuid, ${p.chargePointId}::uuid, ${new Date(h)}, ${randomUUID()}::uuid, 'QUALICHARGE', ${etat}, 'libre', ${new Date(h)})`,
      );
    const job = PORTAL_JOBS.find((j) => j.name === "qos-daily")!;
    await prisma.scheduledJob.deleteMany({ where: { name: job.name } });
    let clock = new Date("2026-11-21T03:00:00Z"); // 04:00 in Paris: not yet
    const scheduler = createScheduler({ prisma, jobs: [job], now: () => clock, log: { error: () => {}, log: () => {} } });
    expect(await scheduler.tick()).toEqual([]);
    clock = new Date("2026-11-21T03:30:00Z"); // 04:30 in Paris
    expect(await scheduler.tick()).toEqual(["qos-daily"]);
    const days = await queryRows<{ day: string; en: number; hs: number; silent: number }>(
      prisma,
      sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, en_service_s AS en, hors_service_s AS hs, silent_s AS silent
            FROM qos_point_day WHERE charge_point_id = ${p.chargePointId}::uuid ORDER BY day`,
    );
    // The 19th: 12 h in service then 12 h out; the 20th: out all day (within the week a status holds).
    expect(days).toEqual([
      { day: "2026-11-19", en: 12 * 3600, hs: 12 * 3600, silent: 0 },
      { day: "2026-11-20", en: 0, hs: 24 * 3600, silent: 0 },
    ]);
    const run = await prisma.scheduledJob.findUnique({ where: { name: job.name } });
    expect(run?.lastOutcome).toBe("success");
    expect(run?.lastMessage).toMatch(/^Qualité de service du 2026-11-19 au 2026-11-20 : \d+ point\(s\)-jour\(s\)/);
    await prisma.scheduledJob.deleteMany({ where: { name: job.name } });
  });
});
