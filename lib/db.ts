import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl } from "@/lib/env";
import { applyMigrations, type SqlExecutor } from "@/lib/db/migrate";

// One Prisma client per process. DATABASE_URL=postgresql://… → PostgreSQL through
// @prisma/adapter-pg; unset or pglite:<dir> → embedded PGlite (pglite:memory:// for RAM).
// Migrations are applied when the client is first opened, on either database.

export type Db = PrismaClient;

interface Opened {
  prisma: PrismaClient;
  sql: SqlExecutor;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
}

export async function openDatabase(url: string, options: { migrate?: boolean } = {}): Promise<Opened> {
  const migrate = options.migrate ?? true;
  if (url.startsWith("pglite:")) {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const dir = url.slice("pglite:".length);
    const inMemory = dir === "memory://" || dir === "";
    if (!inMemory) (await import("node:fs")).mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true });
    const pglite = new PGlite(inMemory ? undefined : dir);
    const sql: SqlExecutor = {
      exec: async (text) => void (await pglite.exec(text)),
      query: async (text, params) => (await pglite.query(text, params)).rows as never[],
    };
    if (migrate) await applyMigrations(sql);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return { prisma, sql, kind: "pglite", close: async () => { await prisma.$disconnect(); await pglite.close(); } };
  }
  const pg = (await import("pg")).default;
  const { PrismaPg } = await import("@prisma/adapter-pg");
  if (migrate) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await applyMigrations(
        { exec: async (t) => void (await client.query(t)), query: async (t, p) => (await client.query(t, p)).rows },
        { useAdvisoryLock: true },
      );
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const sql: SqlExecutor = {
    exec: async (text) => void (await pool.query(text)),
    query: async (text, params) => (await pool.query(text, params)).rows,
  };
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { prisma, sql, kind: "postgres", close: async () => { await prisma.$disconnect(); await pool.end(); } };
}

const g = globalThis as unknown as { __advenirDb?: Promise<Opened> };

function opened(): Promise<Opened> {
  g.__advenirDb ??= openDatabase(databaseUrl()).catch((e) => {
    g.__advenirDb = undefined; // let the next call retry (e.g. PostgreSQL was starting)
    throw e;
  });
  return g.__advenirDb;
}

/** The process's Prisma client (migrations applied). */
export async function db(): Promise<PrismaClient> {
  return (await opened()).prisma;
}

/** Plain SQL on the same database, for checks that Prisma does not express (health). */
export async function rawSql(): Promise<SqlExecutor> {
  return (await opened()).sql;
}

export async function closeDb(): Promise<void> {
  const current = g.__advenirDb;
  g.__advenirDb = undefined;
  if (current) await (await current).close();
}
