import "server-only";
import { db } from "@/lib/platform/db/database";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError, type FieldError } from "@/lib/platform/errors";
import { pointEligibility } from "@/lib/tiruert/eligibility";
import { meterFitsCurrent, METER_TYPES, type MeterType } from "@/lib/tiruert/meter-types";
import { AMENAGEUR_SIREN_SQL, pointScopeSql, type TiruertActor } from "@/lib/tiruert/scope";

// The points an actor may register into the electric TIRUERT, and their registration: each point
// must be the actor's (scope.ts), open to the public (eligibility.ts), have an aménageur SIREN,
// and a meter type that measures its current. All or nothing; each registration audited.

export interface RegistrablePoint {
  chargePointId: string;
  idPdcItinerance: string;
  stationCode: string;
  siren: string | null;
  nominalPowerKw: number;
  eligibility: ReturnType<typeof pointEligibility>;
  registered: { meterType: string; registeredAt: Date } | null;
}

interface Row {
  id: string;
  id_pdc_itinerance: string;
  station_code: string;
  siren: string | null;
  power_kw: number;
  irve: unknown;
  withdrawn: boolean;
  decommissioned: boolean;
  meter_type: string | null;
  registered_at: Date | null;
}

async function readPoints(actor: TiruertActor, ids?: string[]): Promise<RegistrablePoint[]> {
  const prisma = await db();
  const rows = await queryRows<Row>(
    prisma,
    sql`SELECT cp.id::text, cp.id_pdc_itinerance, s.station_code, ${AMENAGEUR_SIREN_SQL} AS siren, cp.nominal_power_kw::float8 AS power_kw, cp.irve,
               (cp.withdrawn_at IS NOT NULL OR s.withdrawn_at IS NOT NULL) AS withdrawn, (cp.decommissioned_at IS NOT NULL) AS decommissioned,
               tp.meter_type, tp.registered_at
          FROM charge_point cp
          JOIN station s ON s.id = cp.station_id
          LEFT JOIN dossier d ON d.id = s.dossier_id
          LEFT JOIN beneficiary b ON b.id = d.beneficiary_id
          LEFT JOIN tiruert_point tp ON tp.charge_point_id = cp.id
         WHERE cp.id_pdc_itinerance IS NOT NULL AND ${await pointScopeSql(actor)}
           ${ids ? sql`AND cp.id = ANY(${ids}::uuid[])` : sql.empty}
         ORDER BY cp.id_pdc_itinerance
         LIMIT 5000`,
  );
  return rows.map((r) => ({
    chargePointId: r.id,
    idPdcItinerance: r.id_pdc_itinerance,
    stationCode: r.station_code,
    siren: r.siren && /^\d{9}$/.test(r.siren) ? r.siren : null,
    nominalPowerKw: r.power_kw,
    eligibility: pointEligibility({ irve: r.irve, nominalPowerKw: r.power_kw, withdrawn: r.withdrawn, decommissioned: r.decommissioned }),
    registered: r.meter_type ? { meterType: r.meter_type, registeredAt: new Date(r.registered_at!) } : null,
  }));
}

/** The actor's points with the eligibility of each and its registration (at most 5,000). */
export function listRegistrablePoints(actor: TiruertActor): Promise<RegistrablePoint[]> {
  return readPoints(actor);
}

export interface RegisterPointsInput {
  actor: TiruertActor & { label: string; userId?: string | null };
  points: { chargePointId: string; meterType: MeterType }[];
}

export async function registerPoints(input: RegisterPointsInput): Promise<{ registered: number }> {
  const found = new Map(
    (
      await readPoints(
        input.actor,
        input.points.map((p) => p.chargePointId),
      )
    ).map((p) => [p.chargePointId, p]),
  );
  const errors: FieldError[] = [];
  input.points.forEach((p, i) => {
    const point = found.get(p.chargePointId);
    const path = `points.${i}`;
    if (!point) return errors.push({ path: `${path}.chargePointId`, message: "point inconnu ou qui n'est pas le vôtre" });
    if (!point.eligibility.eligible) return errors.push({ path: `${path}.chargePointId`, message: `${point.idPdcItinerance} : ${point.eligibility.reason}` });
    if (!point.siren)
      return errors.push({ path: `${path}.chargePointId`, message: `${point.idPdcItinerance} : aucun SIREN d'aménageur (données statiques ni dossier)` });
    if (!meterFitsCurrent(p.meterType, point.eligibility.current))
      return errors.push({
        path: `${path}.meterType`,
        message: `${point.idPdcItinerance} (${point.eligibility.current}) : « ${METER_TYPES[p.meterType].label} » ne mesure pas ce courant`,
      });
  });
  if (errors.length > 0) throw new AppError("INVALID_INPUT", `Enregistrement refusé — ${errors.map((e) => `${e.path} : ${e.message}`).join(" ; ")}`, errors);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    for (const p of input.points) {
      const point = found.get(p.chargePointId)!;
      const data = { siren: point.siren!, meterType: p.meterType, registeredBy: input.actor.label };
      await tx.tiruertPoint.upsert({ where: { chargePointId: p.chargePointId }, create: { chargePointId: p.chargePointId, ...data }, update: data });
      await recordAudit(
        {
          actor: input.actor.label,
          actorUserId: input.actor.userId,
          action: "tiruert.point.registered",
          targetType: "tiruert_point",
          targetId: point.idPdcItinerance,
          details: { siren: point.siren, meterType: p.meterType, before: point.registered?.meterType ?? null },
        },
        tx,
      );
    }
  });
  return { registered: input.points.length };
}

/** Takes a registered point out of the scheme (filed statements keep it in their content); audited. */
export async function unregisterPoint(input: { actor: TiruertActor & { label: string; userId?: string | null }; chargePointId: string }): Promise<void> {
  const [point] = await readPoints(input.actor, [input.chargePointId]);
  if (!point?.registered)
    throw new AppError("NOT_FOUND", "Point enregistré introuvable.", [{ path: "chargePointId", message: "point non enregistré ou qui n'est pas le vôtre" }]);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.tiruertPoint.deleteMany({ where: { chargePointId: input.chargePointId } });
    if (count === 0) return; // withdrawn meanwhile by another request: one audit row only
    await recordAudit(
      {
        actor: input.actor.label,
        actorUserId: input.actor.userId,
        action: "tiruert.point.unregistered",
        targetType: "tiruert_point",
        targetId: point.idPdcItinerance,
        details: { meterType: point.registered?.meterType ?? null },
      },
      tx,
    );
  });
}
