import "server-only";
import { db } from "@/lib/platform/db/database";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/platform/errors";
import { computeStatement } from "@/lib/tiruert/compute-statement";
import { contentSha256 } from "@/lib/tiruert/statement-content";
import { quarterBounds, quarterLabel, type Quarter } from "@/lib/tiruert/quarter";
import { canActForSiren, type TiruertActor } from "@/lib/tiruert/scope";
import { provisionalCertifiedWh } from "@/lib/tiruert/certified-quantity";

// Filing a quarterly statement (docs/tiruert.md): the statement is computed with the sessions
// received up to now, frozen as canonical JSON with its SHA-256, and stored as version
// `expectedVersion + 1`, never updated afterwards. Version 1 files it; a later version corrects it
// (the previous ones are kept). The unique key (siren, year, quarter, version) makes filing
// idempotent: a double submit of the same form (same expected version), even concurrent, stores
// one version; the second answers the version already filed.

export interface FileStatementInput {
  actor: TiruertActor & { label: string; userId?: string | null };
  siren: string;
  year: number;
  quarter: Quarter;
  /** The latest version the person saw (0: none filed yet). */
  expectedVersion: number;
  now?: Date;
}

export type FileStatementResult =
  { kind: "filed"; id: string; version: number; sha256: string } | { kind: "already-filed"; id: string; version: number; sha256: string };

/** Energy of the latest filed version of each of the year's quarters 1–3 (for the Q4 correction). */
async function filedEnergies(siren: string, year: number): Promise<Map<number, number>> {
  const prisma = await db();
  const rows = await prisma.tiruertStatement.findMany({
    where: { siren, year, quarter: { in: [1, 2, 3] } },
    orderBy: { version: "asc" },
    select: { quarter: true, energyWh: true },
  });
  return new Map(rows.map((r) => [r.quarter, Number(r.energyWh)]));
}

export async function fileStatement(input: FileStatementInput): Promise<FileStatementResult> {
  if (!(await canActForSiren(input.actor, input.siren))) throw new AppError("NOT_FOUND", "État introuvable.");
  const now = input.now ?? new Date();
  const q = { year: input.year, quarter: input.quarter };
  if (now < quarterBounds(q).end)
    throw new AppError("CONFLICT", `Le trimestre ${quarterLabel(q)} n'est pas terminé : son état ne peut pas encore être déposé.`);
  const prisma = await db();
  const where = { siren: input.siren, year: input.year, quarter: input.quarter };
  const latest = await prisma.tiruertStatement.findFirst({ where, orderBy: { version: "desc" }, select: { id: true, version: true, sha256: true } });
  const current = latest?.version ?? 0;
  const version = input.expectedVersion + 1;
  if (input.expectedVersion < current) {
    // The same submission arrived again (double click, resent form): the version it asked for exists.
    const same = await prisma.tiruertStatement.findUnique({
      where: { siren_year_quarter_version: { ...where, version } },
      select: { id: true, version: true, sha256: true },
    });
    return { kind: "already-filed", ...same! };
  }
  if (input.expectedVersion > current)
    throw new AppError("CONFLICT", `Version ${input.expectedVersion} inconnue : la dernière version déposée est ${current}.`);
  if (current === 0 && (await prisma.tiruertPoint.count({ where: { siren: input.siren } })) === 0)
    throw new AppError("CONFLICT", "Aucun point n'est enregistré pour cet aménageur : enregistrez ses points ouverts au public avant de déposer un état.");
  const content = await computeStatement({
    ...q,
    siren: input.siren,
    receivedUpTo: now,
    filedEnergyWh: input.quarter === 4 ? await filedEnergies(input.siren, input.year) : undefined,
  });
  const sha256 = contentSha256(content);
  const stored = await prisma.$transaction(async (tx) => {
    const { count } = await tx.tiruertStatement.createMany({
      data: [
        {
          ...where,
          version,
          content: content as object,
          sha256,
          energyWh: BigInt(content.totals.energyWh),
          certifiedWh: provisionalCertifiedWh(content.totals.energyWh),
          filedAt: now,
          filedBy: input.actor.label,
          filedByUserId: input.actor.userId ?? null,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return null;
    const row = await tx.tiruertStatement.findUniqueOrThrow({ where: { siren_year_quarter_version: { ...where, version } }, select: { id: true } });
    await recordAudit(
      {
        actor: input.actor.label,
        actorUserId: input.actor.userId,
        action: "tiruert.statement.filed",
        targetType: "tiruert_statement",
        targetId: row.id,
        details: { siren: input.siren, year: input.year, quarter: input.quarter, version, sha256, energyWh: content.totals.energyWh },
      },
      tx,
    );
    return row;
  });
  if (stored) return { kind: "filed", id: stored.id, version, sha256 };
  const other = await prisma.tiruertStatement.findUniqueOrThrow({
    where: { siren_year_quarter_version: { ...where, version } },
    select: { id: true, version: true, sha256: true },
  });
  return { kind: "already-filed", ...other };
}
