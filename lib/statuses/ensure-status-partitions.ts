import type { PrismaClient } from "@/generated/prisma/client";
import { queryRows, sql } from "@/lib/platform/db/sql";

// The monthly partitions of status_event (ADR 0019), created ahead by the scheduler's daily job:
// the current month (UTC, the partitions' bounds) and the next MONTHS_AHEAD, so that a status,
// at most 24 h old, always finds its partition even when some daily runs are missed.
// ensure_status_partitions (the migration's function) creates only the missing ones.

export const MONTHS_AHEAD = 3;

/** Creates the missing partitions from `now`'s month to MONTHS_AHEAD months later; returns how many it created. */
export async function ensureStatusPartitions(input: { prisma: Pick<PrismaClient, "$queryRawUnsafe">; now: Date }): Promise<number> {
  const first = `${input.now.toISOString().slice(0, 7)}-01`;
  const [row] = await queryRows<{ created: number }>(input.prisma, sql`SELECT ensure_status_partitions(${first}::date, ${MONTHS_AHEAD + 1}::int) AS created`);
  return Number(row?.created ?? 0);
}
