import { describe, expect, it } from "vitest";
import { db, rawSql } from "@/lib/platform/db/database";

// PostgreSQL dropping the pools' idle connections (a restart, a failover, an administrator's
// pg_terminate_backend) must not end the process: the next queries open new connections.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe("idle connections lost", () => {
  it.skipIf(!onPostgres)("survives the server closing every idle connection, and queries again", async () => {
    const sql = await rawSql();
    const prisma = await db();
    await Promise.all([sql.query("SELECT 1"), sql.query("SELECT 1", [], { relaxedCommit: true }), prisma.operator.count()]);
    const killed = await sql.query<{ n: number }>(
      "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    expect(killed[0].n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300)); // the pools see their connections end
    const [a] = await sql.query<{ ok: number }>("SELECT 1 AS ok");
    const [b] = await sql.query<{ ok: number }>("SELECT 1 AS ok", [], { relaxedCommit: true });
    expect([a.ok, b.ok, typeof (await prisma.operator.count())]).toEqual([1, 1, "number"]);
  });
});
