import { describe, expect, it } from "vitest";
import { PORTAL_JOBS } from "@/cli/portal-jobs";
import { db } from "@/lib/platform/db/database";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { createScheduler } from "@/lib/platform/jobs/scheduler";
import { craftPoints, ensureCommune, makeDqTenant } from "@/tests/support/data-quality/crafted-data";

describe("the nightly data-quality job", () => {
  it("checks the two Paris days before today at 04:45, through the portal's scheduler", async () => {
    const prisma = await db();
    await ensureCommune();
    const t = await makeDqTenant();
    await craftPoints(t, 4, { powerKw: (i) => (i === 0 ? 7000 : 22) });
    const job = PORTAL_JOBS.find((j) => j.name === "data-quality-daily")!;
    await prisma.scheduledJob.deleteMany({ where: { name: job.name } });
    let clock = new Date("2026-11-21T03:30:00Z"); // 04:30 in Paris: not yet
    const scheduler = createScheduler({ prisma, jobs: [job], now: () => clock, log: { error: () => {}, log: () => {} } });
    expect(await scheduler.tick()).toEqual([]);
    clock = new Date("2026-11-21T03:45:00Z"); // 04:45 in Paris
    expect(await scheduler.tick()).toEqual(["data-quality-daily"]);
    const rows = await queryRows<{ day: string; checked: number; breaking: number; passed: boolean }>(
      prisma,
      sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, checked, breaking, passed FROM data_quality_result
           WHERE scope_kind = 'unit' AND scope_code = ${t.unit} AND rule_code = 'S1' ORDER BY day`,
    );
    // One point of four at 7,000 kW: 25 % of the unit's points, over S1's 1 %.
    expect(rows).toEqual([
      { day: "2026-11-19", checked: 4, breaking: 1, passed: false },
      { day: "2026-11-20", checked: 4, breaking: 1, passed: false },
    ]);
    const run = await prisma.scheduledJob.findUnique({ where: { name: job.name } });
    expect(run?.lastOutcome).toBe("success");
    expect(run?.lastMessage).toMatch(/^Qualité des données — 2026-11-19 : \d+ résultat\(s\)/);
    await prisma.scheduledJob.deleteMany({ where: { name: job.name } });
  });
});
