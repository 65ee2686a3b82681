import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { getEnv } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { formatLongDay } from "@/lib/platform/format";
import { parisDay } from "@/lib/platform/time/paris-time";
import { queryRows, sql, type RawQueryClient } from "@/lib/platform/db/sql";

// Where the programme stands for its individual data: the configured end, what is held, and the
// purge once done. The purge is recorded in the audit log (action PURGE_ACTION on the programme),
// which is also how the rest of the portal knows that collection is closed.

export const PURGE_ACTION = "donnees_individuelles:purge";
export const PROGRAMME_TARGET = { targetType: "programme", targetId: "ADVENIR" } as const;

/** SQL: whether the purge has been recorded (a boolean expression, for the writers' gates). */
export const PURGE_RECORDED_SQL = `EXISTS (SELECT 1 FROM audit_log
                  WHERE target_type = '${PROGRAMME_TARGET.targetType}' AND target_id = '${PROGRAMME_TARGET.targetId}' AND action = '${PURGE_ACTION}')`;

export interface IndividualDataCounts {
  chargeOperations: number;
  loadCurves: number;
  submissions: number;
  activeCredentials: number;
  /** Statuses of charge points (history and latest), whichever door they came through. */
  statuses: number;
  /** Active machine accounts of the QualiCharge API. */
  activeApiUsers: number;
}

const NO_COUNTS: IndividualDataCounts = { chargeOperations: 0, loadCurves: 0, submissions: 0, activeCredentials: 0, statuses: 0, activeApiUsers: 0 };

export interface PurgeRecord {
  at: Date;
  actor: string;
  counts: IndividualDataCounts;
}

export interface ProgrammeStatus {
  /** "YYYY-MM-DD", or null when PROGRAMME_END_DATE is not configured. */
  endDate: string | null;
  /** Today (Paris) is on or after the end date. */
  ended: boolean;
  /** What is held now (after a purge: what arrived since, normally nothing). */
  held: IndividualDataCounts;
  purge: PurgeRecord | null;
}

type Reader = RawQueryClient;

export async function countIndividualData(client: Reader): Promise<IndividualDataCounts> {
  const [row] = await queryRows<{ ops: number; curves: number; subs: number; creds: number; statuses: number; api_users: number }>(
    client,
    sql`SELECT (SELECT count(*) FROM charge_operation)::int AS ops, (SELECT count(*) FROM load_curve)::int AS curves,
            (SELECT count(*) FROM submission)::int AS subs, (SELECT count(*) FROM api_credential WHERE revoked_at IS NULL)::int AS creds,
            ((SELECT count(*) FROM status_event) + (SELECT count(*) FROM charge_point_status))::int AS statuses,
            (SELECT count(*) FROM api_user WHERE is_active)::int AS api_users`,
  );
  return {
    chargeOperations: row.ops,
    loadCurves: row.curves,
    submissions: row.subs,
    activeCredentials: row.creds,
    statuses: row.statuses,
    activeApiUsers: row.api_users,
  };
}

export async function findPurge(prisma: Pick<PrismaClient, "auditLog">): Promise<PurgeRecord | null> {
  const row = await prisma.auditLog.findFirst({
    where: { ...PROGRAMME_TARGET, action: PURGE_ACTION },
    orderBy: { at: "asc" },
    select: { at: true, actor: true, details: true },
  });
  if (!row) return null;
  const d = (row.details ?? {}) as { counts?: IndividualDataCounts };
  return { at: row.at, actor: row.actor, counts: { ...NO_COUNTS, ...d.counts } };
}

export function programmeEnded(endDate: string | undefined, now: Date): boolean {
  return endDate !== undefined && parisDay(now) >= endDate;
}

export async function getProgrammeStatus(input: { now?: Date } = {}, options: { prisma?: PrismaClient } = {}): Promise<ProgrammeStatus> {
  const prisma = options.prisma ?? (await db());
  const endDate = getEnv().PROGRAMME_END_DATE;
  const [held, purge] = await Promise.all([countIndividualData(prisma), findPurge(prisma)]);
  return { endDate: endDate ?? null, ended: programmeEnded(endDate, input.now ?? new Date()), held, purge };
}

/** Refuses what would collect or compute from individual data once it has been purged. */
export async function assertNotPurged(prisma: Pick<PrismaClient, "auditLog">, what: string): Promise<void> {
  const purge = await findPurge(prisma);
  if (purge) {
    throw new AppError("CONFLICT", `Le programme est clos : les données individuelles ont été purgées le ${formatLongDay(purge.at)}. ${what}`);
  }
}
