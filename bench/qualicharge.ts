// `npm run bench:qualicharge`: QualiCharge's API v1 measured over HTTP on the portal's server, on
// PostgreSQL. Creates a unique local database (dropped at the end, even on failure), an operator
// with BENCH_UNITS operational units of BENCH_POINTS_PER_UNIT points, two API users, starts the
// server on it, and runs the sections in order (BENCH_SECTIONS=name,name to run some):
//   status-bulk    (a) bulks of 1,000 statuses vs a raw COPY of the same rows (≥ 50 %, ≥ 20,000/s)
//   status-single  (b) single status POSTs at 32 clients vs a one-INSERT Node server (p99 ≤ 1.5×)
//   sessions       session bulks of 1,000 (≥ 10,000 sessions/s), then the same bulks again (unchanged)
//   status-reads   (c) status_event at --rows rows (default 100,000,000): one point's latest status
//                  (< 10 ms) and every point of one unit (< 200 ms)
// Another section is one more entry of SECTIONS. Figures replace the
// <!-- bench:qualicharge --> section of docs/benchmarks.md (BENCH_WRITE_DOCS=0 to only print).
// Quick run: npm run bench:qualicharge -- --rows 2000000 (with BENCH_ROUND_SECONDS=3).
import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { fmt, writeSection } from "./ingest/report";
import type { BenchContext, BenchSection, SectionResult } from "./qualicharge/context";
import { makeBenchPoints, startPortal } from "./qualicharge/setup";
import { statusBulkSection } from "./qualicharge/status-bulk";
import { statusSingleSection } from "./qualicharge/status-single";
import { statusReadsSection } from "./qualicharge/status-reads";
import { sessionBulksSection } from "./qualicharge/session-bulks";

const SECTIONS: BenchSection[] = [statusBulkSection, statusSingleSection, sessionBulksSection, statusReadsSection];

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function assertLocal(url: string) {
  const u = new URL(url);
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(u.hostname)) throw new Error(`Refusing to benchmark a non-local database (${u.hostname}).`);
}

function rowsArgument(): number {
  const i = process.argv.indexOf("--rows");
  const value = i >= 0 ? Number(process.argv[i + 1]) : 100_000_000;
  if (!Number.isInteger(value) || value < 0) throw new Error("--rows: a whole number of rows expected");
  return value;
}

async function main() {
  assertLocal(ADMIN_URL);
  const rows = rowsArgument();
  const wanted = process.env.BENCH_SECTIONS?.split(",").map((s) => s.trim());
  const sections = wanted ? SECTIONS.filter((s) => wanted.includes(s.name)) : SECTIONS;
  const startedAt = Date.now();
  const loadAtStart = os.loadavg()[0];
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const dbName = `bench_qualicharge_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  process.env.DATABASE_URL = databaseUrl;
  process.env.QUALICHARGE_JWT_SECRET = randomBytes(32).toString("hex");
  process.env.QUALICHARGE_TOKEN_MINUTES ??= "600";
  process.env.LOG_ERRORS = "true";
  let portal: Awaited<ReturnType<typeof startPortal>> | undefined;
  try {
    // API users through the test support (lib functions), migrations applied on open.
    const { makeQualichargeTenant, freshUnitCode } = await import("@/tests/support/qualicharge/tenant");
    const { closeDb } = await import("@/lib/platform/db/database");
    const units = Array.from({ length: Number(process.env.BENCH_UNITS ?? 5) }, freshUnitCode);
    const tenant = await makeQualichargeTenant({ units });
    const oneUnit = await makeQualichargeTenant({ units: [units[0]], operatorId: tenant.operatorId });
    await closeDb();
    const points = await makeBenchPoints(databaseUrl, tenant.operatorId, units, Number(process.env.BENCH_POINTS_PER_UNIT ?? 2000));
    console.log(`Database ${dbName}: ${units.length} units, ${points.length} points`);
    portal = await startPortal({
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
      QUALICHARGE_JWT_SECRET: process.env.QUALICHARGE_JWT_SECRET,
      LOG_ERRORS: "true",
    });
    console.log(`Server: ${portal.kind}, ${portal.url}`);
    const ctx: BenchContext = {
      baseUrl: portal.url,
      databaseUrl,
      auth: tenant.auth,
      oneUnitAuth: oneUnit.auth,
      units,
      points,
      rows,
      serverKind: portal.kind,
    };
    const results: SectionResult[] = [];
    for (const section of sections) {
      console.log(`\n== ${section.name}`);
      const result = await section.run(ctx);
      console.log(result.markdown);
      results.push(result);
    }
    const pgVersion = (await admin.query("SHOW server_version")).rows[0].server_version as string;
    const cpus = os.cpus();
    const markdown = [
      "## QualiCharge API (`npm run bench:qualicharge`)",
      "",
      `Run of ${new Date().toISOString().slice(0, 10)} (\`${["npm run bench:qualicharge --", ...process.argv.slice(2)].join(" ")}\`, ${fmt((Date.now() - startedAt) / 1000)} s): ${cpus.length} vCPU (${cpus[0]?.model.trim() ?? ""}), ${fmt(os.totalmem() / 1024 ** 3, 1)} GiB RAM, PostgreSQL ${pgVersion}, Node ${process.version}; load average (1 min) at start / end ${fmt(loadAtStart, 1)} / ${fmt(os.loadavg()[0], 1)}. Server: ${portal.kind}.`,
      "",
      ...results.flatMap((r) => [r.markdown, ""]),
      "| target | |",
      "|---|---|",
      ...results.flatMap((r) => r.targets.map((t) => `| ${t.label} | ${t.ok ? "✅ met" : "❌ missed"} |`)),
    ].join("\n");
    console.log(`\n${markdown}`);
    if (process.env.BENCH_WRITE_DOCS !== "0") console.log(`Written to ${writeSection(markdown, "qualicharge")}`);
  } finally {
    await portal?.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
