import "server-only";
import { db } from "@/lib/platform/db/database";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/generated/prisma/enums";

// Who acts for which aménageur (docs/tiruert.md). A point's aménageur is the SIREN of its static
// data (`siren_amenageur`), or, without one, the SIREN of the beneficiary of its dossier.
//   beneficiary: the points of its dossiers whose aménageur is its own SIREN;
//   operator:    the points of its stations, whatever their aménageur (it acts as aggregator); it
//                sees a SIREN's statements only when it operates every point registered for it;
//   admin:       everything (read; it files nothing).

export interface TiruertActor {
  role: Role;
  operatorId: string | null;
  beneficiaryId: string | null;
}

/** SQL: the aménageur SIREN of charge point `cp` (station `s`, dossier `d`, beneficiary `b`). */
export const AMENAGEUR_SIREN_SQL = sql`COALESCE(NULLIF(cp.irve->>'siren_amenageur', ''), b.siren)`;

/** SQL condition: the point (cp, s, d, b) is the actor's to register. */
export async function pointScopeSql(actor: TiruertActor) {
  if (actor.role === "operateur" && actor.operatorId) return sql`s.operator_id = ${actor.operatorId}::uuid`;
  if (actor.role === "beneficiaire" && actor.beneficiaryId) {
    const prisma = await db();
    const siren = (await prisma.beneficiary.findUnique({ where: { id: actor.beneficiaryId }, select: { siren: true } }))?.siren ?? null;
    return siren ? sql`(d.beneficiary_id = ${actor.beneficiaryId}::uuid AND ${AMENAGEUR_SIREN_SQL} = ${siren})` : sql`FALSE`;
  }
  return sql`FALSE`;
}

/** The SIRENs whose statements the actor may see and file (admin: every SIREN with a registered point). */
export async function actorSirens(actor: TiruertActor): Promise<string[]> {
  const prisma = await db();
  if (can(actor.role, "tiruert:read-all"))
    return (await prisma.tiruertPoint.findMany({ distinct: ["siren"], select: { siren: true }, orderBy: { siren: "asc" } })).map((r) => r.siren);
  if (actor.role === "beneficiaire" && actor.beneficiaryId) {
    const siren = (await prisma.beneficiary.findUnique({ where: { id: actor.beneficiaryId }, select: { siren: true } }))?.siren;
    return siren ? [siren] : [];
  }
  if (actor.role === "operateur" && actor.operatorId) {
    const rows = await queryRows<{ siren: string }>(
      prisma,
      sql`SELECT tp.siren FROM tiruert_point tp JOIN charge_point cp ON cp.id = tp.charge_point_id JOIN station s ON s.id = cp.station_id
           GROUP BY tp.siren HAVING bool_and(s.operator_id = ${actor.operatorId}::uuid) ORDER BY tp.siren`,
    );
    return rows.map((r) => r.siren);
  }
  return [];
}

export async function canActForSiren(actor: TiruertActor, siren: string): Promise<boolean> {
  // The admin reads every statement, even one whose points have since been deleted.
  if (can(actor.role, "tiruert:read-all")) return true;
  return (await actorSirens(actor)).includes(siren);
}
