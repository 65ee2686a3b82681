import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";

export const UNKNOWN_EVSES_PAGE_SIZE = 20;
/** Most rows in one CSV export (the newest seen); the file says when it stops there. */
export const UNKNOWN_EVSES_EXPORT_MAX = 50_000;

const unknownEvseSelect = {
  env: true,
  evseId: true,
  rawEvseId: true,
  operatorCode: true,
  operatorId: true,
  reason: true,
  messages: true,
  firstSeenAt: true,
  lastSeenAt: true,
} as const;

type Reader = Pick<PrismaClient, "gireveUnknownEvse" | "operator">;

async function readUnknownEvses(prisma: Reader, skip: number, take: number) {
  const rows = await prisma.gireveUnknownEvse.findMany({
    select: unknownEvseSelect,
    orderBy: [{ lastSeenAt: "desc" }, { env: "asc" }, { evseId: "asc" }],
    skip,
    take,
  });
  const operatorIds = [...new Set(rows.flatMap((r) => (r.operatorId ? [r.operatorId] : [])))];
  const operators = await prisma.operator.findMany({ where: { id: { in: operatorIds } }, select: { id: true, name: true } });
  const name = new Map(operators.map((o) => [o.id, o.name]));
  return rows.map((r) => ({ ...r, operatorName: r.operatorId ? (name.get(r.operatorId) ?? null) : null }));
}

/**
 * The EVSEs the relay named that no consenting dossier declares (eMIP 10601), most recently seen
 * first, one page, with the name of the portal's operator the message's operatorId designates.
 */
export async function listUnknownEvses(input: { page?: number; pageSize?: number } = {}, options: { prisma?: PrismaClient } = {}) {
  const prisma = options.prisma ?? (await db());
  const pageSize = input.pageSize ?? UNKNOWN_EVSES_PAGE_SIZE;
  const total = await prisma.gireveUnknownEvse.count();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const items = await readUnknownEvses(prisma, (page - 1) * pageSize, pageSize);
  return { items, total, page, pageCount, pageSize };
}

/** Every unknown EVSE for the CSV export, most recently seen first, up to `max`; `total` counts them all. */
export async function exportUnknownEvses(input: { max?: number } = {}, options: { prisma?: PrismaClient } = {}) {
  const prisma = options.prisma ?? (await db());
  const [total, items] = await Promise.all([prisma.gireveUnknownEvse.count(), readUnknownEvses(prisma, 0, input.max ?? UNKNOWN_EVSES_EXPORT_MAX)]);
  return { items, total };
}

export type UnknownEvse = Awaited<ReturnType<typeof readUnknownEvses>>[number];
