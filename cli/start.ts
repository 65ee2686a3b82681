// `npm start`: one command from a fresh clone to a running portal.
// 1. builds when the build is missing or older than the sources;
// 2. opens the database (embedded PGlite under .data/ unless DATABASE_URL is set), which applies
//    pending migrations, loads the shipped reference data, and seeds the demo data once (never
//    over real data; SEED_DEMO=0 skips it, SEED_DEMO_ACTIVITY=0 skips its year of activity);
// 3. serves http://localhost:3000 (PORT, HOST) through cli/http-server.ts.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";

const root = process.cwd();
Object.assign(process.env, { NODE_ENV: "production" });
process.env.NEXT_TELEMETRY_DISABLED = "1";

function ensureSecret(name: "NEXTAUTH_SECRET" | "QUALICHARGE_JWT_SECRET", fileName: string): void {
  if (process.env[name]) return;
  // A random secret kept beside the embedded database, so sessions and tokens survive restarts. A
  // real deployment sets it itself (the server refuses to start in production without).
  const file = path.join(root, ".data", fileName);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64"), { mode: 0o600 });
    console.log(`${name} absent : secret aléatoire généré dans .data/${fileName}`);
  }
  chmodSync(file, 0o600);
  process.env[name] = readFileSync(file, "utf8").trim();
}

function newestMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

const SOURCES = ["app", "components", "lib", "prisma/schema.prisma", "public", "next.config.mjs", "proxy.ts", "instrumentation.ts", "package-lock.json"];

function buildIfNeeded(): void {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (builtAt > 0 && SOURCES.every((s) => newestMtime(s) <= builtAt)) return;
  console.log(builtAt ? "Sources modifiées : reconstruction…" : "Première construction du portail (quelques minutes)…");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit", cwd: root, env: process.env });
  if (result.status !== 0) {
    console.error("La construction a échoué.");
    process.exit(result.status ?? 1);
  }
}

async function prepareDatabase(): Promise<void> {
  const { getEnv, databaseUrl } = await import("@/lib/platform/env");
  getEnv();
  const { db, closeDb } = await import("@/lib/platform/db/database");
  const prisma = await db();
  const { ensureReferenceData } = await import("@/lib/reference-data/ensure-reference-data");
  await ensureReferenceData({ prisma });
  if (process.env.SEED_DEMO !== "0") {
    const { seedDemo } = await import("@/cli/demo/seed-demo");
    const result = await seedDemo({ prisma });
    console.log(result.message);
    if (result.status === "created" && process.env.SEED_DEMO_ACTIVITY !== "0") {
      console.log("Génération d'une année d'activité de démonstration et calcul des indicateurs (une minute environ)…");
      const { seedDemoActivity } = await import("@/cli/demo/seed-demo-activity");
      console.log(await seedDemoActivity());
    }
    if (result.status === "created") {
      const { seedDemoGireve } = await import("@/cli/demo/seed-demo-relay");
      console.log(await seedDemoGireve({ prisma }));
    }
  }
  await closeDb();
  console.log(`Base de données prête (${databaseUrl().startsWith("pglite:") ? "PGlite embarquée" : "PostgreSQL"}).`);
}

async function main() {
  ensureSecret("NEXTAUTH_SECRET", "auth-secret");
  ensureSecret("QUALICHARGE_JWT_SECRET", "qualicharge-jwt-secret");
  buildIfNeeded();
  await prepareDatabase();
  const { startHttpServer } = await import("@/cli/http-server");
  const { getEnv } = await import("@/lib/platform/env");
  await startHttpServer();
  const { PORT } = getEnv();
  console.log(`Portail démarré : http://localhost:${PORT}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
