// Runs once when the server starts: refuse to start on an invalid configuration, and open the
// database (which applies pending migrations) before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/lib/env");
  getEnv();
  const { db } = await import("@/lib/db");
  await db();
  const { startJobsOnce } = await import("@/lib/jobs/start-jobs");
  startJobsOnce();
  // Indicators are recomputed daily (skipped when another instance just did it).
  if (process.env.JOBS_DISABLED !== "1") {
    const { startIndicatorSchedule } = await import("@/lib/indicators/refresh-indicators");
    startIndicatorSchedule({ intervalHours: 24, firstDelayMs: 10 * 60_000 });
  }
}
