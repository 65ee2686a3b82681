import { randomBytes } from "node:crypto";
import pg from "pg";
import { assertLocalDatabase } from "@/tests/support/common/assert-local-database";

/**
 * A PostgreSQL database of its own, for tests that empty tables for everyone (the end-of-programme
 * purge), on the server of `baseUrl`. drop() waits for the test's own connections to finish
 * closing before dropping it: forcing the drop would kill a connection still closing, whose
 * client then reports an error the test did not cause.
 */
export async function createIsolatedDatabase(baseUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  assertLocalDatabase(baseUrl);
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const adminUrl = new URL(baseUrl);
  adminUrl.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      try {
        for (let i = 0; i < 100; i++) {
          const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
          if (rows[0].n === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
