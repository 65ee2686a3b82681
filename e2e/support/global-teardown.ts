import { execFileSync } from "node:child_process";

// Drops the per-run database created by e2e/support/e2e-database.ts.
export default async function globalTeardown() {
  const name = process.env.E2E_DROP_DATABASE;
  const url = process.env.E2E_DATABASE_URL;
  if (!name || !url) return;
  const admin = new URL(url);
  admin.pathname = "/postgres";
  try {
    const { closeDb } = await import("@/lib/platform/db/database");
    await closeDb();
  } catch {
    // the runner process may never have opened it
  }
  execFileSync("psql", [admin.toString(), "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: "pipe" });
}
