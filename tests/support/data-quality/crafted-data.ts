import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/platform/db/database";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";

// Crafted data for the data-quality rules (lib/data-quality): a fresh operator with one fresh
// operational unit, its points (with IRVE static data that break no rule unless told), sessions,
// statuses and ADVENIR charges, written in bulk. Every test asserts on its own unit and operator.

export interface DqTenant {
  operatorId: string;
  unit: string;
}

export interface CraftedPoint {
  pointId: string;
  stationId: string;
  idPdc: string;
  stationCode: string;
}

/** A SIREN that passes Luhn's check. */
export const GOOD_SIREN = "732829320";

export async function makeDqTenant(): Promise<DqTenant> {
  const t = await makeQualichargeTenant();
  return { operatorId: t.operatorId, unit: t.units[0] };
}

/** The commune the crafted points are in, added to the reference data when missing. */
export async function ensureCommune(code = "75101"): Promise<void> {
  const prisma = await db();
  await execute(prisma, sql`INSERT INTO region (code, name) VALUES ('11', 'Île-de-France') ON CONFLICT DO NOTHING`);
  await execute(prisma, sql`INSERT INTO departement (code, name, region_code) VALUES ('75', 'Paris', '11') ON CONFLICT DO NOTHING`);
  await execute(prisma, sql`INSERT INTO commune (insee_code, name, departement_code) VALUES (${code}, 'Paris 1er', '75') ON CONFLICT DO NOTHING`);
}

export type Irve = Record<string, string>;

/**
 * `n` points of the tenant's unit, `perStation` per station (default 1), declared on `declaredAt`
 * (default 1 January 2026); `irve(i, base)` may change point i's static data, `powerKw(i)` its power.
 */
export async function craftPoints(
  t: DqTenant,
  n: number,
  options: {
    perStation?: number;
    irve?: (i: number, base: Irve) => Irve;
    powerKw?: (i: number) => number;
    lonLat?: (i: number) => [number | null, number | null];
    declaredAt?: Date;
  } = {},
): Promise<CraftedPoint[]> {
  const prisma = await db();
  const perStation = options.perStation ?? 1;
  const tag = randomBytes(3).toString("hex").toUpperCase();
  const stations = Math.ceil(n / perStation);
  const stationCodes = Array.from({ length: stations }, (_, s) => `${t.unit}P${tag}S${s}`);
  const stationIds = await queryRows<{ id: string; station_code: string }>(
    prisma,
    sql`INSERT INTO station (id, operator_id, station_code, point_count, nominal_power_kw, insee_code)
        SELECT gen_random_uuid(), ${t.operatorId}::uuid, c, ${perStation}, 22, '75101' FROM unnest(${stationCodes}::text[]) AS c
        RETURNING id::text, station_code`,
  );
  const idOf = new Map(stationIds.map((s) => [s.station_code, s.id]));
  const points = Array.from({ length: n }, (_, i) => {
    const s = Math.floor(i / perStation);
    const idPdc = `${t.unit}E${tag}S${s}N${i % perStation}`;
    const [lon, lat] = options.lonLat?.(i) ?? [2.3 + s / 10_000, 48.8];
    const base: Irve = {
      nom_amenageur: "Aménageur Test",
      nom_operateur: "Opérateur Test",
      siren_amenageur: GOOD_SIREN,
      id_station_itinerance: stationCodes[s],
      id_pdc_itinerance: idPdc,
      nbre_pdc: String(perStation),
      code_insee_commune: "75101",
      adresse_station: `${s + 1} rue de Rivoli, 75001 Paris`,
      coordonneesXY: `[${lon}, ${lat}]`,
      num_pdl: "12345678901234",
      raccordement: "Indirect",
      prise_type_combo_ccs: "false",
      prise_type_chademo: "false",
      puissance_nominale: "22",
    };
    return { idPdc, stationCode: stationCodes[s], lon, lat, irve: options.irve ? options.irve(i, base) : base, power: options.powerKw?.(i) ?? 22 };
  });
  const rows = await queryRows<{ id: string; id_pdc_itinerance: string; station_id: string }>(
    prisma,
    sql`INSERT INTO charge_point (id, station_id, point_code, id_pdc_itinerance, nominal_power_kw, longitude, latitude, irve, created_at)
        SELECT gen_random_uuid(), s.id, t.pdc, t.pdc, t.power, t.lon, t.lat, t.irve::jsonb, ${options.declaredAt ?? new Date("2026-01-01T00:00:00Z")}::timestamptz
          FROM unnest(${points.map((p) => p.idPdc)}::text[], ${points.map((p) => p.stationCode)}::text[], ${points.map((p) => p.power)}::float8[],
                      ${points.map((p) => p.lon)}::float8[], ${points.map((p) => p.lat)}::float8[], ${points.map((p) => JSON.stringify(p.irve))}::text[])
               AS t(pdc, code, power, lon, lat, irve)
          JOIN station s ON s.operator_id = ${t.operatorId}::uuid AND s.station_code = t.code
        RETURNING id::text, id_pdc_itinerance, station_id::text`,
  );
  const byPdc = new Map(rows.map((r) => [r.id_pdc_itinerance, r]));
  return points.map((p) => ({ pointId: byPdc.get(p.idPdc)!.id, stationId: idOf.get(p.stationCode)!, idPdc: p.idPdc, stationCode: p.stationCode }));
}

export interface CraftedCharge {
  start: Date;
  stop: Date;
  energyWh: number;
  receivedAt: Date;
}

/** Sessions of the points (door QUALICHARGE, production), `charges[i]` on point `pointOf(i)`. */
export async function craftSessions(t: DqTenant, points: CraftedPoint[], charges: CraftedCharge[], pointOf = (i: number) => points[i % points.length]) {
  const prisma = await db();
  const at = charges.map((_, i) => pointOf(i));
  await execute(
    prisma,
    sql`INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, door, charge_point_id, received_at)
        SELECT 'production', ${t.operatorId}::uuid, t.station, t.tx, t.start_at, t.stop_at, 0, t.wh, 'QUALICHARGE', t.point, t.received
          FROM unnest(${at.map((p) => p.stationId)}::uuid[], ${charges.map(() => `QC:${randomUUID()}`)}::text[], ${charges.map((c) => c.start)}::timestamptz[],
                      ${charges.map((c) => c.stop)}::timestamptz[], ${charges.map((c) => Math.round(c.energyWh))}::bigint[], ${at.map((p) => p.pointId)}::uuid[],
                      ${charges.map((c) => c.receivedAt)}::timestamptz[]) AS t(station, tx, start_at, stop_at, wh, point, received)`,
  );
}

/** ADVENIR operations of the operator on `stationId` (door ADVENIR, no point). */
export async function craftOperations(t: DqTenant, stationId: string, charges: CraftedCharge[]) {
  const prisma = await db();
  await execute(
    prisma,
    sql`INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, door, received_at)
        SELECT 'production', ${t.operatorId}::uuid, ${stationId}::uuid, t.tx, t.start_at, t.stop_at, 0, t.wh, 'ADVENIR', t.received
          FROM unnest(${charges.map(() => randomUUID())}::text[], ${charges.map((c) => c.start)}::timestamptz[], ${charges.map((c) => c.stop)}::timestamptz[],
                      ${charges.map((c) => Math.round(c.energyWh))}::bigint[], ${charges.map((c) => c.receivedAt)}::timestamptz[]) AS t(tx, start_at, stop_at, wh, received)`,
  );
}

export interface CraftedStatus {
  point: CraftedPoint;
  horodatage: Date;
  etat?: string;
  occupation?: string;
  delayS?: number;
}

/** Statuses in the history (production); `latest` also sets each point's latest status to its last one given. */
export async function craftStatuses(statuses: CraftedStatus[], options: { latest?: boolean } = {}) {
  const prisma = await db();
  await execute(
    prisma,
    sql`INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, env, etat_pdc, occupation_pdc, received_at)
        SELECT t.station, t.point, t.h, gen_random_uuid(), 'QUALICHARGE', 'production', t.etat, t.occ, t.h + t.delay * interval '1 second'
          FROM unnest(${statuses.map((s) => s.point.stationId)}::uuid[], ${statuses.map((s) => s.point.pointId)}::uuid[],
                      ${statuses.map((s) => s.horodatage)}::timestamptz[], ${statuses.map((s) => s.etat ?? "en_service")}::text[],
                      ${statuses.map((s) => s.occupation ?? "libre")}::text[], ${statuses.map((s) => s.delayS ?? 10)}::float8[])
               AS t(station, point, h, etat, occ, delay)`,
  );
  if (!options.latest) return;
  const last = new Map(statuses.map((s) => [s.point.pointId, s]));
  const rows = [...last.values()];
  await execute(
    prisma,
    sql`INSERT INTO charge_point_status (station_id, charge_point_id, env, status_id, horodatage, door, etat_pdc, occupation_pdc)
        SELECT t.station, t.point, 'production', gen_random_uuid(), t.h, 'QUALICHARGE', 'en_service', 'libre'
          FROM unnest(${rows.map((s) => s.point.stationId)}::uuid[], ${rows.map((s) => s.point.pointId)}::uuid[], ${rows.map((s) => s.horodatage)}::timestamptz[])
               AS t(station, point, h)
        ON CONFLICT (station_id, charge_point_id, env) DO UPDATE SET horodatage = EXCLUDED.horodatage`,
  );
}
