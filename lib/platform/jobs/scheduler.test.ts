import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { listScheduledJobs } from "@/lib/platform/jobs/list-scheduled-jobs";
import { ABANDONED_RUN_MS, createScheduler, type Job } from "@/lib/platform/jobs/scheduler";
import { uniqueSuffix } from "@/cli/demo/factories";
import { openTwoInstances } from "@/tests/support/common/two-instances";

// Two portal instances on one database (two pools on PostgreSQL with TEST_DATABASE_URL, two
// clients over one PGlite otherwise), each with its own scheduler and the same fake clock: every
// due occurrence runs once, whichever instance claims it.

let clients: [PrismaClient, PrismaClient];
let close: () => Promise<void>;
beforeAll(async () => {
  ({ clients, close } = await openTwoInstances());
});
afterAll(() => close());

const MINUTE = 60_000;
const quietLog = () => ({ error: vi.fn(), log: vi.fn() });

/** Two schedulers, "a" and "b", one per client, reading `clock.now`. */
function twoSchedulers(jobs: (instance: string) => Job[], clock: { now: Date }) {
  const logs = { a: quietLog(), b: quietLog() };
  const [a, b] = (["a", "b"] as const).map((instance, i) =>
    createScheduler({ prisma: clients[i], jobs: jobs(instance), now: () => clock.now, instance, log: logs[instance] }),
  );
  return { a, b, logs, both: async () => (await Promise.all([a.tick(), b.tick()])).flat() };
}

describe("one scheduler across two instances", () => {
  it("runs each due occurrence exactly once, across the March clock change", async () => {
    const suffix = uniqueSuffix();
    const runs: { daily: Date[]; quarter: Date[] } = { daily: [], quarter: [] };
    const jobs = (): Job[] => [
      {
        name: `daily-${suffix}`,
        label: "tâche quotidienne",
        schedule: { dailyAt: "03:30" },
        run: async ({ now }) => {
          runs.daily.push(now);
          await new Promise((r) => setImmediate(r)); // the other instance ticks meanwhile
          return "fait";
        },
      },
      { name: `quarter-${suffix}`, label: "tâche au quart d'heure", schedule: { everyMinutes: 15 }, run: async ({ now }) => void runs.quarter.push(now) },
    ];
    // From Saturday 28 March 2026, 12:02 UTC, to Monday 30 March, 12:02 UTC, a tick every 5 minutes on both instances.
    const clock = { now: new Date("2026-03-28T12:02:00Z") };
    const { both } = twoSchedulers(jobs, clock);
    expect(await both()).toEqual([]); // the rows are created at their next occurrence: nothing is due yet
    const end = Date.parse("2026-03-30T12:02:00Z");
    while (clock.now.getTime() < end) {
      clock.now = new Date(clock.now.getTime() + 5 * MINUTE);
      await both();
    }
    // 03:30 in Paris is 01:30 UTC on both days (summer time from Sunday 01:00 UTC); each ran at the first tick after it.
    expect(runs.daily.map((d) => d.toISOString())).toEqual(["2026-03-29T01:32:00.000Z", "2026-03-30T01:32:00.000Z"]);
    // Every quarter of an hour from 12:15 on the 28th to 12:00 on the 30th: 48 hours × 4, each once.
    const quarters = runs.quarter.map((d) => Math.floor(d.getTime() / (15 * MINUTE)));
    expect(runs.quarter).toHaveLength(192);
    expect(new Set(quarters).size).toBe(192);
    expect(runs.quarter[0].toISOString()).toBe("2026-03-28T12:17:00.000Z");
    expect(runs.quarter[191].toISOString()).toBe("2026-03-30T12:02:00.000Z");

    const row = await clients[0].scheduledJob.findUniqueOrThrow({ where: { name: `daily-${suffix}` } });
    expect(row).toMatchObject({ nextDue: new Date("2026-03-31T01:30:00Z"), runningSince: null, lastOutcome: "success", lastMessage: "fait" });
    expect(row.lastStartedAt?.toISOString()).toBe("2026-03-30T01:32:00.000Z");
  });

  it("records a failed run and runs the job again at its next occurrence, not before", async () => {
    const name = `failing-${uniqueSuffix()}`;
    let failing = true;
    const calls: string[] = [];
    const jobs = (instance: string): Job[] => [
      {
        name,
        label: "tâche fragile",
        schedule: { dailyAt: "04:00" },
        run: async () => {
          calls.push(instance);
          if (failing) throw new Error("serveur distant injoignable");
          return "rattrapé";
        },
      },
    ];
    const clock = { now: new Date("2026-10-24T12:00:00Z") };
    const { both, logs } = twoSchedulers(jobs, clock);
    await both();
    // 04:00 in Paris on Sunday 25 October is 03:00 UTC (winter time from 01:00 UTC).
    clock.now = new Date("2026-10-25T02:59:59Z");
    expect(await both()).toEqual([]);
    clock.now = new Date("2026-10-25T03:00:00Z");
    expect(await both()).toEqual([name]);
    expect(calls).toHaveLength(1);
    const failed = await clients[1].scheduledJob.findUniqueOrThrow({ where: { name } });
    expect(failed).toMatchObject({
      lastOutcome: "failure",
      lastMessage: "serveur distant injoignable",
      runningSince: null,
      nextDue: new Date("2026-10-26T03:00:00Z"),
    });
    expect([...logs.a.error.mock.calls, ...logs.b.error.mock.calls]).toEqual([["[tâches] échec de « tâche fragile »", expect.any(Error)]]);

    // Later that day, neither instance retries in a loop.
    for (const t of ["2026-10-25T03:01:00Z", "2026-10-25T12:00:00Z", "2026-10-26T02:59:00Z"]) {
      clock.now = new Date(t);
      expect(await both()).toEqual([]);
    }
    expect(calls).toHaveLength(1);

    failing = false;
    clock.now = new Date("2026-10-26T03:01:00Z");
    expect(await both()).toEqual([name]);
    expect(calls).toHaveLength(2);
    expect(await clients[0].scheduledJob.findUniqueOrThrow({ where: { name } })).toMatchObject({
      lastOutcome: "success",
      lastMessage: "rattrapé",
      nextDue: new Date("2026-10-27T03:00:00Z"),
    });
    // What the admin page shows, a job that no instance has registered yet included.
    const never: Job = { name: `never-${uniqueSuffix()}`, label: "jamais lancée", schedule: { everyMinutes: 5 }, run: async () => {} };
    expect(await listScheduledJobs([...jobs("a"), never], { prisma: clients[1] })).toEqual([
      {
        name,
        label: "tâche fragile",
        when: "chaque jour à 4 h (heure de Paris)",
        nextDue: new Date("2026-10-27T03:00:00Z"),
        runningSince: null,
        lastStartedAt: new Date("2026-10-26T03:01:00Z"),
        lastFinishedAt: new Date("2026-10-26T03:01:00Z"),
        lastOutcome: "success",
        lastMessage: "rattrapé",
        lastInstance: calls[1],
      },
      {
        name: never.name,
        label: "jamais lancée",
        when: "toutes les 5 minutes",
        nextDue: null,
        runningSince: null,
        lastStartedAt: null,
        lastFinishedAt: null,
        lastOutcome: null,
        lastMessage: null,
        lastInstance: null,
      },
    ]);
  });

  it("never starts a job that another instance is running, unless that run was abandoned", async () => {
    const name = `long-${uniqueSuffix()}`;
    const started: string[] = [];
    const releases: (() => void)[] = [];
    const jobs = (instance: string): Job[] => [
      {
        name,
        label: "tâche longue",
        schedule: { everyMinutes: 15 },
        run: () => {
          started.push(instance);
          return new Promise<string>((resolve) => releases.push(() => resolve(`fini par ${instance}`)));
        },
      },
    ];
    const clock = { now: new Date("2026-06-01T09:50:00Z") };
    const { a, b } = twoSchedulers(jobs, clock);
    await Promise.all([a.tick(), b.tick()]);

    clock.now = new Date("2026-06-01T10:00:00Z");
    const aRun = a.tick();
    await vi.waitUntil(() => started.length === 1);
    clock.now = new Date("2026-06-01T10:20:00Z"); // the 10:15 occurrence is due, but a still runs 10:00
    expect(await b.tick()).toEqual([]);
    releases[0]();
    expect(await aRun).toEqual([name]);

    // b now runs the 10:15 occurrence, and hangs.
    const bRun = b.tick();
    await vi.waitUntil(() => started.length === 2);
    expect(started).toEqual(["a", "b"]);
    clock.now = new Date("2026-06-01T10:31:00Z"); // 10:30 is due, b still runs
    expect(await a.tick()).toEqual([]);
    // Past the lease, b's instance is taken as dead: a runs the occurrence that is due.
    clock.now = new Date(Date.parse("2026-06-01T10:20:00Z") + ABANDONED_RUN_MS + MINUTE);
    const aLate = a.tick();
    await vi.waitUntil(() => started.length === 3);
    expect(started).toEqual(["a", "b", "a"]);
    releases[2]();
    expect(await aLate).toEqual([name]);
    releases[1](); // b's abandoned run ends late: it does not overwrite a's record
    expect(await bRun).toEqual([name]);
    expect(await clients[0].scheduledJob.findUniqueOrThrow({ where: { name } })).toMatchObject({
      lastInstance: "a",
      lastMessage: "fini par a",
      runningSince: null,
    });
  });
});
