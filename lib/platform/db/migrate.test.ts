import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, listMigrations } from "@/lib/platform/db/migrate";

// Migrate round trips through the Prisma CLI (pointed at the WebAssembly schema engine stand-in
// by prisma.config.ts). The CLI only speaks PostgreSQL, so these run when TEST_DATABASE_URL is set.
const run = promisify(execFile);
const base = process.env.TEST_DATABASE_URL;
const onPostgres = Boolean(base?.startsWith("postgres"));

function urlFor(name: string): string {
  const url = new URL(base!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor("postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function withDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  const name = `advenir_migrate_${randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  try {
    await fn(urlFor(name));
  } finally {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

async function prisma(args: string[], url: string) {
  try {
    const { stdout, stderr } = await run("npx", ["prisma", ...args], { env: { ...process.env, DATABASE_URL: url }, timeout: 120_000 });
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, output: `${err.stdout ?? ""}${err.stderr ?? ""}` };
  }
}

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

const SKIP = "TEST_DATABASE_URL (PostgreSQL) non défini : le CLI Prisma ne parle qu'à PostgreSQL";

describe("migrations round trip on PostgreSQL", () => {
  it.skipIf(!onPostgres)(`prisma migrate deploy, then migrate status says up to date${onPostgres ? "" : ` — ignoré : ${SKIP}`}`, async () => {
    await withDatabase(async (url) => {
      const before = await prisma(["migrate", "status"], url);
      expect(before.code).not.toBe(0); // an empty database has pending migrations
      const deploy = await prisma(["migrate", "deploy"], url);
      expect(deploy.output).toMatch(/applied|All migrations have been successfully applied/i);
      expect(deploy.code).toBe(0);
      const status = await prisma(["migrate", "status"], url);
      expect(status.output).toContain("Database schema is up to date");
      expect(status.code).toBe(0);
      expect(await tables(url)).toEqual(expect.arrayContaining(["_prisma_migrations", "app_user", "attestation", "station"]));
    });
  });

  it.skipIf(!onPostgres)(
    `applyMigrations (lib/platform/db/migrate.ts), then prisma migrate status agrees${onPostgres ? "" : ` — ignoré : ${SKIP}`}`,
    async () => {
      await withDatabase(async (url) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        const sql = { exec: async (t: string) => void (await client.query(t)), query: async (t: string, p?: unknown[]) => (await client.query(t, p)).rows };
        try {
          expect(await applyMigrations(sql, { useAdvisoryLock: true })).toEqual(await listMigrations());
          expect(await applyMigrations(sql)).toEqual([]); // idempotent
        } finally {
          await client.end();
        }
        const status = await prisma(["migrate", "status"], url);
        expect(status.output).toContain("Database schema is up to date");
        expect(status.code).toBe(0);
      });
    },
  );
});
