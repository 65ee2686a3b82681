import os from "node:os";
import type { PrismaClient } from "@/generated/prisma/client";
import { nextOccurrence, type JobSchedule } from "@/lib/platform/jobs/job-schedule";

// The portal's one scheduler (ADR 0018). Each instance ticks every minute; for each declared job
// it claims the due occurrence in the shared `scheduled_job` table with one conditional UPDATE
// (next_due <= now, not running), which moves next_due to the following occurrence. PostgreSQL
// lets one UPDATE of a row win: the other instance re-reads the moved next_due and gets no row.
// So several instances behind a load balancer run each occurrence once, and an occurrence missed
// while every instance was down runs once at the next tick. A failed run is recorded (outcome,
// message) and the job runs again at its next occurrence, never in a loop.

export interface JobContext {
  prisma: PrismaClient;
  /** The instant the run started (the scheduler's clock, injected in tests). */
  now: Date;
}

export interface Job {
  /** Key of the job's row in scheduled_job; never rename one that ran (its history would restart). */
  name: string;
  /** What the admin page calls it, in French. */
  label: string;
  schedule: JobSchedule;
  /** Does the work; returns a short French report, kept as the run's message. */
  run(context: JobContext): Promise<string | void>;
}

/** A run still marked as running after this long is taken as abandoned (its instance died): the next due occurrence may start. */
export const ABANDONED_RUN_MS = 6 * 3_600_000;

export interface Scheduler {
  /** Runs, one after the other, the jobs due now that no other instance claimed; returns the names of those this instance ran. */
  tick(): Promise<string[]>;
  /** Ticks every `everyMs` (the first time after `firstMs`) on unref'd timers; returns a function that stops them. */
  start(timing?: { everyMs?: number; firstMs?: number }): () => void;
}

export function createScheduler(options: {
  prisma: PrismaClient;
  jobs: readonly Job[];
  now?: () => Date;
  /** Written as last_instance: which instance ran a job. */
  instance?: string;
  log?: Pick<Console, "error" | "log">;
}): Scheduler {
  const { prisma, jobs } = options;
  const clock = options.now ?? (() => new Date());
  const instance = options.instance ?? `${os.hostname()}:${process.pid}`;
  const log = options.log ?? console;
  let registered = false;
  let ticking = false;

  // A job's row is created at its first occurrence after now: a new job waits for its time.
  async function register(): Promise<void> {
    const now = clock();
    await prisma.scheduledJob.createMany({ data: jobs.map((j) => ({ name: j.name, nextDue: nextOccurrence(j.schedule, now) })), skipDuplicates: true });
    registered = true;
  }

  async function runIfDue(job: Job): Promise<boolean> {
    const startedAt = clock();
    const next = nextOccurrence(job.schedule, startedAt);
    const abandonedBefore = new Date(startedAt.getTime() - ABANDONED_RUN_MS);
    const claimed = await prisma.$queryRaw<{ name: string }[]>`
      UPDATE scheduled_job
         SET next_due = ${next}, running_since = ${startedAt}, last_started_at = ${startedAt}, last_instance = ${instance}
       WHERE name = ${job.name} AND next_due <= ${startedAt} AND (running_since IS NULL OR running_since < ${abandonedBefore})
      RETURNING name`;
    if (claimed.length === 0) return false;
    let outcome: "success" | "failure" = "success";
    let message = "";
    try {
      message = (await job.run({ prisma, now: startedAt })) ?? "";
      if (message) log.log(`[tâches] ${message}`);
    } catch (e) {
      outcome = "failure";
      message = e instanceof Error ? e.message : String(e);
      log.error(`[tâches] échec de « ${job.label} »`, e);
    }
    const finishedAt = clock();
    // Only the run that holds the row closes it (an abandoned run's late end changes nothing).
    await prisma.scheduledJob.updateMany({
      where: { name: job.name, runningSince: startedAt },
      data: {
        runningSince: null,
        lastFinishedAt: finishedAt,
        lastOutcome: outcome,
        lastMessage: message.slice(0, 1000),
        lastDurationMs: finishedAt.getTime() - startedAt.getTime(),
      },
    });
    return true;
  }

  async function tick(): Promise<string[]> {
    // One tick at a time per instance: a long run delays the next tick, it never doubles it.
    if (ticking) return [];
    ticking = true;
    try {
      if (!registered) await register();
      const ran: string[] = [];
      for (const job of jobs) if (await runIfDue(job)) ran.push(job.name);
      return ran;
    } finally {
      ticking = false;
    }
  }

  function start(timing: { everyMs?: number; firstMs?: number } = {}): () => void {
    const safeTick = () => void tick().catch((e) => log.error("[tâches] planificateur : base de données indisponible", e));
    const first = setTimeout(safeTick, timing.firstMs ?? 30_000);
    const every = setInterval(safeTick, timing.everyMs ?? 60_000);
    first.unref();
    every.unref();
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }

  return { tick, start };
}
