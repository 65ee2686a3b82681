import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl, getEnv } from "@/lib/platform/env";
import { applyMigrations, type SqlExecutor } from "@/lib/platform/db/migrate";
import { pgTransaction } from "@/lib/platform/db/sql-transaction";

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
    const release = inMemory ? () => {} : await lockDirectory(dir);
    const pglite = new PGlite(inMemory ? undefined : dir);
    const sql: SqlExecutor = {
      exec: async (text) => void (await pglite.exec(text)),
      query: async (text, params) => (await pglite.query(text, params)).rows as never[],
    };
    if (migrate) await applyMigrations(sql);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      prisma,
      sql,
      kind: "pglite",
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
        release();
      },
    };
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
  // Journal rows of reads and of refused calls need not wait for the disk (ADR 0020): a small
  // pool of its own, so that the setting never leaks to a data write. Opened on first use.
  const relaxedPool = new pg.Pool({ connectionString: url, max: 3, options: "-c synchronous_commit=off" });
  // An idle connection the server drops (a restart, a failover) is an "error" event of its pool,
  // which would end the process if nobody listened: the pool forgets that connection and the next
  // query opens another.
  for (const p of [pool, relaxedPool]) p.on("error", (e) => getEnv().LOG_ERRORS && console.error("[db] idle connection lost", e.message));
  const sql: SqlExecutor = {
    exec: async (text) => void (await pool.query(text)),
    query: async (text, params, options) => (await (options?.relaxedCommit ? relaxedPool : pool).query({ text, values: params, name: options?.name })).rows,
    transaction: (fn) => pgTransaction(pool, fn),
  };
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    sql,
    kind: "postgres",
    close: async () => {
      await prisma.$disconnect();
      await Promise.all([pool.end(), relaxedPool.end()]);
    },
  };
}

/**
 * PGlite is one in-process PostgreSQL: two processes opening the same directory would corrupt
 * it. A lock file holding the owner's pid makes the second one (say, the CLI while the portal
 * runs) stop with a clear message instead.
 */
async function lockDirectory(dir: string): Promise<() => void> {
  const fs = await import("node:fs");
  fs.mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true });
  const lockFile = `${dir.replace(/\/+$/, "")}.lock`;
  try {
    const owner = Number(fs.readFileSync(/*turbopackIgnore: true*/ lockFile, "utf8"));
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `La base embarquée ${dir} est déjà ouverte par le processus ${owner} (le portail ?). ` +
          "Arrêtez-le avant de lancer cette commande, ou utilisez PostgreSQL (DATABASE_URL).",
      );
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  fs.writeFileSync(/*turbopackIgnore: true*/ lockFile, String(process.pid));
  const release = () => {
    try {
      if (Number(fs.readFileSync(/*turbopackIgnore: true*/ lockFile, "utf8")) === process.pid) fs.unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
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

/** Which database the process's client is on (PGlite has one connection: no work in parallel). */
export async function databaseKind(): Promise<"postgres" | "pglite"> {
  return (await opened()).kind;
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
