import { afterAll, describe, expect, it } from "vitest";
import { db, rawSql } from "@/lib/platform/db/database";
import { createScheduler } from "@/lib/platform/jobs/scheduler";
import { PORTAL_JOBS } from "@/cli/portal-jobs";
import { ensureStatusPartitions } from "@/lib/statuses/ensure-status-partitions";

// The daily job that creates status_event's monthly partitions ahead (current month + 3), on
// PGlite and PostgreSQL. A far-off year keeps the test's partitions apart from the real ones;
// they are dropped at the end (the PostgreSQL test database is shared by runs).
const YEAR = 2300 + Math.floor(Math.random() * 500);
const names = (months: number[]) => months.map((m) => `status_event_y${m > 12 ? YEAR + 1 : YEAR}m${String(((m - 1) % 12) + 1).padStart(2, "0")}`);

async function existing(candidates: string[]): Promise<string[]> {
  const sql = await rawSql();
  const rows = await sql.query<{ relname: string }>(
    "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'status_event'::regclass AND c.relname = ANY($1::text[])",
    [candidates],
  );
  return rows.map((r) => r.relname).sort();
}

afterAll(async () => {
  const sql = await rawSql();
  for (const name of await existing(names([10, 11, 12, 13, 14, 15, 16]))) await sql.exec(`DROP TABLE ${name}`);
});

describe("status_event's partitions", () => {
  it("creates the current month's partition and the next three, once", async () => {
    const prisma = await db();
    const now = new Date(Date.UTC(YEAR, 10, 20, 2, 15)); // November
    expect(await existing(names([11, 12, 13, 14]))).toEqual([]);
    expect(await ensureStatusPartitions({ prisma, now })).toBe(4);
    expect(await existing(names([10, 11, 12, 13, 14, 15]))).toEqual(names([11, 12, 13, 14]).sort());
    expect(await ensureStatusPartitions({ prisma, now })).toBe(0);
    // A status at the end of the last month created is stored in it.
    const sql = await rawSql();
    await sql.query(
      `INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, etat_pdc, occupation_pdc)
       VALUES (gen_random_uuid(), gen_random_uuid(), $1::timestamptz, gen_random_uuid(), 'QUALICHARGE', 'en_service', 'libre')`,
      [new Date(Date.UTC(YEAR + 1, 1, 28, 23, 59)).toISOString()],
    );
    const [row] = await sql.query<{ part: string }>("SELECT tableoid::regclass::text AS part FROM status_event WHERE horodatage = $1::timestamptz", [
      new Date(Date.UTC(YEAR + 1, 1, 28, 23, 59)).toISOString(),
    ]);
    expect(row.part).toBe(names([14])[0]);
  });

  it("is a job of the portal's one scheduler, which runs it at its daily time", async () => {
    const prisma = await db();
    const job = PORTAL_JOBS.find((j) => j.name === "status-partitions");
    expect(job?.schedule).toEqual({ dailyAt: "03:15" });
    await prisma.scheduledJob.deleteMany({ where: { name: "status-partitions" } });
    let clock = new Date(Date.UTC(YEAR, 11, 1, 0, 0));
    const scheduler = createScheduler({ prisma, jobs: [job!], now: () => clock, log: { error: () => {}, log: () => {} } });
    expect(await scheduler.tick()).toEqual([]);
    clock = new Date(Date.UTC(YEAR, 11, 1, 3, 0)); // 04:00 in Paris
    expect(await scheduler.tick()).toEqual(["status-partitions"]);
    expect(await existing(names([15]))).toEqual(names([15]));
    const run = await prisma.scheduledJob.findUnique({ where: { name: "status-partitions" } });
    expect(run?.lastMessage).toMatch(/^1 partition\(s\) créée\(s\)/);
    await prisma.scheduledJob.deleteMany({ where: { name: "status-partitions" } });
  });
});
