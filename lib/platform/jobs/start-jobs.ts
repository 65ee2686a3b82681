import { db } from "@/lib/platform/db/database";
import { createScheduler, type Job } from "@/lib/platform/jobs/scheduler";

// Started by the server (instrumentation.ts, which Next.js runs in `npm start`'s server as in
// `next start`); JOBS_DISABLED=1 skips it. Every instance starts it: the jobs table makes each
// occurrence run once across instances (lib/platform/jobs/scheduler.ts).

let started = false;

/** Whether this process runs the scheduler (JOBS_DISABLED=1: it does not). */
export function jobsDisabled(): boolean {
  return process.env.JOBS_DISABLED === "1";
}

/** Starts the scheduler once per process (instrumentation may be called more than once). */
export async function startJobsOnce(jobs: readonly Job[]): Promise<void> {
  if (started || jobsDisabled()) return;
  started = true;
  createScheduler({ prisma: await db(), jobs }).start();
}
