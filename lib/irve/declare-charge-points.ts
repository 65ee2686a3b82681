import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { ParsedIrveRow } from "@/lib/irve/parse-irve-csv";
import { IRVE_LABELS } from "@/lib/schemas/irve";
import { takenMessage, type TakenCode } from "@/lib/stations/unavailable-codes";
import { followMovedPoints, movedPoints } from "@/lib/charge-points/follow-moved-points";
import { recordDeclarations } from "@/lib/charge-points/record-declarations";

export interface DeclareResult {
  stations: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Declares (or updates) the IRVE static data of a GIREVE dossier's charge points, all in one
 * transaction with set-based SQL: stations are keyed by id_station_itinerance (unique per
 * operator), points by id_pdc_itinerance (unique nationally). Ids already declared on another
 * dossier are refused, and nothing is stored; the beneficiary learns which dossier only when it
 * is one of their own (lib/stations/unavailable-codes.ts). A point whose data did not change
 * keeps its declaration date, so deadlines are measured from real changes only.
 *
 * Points and stations already in the core without a dossier (declared by the operator through
 * the QualiCharge API, ADR 0019) are the same points: the dossier adopts them (a station of the
 * same code joins the dossier, a point joins the dossier's station). Every point's declaration
 * is recorded (charge_point_declaration, source `dossier:<reference>`).
 */
export async function declareChargePoints(
  input: { dossierId: string; rows: ParsedIrveRow[]; actor: string; actorUserId?: string | null; now?: Date },
  options: { prisma?: PrismaClient } = {},
): Promise<DeclareResult> {
  const prisma = options.prisma ?? (await db());
  const now = input.now ?? new Date();
  if (input.rows.length === 0) return { stations: 0, inserted: 0, updated: 0, unchanged: 0 };
  const dossier = await prisma.dossier.findUnique({
    where: { id: input.dossierId },
    select: { id: true, reference: true, operatorId: true, channel: true, inseeCode: true, beneficiaryId: true },
  });
  if (!dossier) throw new AppError("NOT_FOUND", "Dossier introuvable.");
  if (dossier.channel !== "GIREVE")
    throw new AppError("CONFLICT", "Ce dossier utilise le web service ADVENIR : déclarez ses stations par leur StationID, pas par des données statiques IRVE.");

  const stationCodes = [...new Set(input.rows.map((r) => r.row.id_station_itinerance))];
  const pdcCodes = input.rows.map((r) => r.row.id_pdc_itinerance);

  return prisma.$transaction(
    async (tx) => {
      const takenStations = await tx.$queryRaw<{ code: string; reference: string; beneficiary_id: string }[]>`
        SELECT s.station_code AS code, d.reference, d.beneficiary_id FROM station s JOIN dossier d ON d.id = s.dossier_id
        WHERE s.operator_id = ${dossier.operatorId}::uuid AND s.station_code = ANY(${stationCodes}::text[]) AND s.dossier_id <> ${dossier.id}::uuid
        ORDER BY s.station_code`;
      const takenPoints = await tx.$queryRaw<{ code: string; reference: string; beneficiary_id: string }[]>`
        SELECT cp.id_pdc_itinerance AS code, d.reference, d.beneficiary_id FROM charge_point cp
        JOIN station s ON s.id = cp.station_id JOIN dossier d ON d.id = s.dossier_id
        WHERE cp.id_pdc_itinerance = ANY(${pdcCodes}::text[]) AND s.dossier_id <> ${dossier.id}::uuid
        ORDER BY cp.id_pdc_itinerance`;
      if (takenStations.length > 0 || takenPoints.length > 0) {
        const taken = (r: { code: string; reference: string; beneficiary_id: string }): TakenCode => ({
          code: r.code,
          ownDossier: r.beneficiary_id === dossier.beneficiaryId ? r.reference : null,
        });
        const fields = [
          ...takenStations.map((s) => ({ path: "id_station_itinerance", message: takenMessage(IRVE_LABELS.id_station_itinerance, taken(s)) })),
          ...takenPoints.map((p) => ({ path: "id_pdc_itinerance", message: takenMessage(IRVE_LABELS.id_pdc_itinerance, taken(p)) })),
        ];
        throw new AppError(
          "CONFLICT",
          fields.length === 1
            ? `${fields[0].message}. Rien n'a été enregistré.`
            : `${fields.length} identifiants ne sont pas disponibles : rien n'a été enregistré.`,
          fields,
        );
      }

      // Stations: one row per id_station_itinerance, point count and power recomputed below.
      const byStation = new Map<string, ParsedIrveRow>();
      for (const r of input.rows) if (!byStation.has(r.row.id_station_itinerance)) byStation.set(r.row.id_station_itinerance, r);
      const st = [...byStation.values()];
      await tx.$executeRaw`
        INSERT INTO station (id, dossier_id, operator_id, station_code, channel, point_count, nominal_power_kw, insee_code, created_at)
        SELECT gen_random_uuid(), ${dossier.id}::uuid, ${dossier.operatorId}::uuid, code, 'GIREVE', 1, 0, insee, ${now}
        FROM unnest(${st.map((r) => r.row.id_station_itinerance)}::text[], ${st.map((r) => r.row.code_insee_commune ?? dossier.inseeCode)}::text[]) AS t(code, insee)
        ON CONFLICT (operator_id, station_code) DO UPDATE SET insee_code = EXCLUDED.insee_code,
          dossier_id = coalesce(station.dossier_id, EXCLUDED.dossier_id), channel = coalesce(station.channel, EXCLUDED.channel)`;

      const rows = [...input.rows].sort((a, b) => a.row.id_pdc_itinerance.localeCompare(b.row.id_pdc_itinerance));
      const stationsBefore = await tx.$queryRaw<{ id: string; station_id: string }[]>`
        SELECT id::text, station_id::text FROM charge_point WHERE id_pdc_itinerance = ANY(${pdcCodes}::text[]) ORDER BY id FOR UPDATE`;
      const counts = await tx.$queryRaw<{ inserted: bigint; updated: bigint }[]>`
        WITH input AS (
          SELECT * FROM unnest(
            ${rows.map((r) => r.row.id_station_itinerance)}::text[],
            ${rows.map((r) => r.row.id_pdc_itinerance)}::text[],
            ${rows.map((r) => r.row.id_pdc_local ?? r.row.id_pdc_itinerance)}::text[],
            ${rows.map((r) => r.row.puissance_nominale)}::float8[],
            ${rows.map((r) => r.row.coordonneesXY.lon)}::float8[],
            ${rows.map((r) => r.row.coordonneesXY.lat)}::float8[],
            ${rows.map((r) => r.row.date_mise_en_service ?? null)}::date[],
            ${rows.map((r) => JSON.stringify(r.values))}::text[]
          ) AS t(station_code, pdc, point_code, power, lon, lat, commissioned, irve)
        ),
        upserted AS (
          INSERT INTO charge_point (id, station_id, point_code, id_pdc_itinerance, nominal_power_kw, longitude, latitude, commissioned_on, static_declared_at, irve, created_at)
          SELECT gen_random_uuid(), s.id, i.pdc, i.pdc, i.power, i.lon, i.lat, i.commissioned, ${now}, i.irve::jsonb, ${now}
          FROM input i JOIN station s ON s.operator_id = ${dossier.operatorId}::uuid AND s.station_code = i.station_code
          ON CONFLICT (id_pdc_itinerance) DO UPDATE SET
            station_id = EXCLUDED.station_id, nominal_power_kw = EXCLUDED.nominal_power_kw,
            longitude = EXCLUDED.longitude, latitude = EXCLUDED.latitude, commissioned_on = EXCLUDED.commissioned_on,
            irve = EXCLUDED.irve, static_declared_at = EXCLUDED.static_declared_at
          WHERE charge_point.irve IS DISTINCT FROM EXCLUDED.irve OR charge_point.station_id <> EXCLUDED.station_id
          RETURNING (xmax = 0) AS inserted
        )
        SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upserted`;

      // Station totals follow from their points in service (power per point: the highest).
      await tx.$executeRaw`
        UPDATE station s SET point_count = agg.n, nominal_power_kw = agg.max_kw
        FROM (SELECT station_id, count(*)::int AS n, max(nominal_power_kw) AS max_kw FROM charge_point WHERE withdrawn_at IS NULL GROUP BY station_id) agg
        WHERE agg.station_id = s.id AND s.dossier_id = ${dossier.id}::uuid`;

      const points = await tx.$queryRaw<{ id: string; pdc: string; station_id: string }[]>`
        SELECT id::text, id_pdc_itinerance AS pdc, station_id::text FROM charge_point WHERE id_pdc_itinerance = ANY(${pdcCodes}::text[])`;
      await followMovedPoints(tx, movedPoints(stationsBefore, points));
      const idOf = new Map(points.map((p) => [p.pdc, p.id]));
      await recordDeclarations(tx, {
        door: "GIREVE",
        source: `dossier:${dossier.reference}`,
        dossierId: dossier.id,
        declarations: rows.map((r) => ({ chargePointId: idOf.get(r.row.id_pdc_itinerance)!, data: r.values })),
        now,
      });

      const inserted = Number(counts[0]?.inserted ?? 0);
      const updated = Number(counts[0]?.updated ?? 0);
      const result = { stations: st.length, inserted, updated, unchanged: rows.length - inserted - updated };
      await recordAudit(
        {
          actor: input.actor,
          actorUserId: input.actorUserId,
          action: "irve.declared",
          targetType: "dossier",
          targetId: dossier.id,
          details: { ...result, batch: randomUUID() },
        },
        tx,
      );
      return result;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
