// `npm run bench:ingest`: the ADVENIR data API measured over HTTP, end to end, on PostgreSQL.
// 1. creates a unique local PostgreSQL database (dropped at the end, even on failure);
// 2. builds the portal if .next is missing, starts the real server (cli/start.ts) on it;
// 3. creates an operator, a signed dossier and 200 stations through lib/ functions;
// 4. posts realistic data: 50,000 operations in one body (timed against a raw COPY of the same
//    rows into the same table), load curves, a 15 MB body (server peak RSS), small puts at 32
//    concurrent clients (autocannon, p99); then the memory section (bench/ingest/memory.ts):
//    one and 8 concurrent 15 MB bodies, 12 MB of keys, a gzip bomb (server peak RSS), on a
//    server started anew for it;
//    BENCH_INGEST_PARTS=memory runs that section alone (written to its own markers);
//    BENCH_INGEST_PARTS=small-puts (or bulk: the 50,000-operation rounds) runs that part alone,
//    printed only (a quick check);
// 5. writes the figures to docs/benchmarks.md between <!-- bench:ingest --> markers
//    (BENCH_WRITE_DOCS=0 to only print them).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { measureOperationsBody, median, runScenarios } from "./ingest/scenarios";
import { measureSmallPuts } from "./ingest/small-puts";
import { renderReport } from "./ingest/render";
import { writeSection } from "./ingest/report";
import { memoryOf, startServer } from "./ingest/server";
import { makeStationSpecs } from "./ingest/generate";
import { renderMemory, runMemoryScenarios } from "./ingest/memory";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function assertLocal(url: string) {
  const u = new URL(url);
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(u.hostname)) throw new Error(`Refusing to benchmark a non-local database (${u.hostname}).`);
}

async function main() {
  assertLocal(ADMIN_URL);
  const startedAt = Date.now();
  const loadAtStart = os.loadavg()[0];
  if (!existsSync(".next/BUILD_ID")) {
    console.log("No build: npm run build…");
    const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const dbName = `bench_ingest_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  process.env.DATABASE_URL = databaseUrl;
  process.env.LOG_ERRORS = "true";
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    // Tenant through the lib functions, on the bench database (migrations applied on open).
    const { openDatabase } = await import("@/lib/platform/db/database");
    const opened = await openDatabase(databaseUrl);
    const { makeOperator, makeDossier, makeStations } = await import("@/cli/demo/factories");
    const prisma = opened.prisma;
    const operator = await makeOperator({ prisma, name: "Opérateur banc d'essai", credentials: ["production"] });
    const dossier = await makeDossier({ prisma, operatorId: operator.id, signed: true });
    const stations = makeStationSpecs(200);
    await makeStations({
      prisma,
      dossierId: dossier.id,
      stations: stations.map((s) => ({ stationCode: s.code, pointCount: s.pointCount, nominalPowerKw: s.nominalPowerKw })),
    });
    await opened.close();
    console.log(`Database ${dbName}: operator, signed dossier, ${stations.length} stations`);

    const serverEnv = { DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: randomBytes(24).toString("hex"), LOG_ERRORS: "true" };
    server = await startServer(serverEnv);
    console.log(`Server on port ${server.port}, serving process ${server.pid}`);
    const { username, secret } = operator.credentials[0];
    const auth = `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}`;
    if (process.env.BENCH_INGEST_PARTS === "small-puts") {
      const small = await measureSmallPuts({
        baseUrl: `http://127.0.0.1:${server.port}`,
        auth,
        userId: operator.id,
        stations: stations.map((s) => s.code),
        databaseUrl,
      });
      console.log(JSON.stringify(small, null, 1));
      console.log(`small-put p99, portal / minimal server: ${(small.portal.p99 / small.minimal.p99).toFixed(2)}×`);
      return;
    }
    if (process.env.BENCH_INGEST_PARTS === "bulk") {
      const input = { baseUrl: `http://127.0.0.1:${server.port}`, auth, userId: operator.id, stations, serverPid: server.pid, databaseUrl };
      await measureOperationsBody(input, "WARM"); // warm-up
      const { rounds } = await measureOperationsBody(input);
      const http = median(rounds.map((r) => r.httpMs));
      const copy = median(rounds.map((r) => r.copyMs));
      const sandbox = median(rounds.map((r) => r.sandboxCopyMs));
      console.log(rounds.map((r) => `${r.httpMs.toFixed(0)} / ${r.copyMs.toFixed(0)} / ${r.sandboxCopyMs.toFixed(0)} ms`).join("; "));
      console.log(
        `50,000 operations, HTTP rate / COPY rate: ${((100 * copy) / http).toFixed(0)} % (against the sandbox COPY: ${((100 * sandbox) / http).toFixed(0)} %)`,
      );
      return;
    }
    const memoryOnly = process.env.BENCH_INGEST_PARTS === "memory";
    const results = memoryOnly
      ? null
      : await runScenarios({ baseUrl: `http://127.0.0.1:${server.port}`, auth, userId: operator.id, stations, serverPid: server.pid, databaseUrl });
    // The memory section on a server of its own: after the small-put load test, the server's RSS
    // stays where the load took it (V8 keeps its old generation's pages, reused by the next
    // requests, never given back while idle), and a body's peak measured on top of it would
    // say more about that load than about the body. Reported beside the section.
    let loadedRss: number | null = null;
    if (results) {
      loadedRss = memoryOf(server.pid).rss;
      await server.stop();
      server = await startServer(serverEnv);
      console.log(
        `Memory section on a new server (port ${server.port}, process ${server.pid}); the first one's RSS was ${(loadedRss / 2 ** 20).toFixed(0)} MiB`,
      );
    }
    const memory = await runMemoryScenarios({ baseUrl: `http://127.0.0.1:${server.port}`, auth, userId: operator.id, stations, serverPid: server.pid });
    const pgVersion = (await admin.query("SHOW server_version")).rows[0].server_version as string;
    const machine = {
      date: new Date().toISOString().slice(0, 10),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "",
      memoryGiB: os.totalmem() / 1024 ** 3,
      pgVersion,
      node: process.version,
      seconds: Math.round((Date.now() - startedAt) / 1000),
      load: [loadAtStart, os.loadavg()[0]] as [number, number],
    };
    const memoryMarkdown = renderMemory(memory, {
      date: machine.date,
      budgetBytes: Number(process.env.API_MAX_INFLIGHT_BODY_BYTES ?? 48 * 1024 * 1024),
      loadedRss,
    });
    const memoryHeader = `Machine: ${machine.cpus} vCPU (${machine.cpuModel.trim()}), ${machine.memoryGiB.toFixed(1)} GiB RAM, PostgreSQL ${pgVersion}, Node ${machine.node}; load average (1 min) at start / end ${machine.load[0].toFixed(1)} / ${machine.load[1].toFixed(1)}.`;
    console.log(`\n${memoryMarkdown}\n${memoryHeader}`);
    if (process.env.BENCH_WRITE_DOCS !== "0") console.log(`Written to ${writeSection(`${memoryMarkdown}\n${memoryHeader}\n`, "ingest-memory")}`);
    if (!results) return;
    const markdown = renderReport(results, machine);
    console.log(`\n${markdown}`);
    if (process.env.BENCH_WRITE_DOCS !== "0") console.log(`Written to ${writeSection(markdown)}`);
  } finally {
    await server?.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
