import type { PrismaClient } from "@/generated/prisma/client";
import { openDatabase } from "@/lib/platform/db/database";
import { createIsolatedDatabase } from "@/tests/support/common/isolated-database";

/**
 * A database for one test file alone, for tests of what is shared by everyone (the purge, the
 * charge caches): a fresh PostgreSQL database when TEST_DATABASE_URL is set (dropped by close()),
 * else its own in-memory PGlite.
 */
export async function openOwnDatabase(prefix: string): Promise<{ prisma: PrismaClient; close(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  const own = base ? await createIsolatedDatabase(base, prefix) : null;
  const opened = await openDatabase(own?.url ?? "pglite:memory://");
  return {
    prisma: opened.prisma,
    async close() {
      await opened.close();
      await own?.drop();
    },
  };
}
