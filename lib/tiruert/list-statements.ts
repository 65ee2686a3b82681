import "server-only";
import { db } from "@/lib/platform/db/database";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { AppError } from "@/lib/platform/errors";
import { canActForSiren, type TiruertActor } from "@/lib/tiruert/scope";
import { quarterBounds, type QuarterRef } from "@/lib/tiruert/quarter";
import { exclusionReasons } from "@/lib/tiruert/session-exclusion";
import type { StatementContent } from "@/lib/tiruert/statement-content";

// Reading filed statements: the versions of one quarter (a correction keeps the versions before
// it), one version with its content (receipt, exports), and the sessions that arrived after the
// latest version was filed, listed for the next correction (they never change a filed version).

export type StatementState = "brouillon" | "depose" | "corrige";

export const STATE_LABELS: Record<StatementState, string> = { brouillon: "brouillon", depose: "déposé", corrige: "corrigé" };

export interface FiledVersion {
  id: string;
  siren: string;
  year: number;
  quarter: number;
  version: number;
  sha256: string;
  energyWh: number;
  certifiedWh: number;
  filedAt: Date;
  filedBy: string;
}

const SELECT = {
  id: true,
  siren: true,
  year: true,
  quarter: true,
  version: true,
  sha256: true,
  energyWh: true,
  certifiedWh: true,
  filedAt: true,
  filedBy: true,
} as const;

function toVersion(r: { energyWh: bigint; certifiedWh: unknown } & Omit<FiledVersion, "energyWh" | "certifiedWh">): FiledVersion {
  return { ...r, energyWh: Number(r.energyWh), certifiedWh: Number(r.certifiedWh) };
}

export function stateOf(versions: readonly { version: number }[]): StatementState {
  const latest = Math.max(0, ...versions.map((v) => v.version));
  return latest === 0 ? "brouillon" : latest === 1 ? "depose" : "corrige";
}

/** Every filed version of a quarter's statement, latest first. */
export async function listVersions(input: { actor: TiruertActor; siren: string } & QuarterRef): Promise<FiledVersion[]> {
  if (!(await canActForSiren(input.actor, input.siren))) throw new AppError("NOT_FOUND", "État introuvable.");
  const prisma = await db();
  const rows = await prisma.tiruertStatement.findMany({
    where: { siren: input.siren, year: input.year, quarter: input.quarter },
    orderBy: { version: "desc" },
    select: SELECT,
  });
  return rows.map(toVersion);
}

/** Every statement's versions the actor may see (admin: all), latest first. */
export async function listFiledStatements(input: { actor: TiruertActor; sirens: string[] }): Promise<FiledVersion[]> {
  const prisma = await db();
  const rows = await prisma.tiruertStatement.findMany({
    where: { siren: { in: input.sirens } },
    orderBy: [{ year: "desc" }, { quarter: "desc" }, { siren: "asc" }, { version: "desc" }],
    select: SELECT,
    take: 2000,
  });
  return rows.map(toVersion);
}

/** One filed version with its frozen content (404 when not the actor's). */
export async function getFiledStatement(input: {
  actor: TiruertActor;
  id: string;
}): Promise<FiledVersion & { content: StatementContent; filedByUserId: string | null }> {
  const prisma = await db();
  const row = /^[0-9a-f-]{36}$/i.test(input.id)
    ? await prisma.tiruertStatement.findUnique({ where: { id: input.id }, select: { ...SELECT, content: true, filedByUserId: true } })
    : null;
  if (!row || !(await canActForSiren(input.actor, row.siren))) throw new AppError("NOT_FOUND", "État introuvable.");
  return { ...toVersion(row), content: row.content as unknown as StatementContent, filedByUserId: row.filedByUserId };
}

export interface LateSession {
  idPdcItinerance: string;
  start: Date;
  end: Date;
  energyWh: number;
  receivedAt: Date;
  /** Empty when it would count in the correction; else why it would not (e.g. received after 15 days). */
  reasons: string[];
}

/** Sessions of the quarter's registered points received after `after` (the latest filing); duplicates are recognised when the correction is computed. */
export async function listSessionsReceivedAfter(input: { siren: string; after: Date } & QuarterRef): Promise<LateSession[]> {
  const prisma = await db();
  const { start, end } = quarterBounds(input);
  const rows = await queryRows<{ id_pdc: string; start_at: Date; stop_at: Date; energy_wh: number; received_at: Date; quality_flags: string[] }>(
    prisma,
    sql`SELECT cp.id_pdc_itinerance AS id_pdc, o.start_at, o.stop_at, (o.stop_wh - o.start_wh)::float8 AS energy_wh, o.received_at, o.quality_flags
          FROM tiruert_point tp JOIN charge_point cp ON cp.id = tp.charge_point_id
          JOIN charge_operation o ON o.charge_point_id = cp.id AND o.env = 'production'
         WHERE tp.siren = ${input.siren} AND o.stop_at >= ${start} AND o.stop_at < ${end} AND o.received_at > ${input.after}
         ORDER BY cp.id_pdc_itinerance, o.stop_at
         LIMIT 1000`,
  );
  return rows.map((r) => {
    const s = { stopAt: new Date(r.stop_at), receivedAt: new Date(r.received_at) };
    return {
      idPdcItinerance: r.id_pdc,
      start: new Date(r.start_at),
      end: s.stopAt,
      energyWh: r.energy_wh,
      receivedAt: s.receivedAt,
      reasons: exclusionReasons({ ...s, qualityFlags: r.quality_flags ?? [], duplicate: false }),
    };
  });
}
