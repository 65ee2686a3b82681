import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlTransaction } from "@/lib/platform/db/sql-transaction";

export interface QueryOptions {
  /** A prepared statement's name (see SqlExecutor.query). */
  name?: string;
  /**
   * Commit without waiting for the WAL flush (synchronous_commit off, ADR 0020): for call-journal
   * rows only, never for data a client was told is stored. PGlite ignores it.
   */
  relaxedCommit?: boolean;
}

/** Plain SQL on either database (lib/platform/db/database.ts): the migration runner, health checks and the data API's hot path. */
export interface SqlExecutor {
  exec(sql: string): Promise<void>;
  /**
   * `name` makes it a prepared statement on PostgreSQL: parsed and planned once per connection
   * rather than on every call (PGlite, one in-process connection, ignores it).
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** PostgreSQL only: `fn` in one transaction on one connection, with COPY (lib/platform/db/sql-transaction.ts). */
  transaction?<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
}

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// Arbitrary constant: serialises concurrent start-ups against one PostgreSQL database.
const ADVISORY_LOCK_KEY = 728_341_992;

/**
 * Applies prisma/migrations/<name>/migration.sql in order, each in its own transaction, and
 * records them in `_prisma_migrations` exactly as Prisma Migrate does (SHA-256 checksum of the
 * file), so `prisma migrate status` agrees afterwards. Used for both PGlite (which the Prisma
 * CLI cannot reach) and PostgreSQL at start-up.
 */
export async function applyMigrations(db: SqlExecutor, options: { dir?: string; useAdvisoryLock?: boolean } = {}): Promise<string[]> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  if (options.useAdvisoryLock) await db.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
  try {
    await db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const done = new Set(
      (
        await db.query<{ migration_name: string }>(
          `SELECT migration_name FROM "_prisma_migrations"
           WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
      ).map((r) => r.migration_name),
    );
    const applied: string[] = [];
    for (const name of await listMigrations(dir)) {
      if (done.has(name)) continue;
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      await db.exec("BEGIN");
      try {
        await db.exec(sql);
        await db.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, name],
        );
        await db.exec("COMMIT");
      } catch (e) {
        await db.exec("ROLLBACK");
        throw new Error(`La migration ${name} a échoué : ${(e as Error).message}`);
      }
      applied.push(name);
    }
    return applied;
  } finally {
    if (options.useAdvisoryLock) await db.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]);
  }
}

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  return entries
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Names of migrations present on disk but not applied (what /api/health checks). */
export async function pendingMigrations(db: SqlExecutor, dir = MIGRATIONS_DIR): Promise<string[]> {
  const rows = await db
    .query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    )
    .catch(() => []);
  const done = new Set(rows.map((r) => r.migration_name));
  return (await listMigrations(dir)).filter((n) => !done.has(n));
}
