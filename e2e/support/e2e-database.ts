import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";

// Browser and API tests run against a fresh PostgreSQL database per run, so that tests can create
// their own data with the same factories as the integration tests while the server runs.
// Base server: E2E_DATABASE_URL (used as is), else TEST_DATABASE_URL's server, else local default.
export function e2eDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const base = new URL(process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres");
  const name = `advenir_e2e_${randomBytes(4).toString("hex")}`;
  const admin = new URL(base);
  admin.pathname = "/postgres";
  try {
    execFileSync("psql", [admin.toString(), "-v", "ON_ERROR_STOP=1", "-qc", `CREATE DATABASE ${name}`], { stdio: "pipe" });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? String(e);
    throw new Error(
      `Les tests de bout en bout ont besoin de PostgreSQL (${admin.host}) : ${stderr.trim()}\n` +
        "Démarrez-le (pg_ctlcluster --skip-systemctl-redirect 15 main start) ou indiquez E2E_DATABASE_URL.",
    );
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  process.env.E2E_DATABASE_URL = url.toString();
  process.env.E2E_DROP_DATABASE = name;
  return url.toString();
}
