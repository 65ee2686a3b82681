import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";

export interface AuditEntry {
  actor: string;
  actorUserId?: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details?: Prisma.InputJsonValue;
}

type AuditWriter = Pick<Prisma.TransactionClient, "auditLog">;

/** Appends one audit row; pass `tx` to write it inside the caller's transaction. */
export async function recordAudit(entry: AuditEntry, tx?: AuditWriter): Promise<void> {
  const client = tx ?? (await db());
  await client.auditLog.create({
    data: {
      actor: entry.actor,
      actorUserId: entry.actorUserId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details ?? {},
    },
  });
}
