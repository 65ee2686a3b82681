import { rawSql } from "@/lib/db";
import { pendingMigrations } from "@/lib/db/migrate";

export interface Health {
  ok: boolean;
  database: "joignable" | "injoignable";
  pendingMigrations: string[];
}

/** Database reachable and every migration on disk applied. */
export async function checkHealth(): Promise<Health> {
  try {
    const sql = await rawSql();
    await sql.query("SELECT 1");
    const pending = await pendingMigrations(sql);
    return { ok: pending.length === 0, database: "joignable", pendingMigrations: pending };
  } catch {
    return { ok: false, database: "injoignable", pendingMigrations: [] };
  }
}
