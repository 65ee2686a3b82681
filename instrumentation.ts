// Runs once when the server starts: refuse to start on an invalid configuration, open the
// database (which applies pending migrations) and load the reference data before the first
// request, then start the periodic jobs.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/lib/platform/env");
  getEnv();
  const { db } = await import("@/lib/platform/db/database");
  await db();
  // The shipped INSEE codes and default carbon series (idempotent; npm start already did it).
  const { ensureReferenceData } = await import("@/lib/reference-data/ensure-reference-data");
  await ensureReferenceData();
  // The one scheduler: raw-body purge and daily indicator recomputation, each occurrence run by one
  // instance only (lib/platform/jobs/, ADR 0018).
  const { startJobsOnce } = await import("@/lib/platform/jobs/start-jobs");
  const { PORTAL_JOBS } = await import("@/cli/portal-jobs");
  await startJobsOnce(PORTAL_JOBS);
}
