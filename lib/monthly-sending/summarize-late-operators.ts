import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import type { StationSending } from "@/lib/monthly-sending/list-sending-statuses";

export interface LateOperator {
  operatorId: string;
  operatorName: string;
  lateStations: number;
  /** The longest silence among its late stations, in days. */
  longestSilentDays: number;
  /** Addresses a reminder goes to (active operator accounts). */
  contacts: string[];
  /** Its latest reminder, whatever its outcome. */
  lastReminder: { period: string; status: string; attemptedAt: Date; sentAt: Date | null; error: string | null } | null;
}

/** The operators with late stations (admin), the most late stations first, with their contacts and latest reminder. */
export async function summarizeLateOperators(late: StationSending[], options: { prisma?: PrismaClient } = {}): Promise<LateOperator[]> {
  const prisma = options.prisma ?? (await db());
  const groups = new Map<string, StationSending[]>();
  for (const s of late) groups.set(s.operatorId, [...(groups.get(s.operatorId) ?? []), s]);
  const ids = [...groups.keys()];
  if (ids.length === 0) return [];
  const [users, reminders] = await Promise.all([
    prisma.user.findMany({
      where: { role: "operateur", operatorId: { in: ids }, disabledAt: null },
      select: { email: true, operatorId: true },
      orderBy: { email: "asc" },
    }),
    prisma.monthlySendingReminder.findMany({
      where: { operatorId: { in: ids } },
      orderBy: [{ period: "desc" }],
      select: { operatorId: true, period: true, status: true, attemptedAt: true, sentAt: true, error: true },
    }),
  ]);
  return ids
    .map((operatorId) => {
      const stations = groups.get(operatorId)!;
      const last = reminders.find((r) => r.operatorId === operatorId);
      return {
        operatorId,
        operatorName: stations[0].operatorName,
        lateStations: stations.length,
        longestSilentDays: Math.max(...stations.map((s) => s.silentDays)),
        contacts: users.filter((u) => u.operatorId === operatorId).map((u) => u.email),
        lastReminder: last ? { period: last.period, status: last.status, attemptedAt: last.attemptedAt, sentAt: last.sentAt, error: last.error } : null,
      };
    })
    .sort((a, b) => b.lateStations - a.lateStations || b.longestSilentDays - a.longestSilentDays || a.operatorName.localeCompare(b.operatorName, "fr"));
}
