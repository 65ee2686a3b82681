import { db } from "@/lib/platform/db/database";
import { PORTAL_JOBS } from "@/lib/platform/jobs/portal-jobs";
import { createScheduler } from "@/lib/platform/jobs/scheduler";

// Started by the server (instrumentation.ts, which Next.js runs in `npm start`'s server as in
// `next start`); JOBS_DISABLED=1 skips it. Every instance starts it: the jobs table makes each
// occurrence run once across instances (lib/platform/jobs/scheduler.ts).

let started = false;

/** Whether this process runs the scheduler (JOBS_DISABLED=1: it does not). */
export function jobsDisabled(): boolean {
  return process.env.JOBS_DISABLED === "1";
}

/** Starts the scheduler once per process (instrumentation may be called more than once). */
export async function startJobsOnce(): Promise<void> {
  if (started || jobsDisabled()) return;
  started = true;
  createScheduler({ prisma: await db(), jobs: PORTAL_JOBS }).start();
}
