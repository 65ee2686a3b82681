import { afterEach, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { MONTHLY_REMINDERS_JOB, PORTAL_JOBS } from "@/cli/portal-jobs";
import { createScheduler, type Job } from "@/lib/platform/jobs/scheduler";

// The scheduler's timers, on fake timers and a stand-in for the jobs table that grants every
// claim (the table itself is tested on a real database in scheduler.test.ts).
function grantingTable(): PrismaClient {
  return {
    scheduledJob: { createMany: async () => ({ count: 0 }), updateMany: async () => ({ count: 1 }) },
    $queryRaw: async () => [{ name: "granted" }],
  } as unknown as PrismaClient;
}

describe("the portal's scheduler", () => {
  it("is the one scheduler: the daily indicator recomputation, the raw-body purge, the status partitions, the monthly-sending reminders, the quality of service, its publication, the usage indicators' publication and the data quality are its jobs", () => {
    expect(PORTAL_JOBS.map((j) => [j.name, j.label, j.schedule])).toEqual([
      ["raw-body-purge", "Purge des corps bruts expirés", { dailyAt: "03:30" }],
      ["indicator-recompute", "Recalcul quotidien des indicateurs", { dailyAt: "04:00" }],
      ["status-partitions", "Partitions mensuelles de l'historique des statuts", { dailyAt: "03:15" }],
      ["monthly-sending-reminders", "Rappels de la règle d'envoi mensuel (stations en retard)", { dailyAt: "09:00" }],
      ["qos-daily", "Calcul quotidien de la qualité de service (statuts des deux derniers jours)", { dailyAt: "04:30" }],
      ["qos-publication", "Publication de la qualité de service des mois clos", { dailyAt: "05:00" }],
      ["usage-publication", "Publication des indicateurs d'usage des mois clos", { dailyAt: "05:15" }],
      ["data-quality-daily", "Contrôle quotidien de la qualité des données (deux derniers jours)", { dailyAt: "04:45" }],
    ]);
    expect(MONTHLY_REMINDERS_JOB.name).toBe("monthly-sending-reminders");
  });

  afterEach(() => vi.useRealTimers());

  it("ticks after its first delay then periodically, logging failures without throwing, until stopped", async () => {
    vi.useFakeTimers();
    const run = vi.fn().mockResolvedValue(undefined);
    const failing = vi.fn().mockRejectedValue(new Error("boom"));
    const log = { error: vi.fn(), log: vi.fn() };
    const jobs: Job[] = [
      { name: "ok", label: "ok", schedule: { everyMinutes: 1 }, run },
      { name: "ko", label: "ko", schedule: { everyMinutes: 1 }, run: failing },
    ];
    const stop = createScheduler({ prisma: grantingTable(), jobs, log }).start({ everyMs: 1000, firstMs: 10 });
    await vi.advanceTimersByTimeAsync(10);
    expect(run).toHaveBeenCalledTimes(1);
    expect(log.error).toHaveBeenCalledWith("[tâches] échec de « ko »", expect.any(Error));
    await vi.advanceTimersByTimeAsync(2000);
    expect(run).toHaveBeenCalledTimes(3);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("never overlaps two ticks of the same instance", async () => {
    vi.useFakeTimers();
    let release: () => void = () => {};
    const run = vi.fn(() => new Promise<void>((r) => (release = r)));
    const log = { error: vi.fn(), log: vi.fn() };
    const stop = createScheduler({ prisma: grantingTable(), jobs: [{ name: "lent", label: "lent", schedule: { everyMinutes: 1 }, run }], log }).start({
      everyMs: 100,
      firstMs: 0,
    });
    await vi.advanceTimersByTimeAsync(350);
    expect(run).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(2);
    stop();
  });

  it("logs a tick that cannot reach the database, and keeps ticking", async () => {
    vi.useFakeTimers();
    const log = { error: vi.fn(), log: vi.fn() };
    const down = { scheduledJob: { createMany: async () => Promise.reject(new Error("ECONNREFUSED")) } } as unknown as PrismaClient;
    const stop = createScheduler({ prisma: down, jobs: PORTAL_JOBS, log }).start({ everyMs: 100, firstMs: 0 });
    await vi.advanceTimersByTimeAsync(150);
    expect(log.error.mock.calls).toEqual([
      ["[tâches] planificateur : base de données indisponible", expect.any(Error)],
      ["[tâches] planificateur : base de données indisponible", expect.any(Error)],
    ]);
    stop();
  });
});
