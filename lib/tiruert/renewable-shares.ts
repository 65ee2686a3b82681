import "server-only";
import { db } from "@/lib/platform/db/database";
import { recordAudit } from "@/lib/audit/record-audit";
import type { RenewableShareInput } from "@/lib/schemas/tiruert";
import { AppError } from "@/lib/platform/errors";

// The share of renewable electricity in France by year (reference data of the Q4 correction).
// 2021–2024 ship with Eurostat's values and their source (docs/tiruert.md); the admin enters each
// later year (and corrects a revised one) from Eurostat with the address it was read at. Every
// change is written to the audit log in the same transaction, with the value before and after.

export const EUROSTAT_SHARES_URL = "https://ec.europa.eu/eurostat/web/energy/database/additional-data";
export const EUROSTAT_DATASET_URL = "https://ec.europa.eu/eurostat/databrowser/view/nrg_ind_ren/default/table?lang=fr";

export interface RenewableShare {
  year: number;
  sharePercent: number;
  source: string;
  updatedAt: Date;
  updatedBy: string;
}

/** Every year with a sourced share, most recent first. */
export async function listRenewableShares(): Promise<RenewableShare[]> {
  const prisma = await db();
  const rows = await prisma.tiruertRenewableShare.findMany({ orderBy: { year: "desc" } });
  return rows.map((r) => ({ ...r, sharePercent: Number(r.sharePercent) }));
}

/** The shares as a map year → percent (the input of the Q4 correction). */
export async function renewableShareMap(): Promise<Map<number, number>> {
  return new Map((await listRenewableShares()).map((s) => [s.year, s.sharePercent]));
}

/** Creates or replaces a year's share, audited with its previous value. */
export async function setRenewableShare(input: RenewableShareInput & { actor: string; actorUserId?: string | null }): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const before = await tx.tiruertRenewableShare.findUnique({ where: { year: input.year } });
    const data = { sharePercent: input.sharePercent, source: input.source, updatedBy: input.actor, updatedAt: new Date() };
    await tx.tiruertRenewableShare.upsert({ where: { year: input.year }, create: { year: input.year, ...data }, update: data });
    await recordAudit(
      {
        actor: input.actor,
        actorUserId: input.actorUserId,
        action: "tiruert.renewable_share.set",
        targetType: "tiruert_renewable_share",
        targetId: String(input.year),
        details: {
          before: before ? { sharePercent: Number(before.sharePercent), source: before.source } : null,
          after: { sharePercent: input.sharePercent, source: input.source },
        },
      },
      tx,
    );
  });
}

/** Removes a year's share (the correction of that year's successors goes back to "en attente"). */
export async function removeRenewableShare(input: { year: number; actor: string; actorUserId?: string | null }): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const before = await tx.tiruertRenewableShare.findUnique({ where: { year: input.year } });
    if (!before) throw new AppError("NOT_FOUND", `Aucune part renouvelable enregistrée pour ${input.year}.`);
    await tx.tiruertRenewableShare.delete({ where: { year: input.year } });
    await recordAudit(
      {
        actor: input.actor,
        actorUserId: input.actorUserId,
        action: "tiruert.renewable_share.remove",
        targetType: "tiruert_renewable_share",
        targetId: String(input.year),
        details: { before: { sharePercent: Number(before.sharePercent), source: before.source } },
      },
      tx,
    );
  });
}
