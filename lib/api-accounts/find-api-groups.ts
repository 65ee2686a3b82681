import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";

/** The ids of groups named by their names (the CLI names groups), or NOT_FOUND naming the missing ones. */
export async function findApiGroupIds(names: string[], options: { prisma?: PrismaClient } = {}): Promise<string[]> {
  if (names.length === 0) return [];
  const prisma = options.prisma ?? (await db());
  const groups = await prisma.apiGroup.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
  const missing = names.filter((n) => !groups.some((g) => g.name === n));
  if (missing.length > 0)
    throw new AppError("NOT_FOUND", `Groupe(s) introuvable(s) : ${missing.join(", ")}.`, [
      { path: "groupIds", message: `groupe(s) introuvable(s) : ${missing.join(", ")}` },
    ]);
  return names.map((n) => groups.find((g) => g.name === n)!.id);
}
