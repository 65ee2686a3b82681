import "server-only";
import { db } from "@/lib/platform/db/database";
import { actorSirens, type TiruertActor } from "@/lib/tiruert/scope";
import { filingDeadline, quarterBounds, quarterOf, type QuarterRef } from "@/lib/tiruert/quarter";
import { listSessionsReceivedAfter, stateOf, type StatementState } from "@/lib/tiruert/list-statements";
import { parisDay } from "@/lib/platform/time/paris-time";

// What each of the actor's aménageurs has to do: its registered points and, for the four last
// ended quarters, the statement's state, its deadline and what is still missing (not filed, late,
// sessions received since the filing waiting for a correction).

export interface QuarterStatus extends QuarterRef {
  deadline: string;
  state: StatementState;
  latestVersion: number;
  overdue: boolean;
  sessionsSinceFiling: number;
}

export interface AmenageurStatus {
  siren: string;
  points: number;
  quarters: QuarterStatus[];
}

/** The `count` quarters ended before `now`, latest first. */
export function endedQuarters(now: Date, count = 4): QuarterRef[] {
  const out: QuarterRef[] = [];
  let q = quarterOf(now);
  while (out.length < count) {
    q = q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: (q.quarter - 1) as 1 | 2 | 3 };
    if (quarterBounds(q).end <= now) out.push(q);
  }
  return out;
}

export async function listAmenageurStatuses(input: { actor: TiruertActor; now?: Date }): Promise<AmenageurStatus[]> {
  const now = input.now ?? new Date();
  const today = parisDay(now);
  const prisma = await db();
  const out: AmenageurStatus[] = [];
  for (const siren of (await actorSirens(input.actor)).slice(0, 200)) {
    const points = await prisma.tiruertPoint.count({ where: { siren } });
    // A beneficiary acts for its own SIREN whether or not it has registered a point: without a
    // registered point nor a filed statement, it has not joined the scheme yet, and listing its
    // quarters as "overdue" would be wrong (the page invites it to register its points instead).
    if (points === 0 && (await prisma.tiruertStatement.count({ where: { siren } })) === 0) continue;
    const quarters: QuarterStatus[] = [];
    for (const q of endedQuarters(now)) {
      const versions = await prisma.tiruertStatement.findMany({
        where: { siren, ...q },
        select: { version: true, filedAt: true },
        orderBy: { version: "desc" },
      });
      const deadline = filingDeadline(q);
      const since = versions[0] ? (await listSessionsReceivedAfter({ siren, ...q, after: versions[0].filedAt })).length : 0;
      quarters.push({
        ...q,
        deadline,
        state: stateOf(versions),
        latestVersion: versions[0]?.version ?? 0,
        overdue: versions.length === 0 && today > deadline,
        sessionsSinceFiling: since,
      });
    }
    out.push({ siren, points, quarters });
  }
  return out;
}
