import { rawSql } from "@/lib/platform/db/database";
import { MIGRATIONS_DIR, pendingMigrations } from "@/lib/platform/db/migrate";

export interface Health {
  ok: boolean;
  database: "joignable" | "injoignable";
  pendingMigrations: string[];
}

/** Database reachable and every migration on disk applied. */
export async function checkHealth({ migrationsDir = MIGRATIONS_DIR }: { migrationsDir?: string } = {}): Promise<Health> {
  try {
    const sql = await rawSql();
    await sql.query("SELECT 1");
    const pending = await pendingMigrations(sql, migrationsDir);
    return { ok: pending.length === 0, database: "joignable", pendingMigrations: pending };
  } catch {
    return { ok: false, database: "injoignable", pendingMigrations: [] };
  }
}
