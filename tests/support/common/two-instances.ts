import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { openDatabase } from "@/lib/platform/db/database";
import { applyMigrations } from "@/lib/platform/db/migrate";

/**
 * Two clients on one database, as two portal instances behind a load balancer would hold: on
 * PostgreSQL (TEST_DATABASE_URL) two Prisma clients with a pool each; on PGlite, which has one
 * connection, two Prisma clients with an adapter each over the same in-process database.
 */
export async function openTwoInstances(): Promise<{ kind: "postgres" | "pglite"; clients: [PrismaClient, PrismaClient]; close(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const a = await openDatabase(url);
    const b = await openDatabase(url);
    return { kind: "postgres", clients: [a.prisma, b.prisma], close: async () => void (await Promise.all([a.close(), b.close()])) };
  }
  const pglite = new PGlite();
  await applyMigrations({ exec: async (t) => void (await pglite.exec(t)), query: async (t, p) => (await pglite.query(t, p)).rows as never[] });
  const a = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const b = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "pglite",
    clients: [a, b],
    close: async () => {
      await Promise.all([a.$disconnect(), b.$disconnect()]);
      await pglite.close();
    },
  };
}
