import { db } from "@/lib/platform/db/database";
import { statiqueToIrve, type Statique } from "@/lib/schemas/qualicharge-statique";
import { checkStatiqueBatch } from "@/lib/charge-points/check-statique-batch";
import { followMovedPoints, movedPoints } from "@/lib/charge-points/follow-moved-points";
import { recordDeclarations } from "@/lib/charge-points/record-declarations";
import { StatiqueRefused } from "@/lib/charge-points/statique-errors";

// Statique items written into the core (ADR 0019): one charge_point per id_pdc_itinerance,
// whichever door declared it, in the station of its operator (the one holding the operational
// unit of the id's prefix) found by (operator, id_station_itinerance) or created without dossier.
// A point already in a dossier (a GIREVE declaration) stays in its station: only its static data
// changes. One transaction: everything is stored or nothing; a resent write changes nothing.

export type StatiqueWriteMode =
  /** POST /statique/: the points must not exist yet. */
  | "create"
  /** PUT /statique/{id}: the points must exist and be in service. */
  | "update"
  /** POST /statique/bulk: create or update. */
  | "upsert";

export interface StatiqueWriteResult {
  /** id_pdc_itinerance of the items, in order, once each. */
  ids: string[];
  /** Points created or whose data changed. */
  stored: number;
  unchanged: number;
}

export async function upsertStatiques(input: {
  items: Statique[];
  mode: StatiqueWriteMode;
  apiUser: { id: string; username: string };
  now?: Date;
}): Promise<StatiqueWriteResult> {
  const now = input.now ?? new Date();
  const prisma = await db();
  const ids = [...new Set(input.items.map((i) => i.id_pdc_itinerance))];

  return prisma.$transaction(
    async (tx) => {
      if (input.mode !== "upsert") {
        const existing = await tx.$queryRaw<{ id: string; live: boolean }[]>`
          SELECT id_pdc_itinerance AS id, decommissioned_at IS NULL AS live FROM charge_point WHERE id_pdc_itinerance = ANY(${ids}::text[])`;
        if (input.mode === "create" && existing.length > 0) throw new StatiqueRefused({ kind: "exists", ids: existing.map((e) => e.id) });
        const live = new Set(existing.filter((e) => e.live).map((e) => e.id));
        const missing = ids.filter((id) => !live.has(id));
        if (input.mode === "update" && missing.length > 0) throw new StatiqueRefused({ kind: "not-found", ids: missing });
      }

      const prefixes = [...new Set(input.items.map((i) => i.id_station_itinerance.slice(0, 5)))];
      const units = await tx.$queryRaw<{ code: string; operator_id: string }[]>`
        SELECT code, operator_id::text FROM operational_unit WHERE code = ANY(${prefixes}::text[])`;
      const operatorOf = new Map(units.map((u) => [u.code, u.operator_id]));
      const unknown = prefixes.filter((p) => !operatorOf.has(p));
      if (unknown.length > 0) throw new StatiqueRefused({ kind: "unknown-unit", codes: unknown });

      const items = checkStatiqueBatch(input.items).sort((a, b) => a.id_pdc_itinerance.localeCompare(b.id_pdc_itinerance));
      const op = (i: Statique) => operatorOf.get(i.id_station_itinerance.slice(0, 5))!;

      // The points already known, locked: where they are now (their records follow them if
      // their station changes), and which are in a dossier (they stay in their station, whatever
      // station the API names).
      const stationsBefore = await tx.$queryRaw<{ id: string; pdc: string; station_id: string; in_dossier: boolean }[]>`
        SELECT cp.id::text, cp.id_pdc_itinerance AS pdc, cp.station_id::text, s.dossier_id IS NOT NULL AS in_dossier
        FROM charge_point cp JOIN station s ON s.id = cp.station_id
        WHERE cp.id_pdc_itinerance = ANY(${ids}::text[]) ORDER BY cp.id FOR UPDATE OF cp`;
      const keptStation = new Map(stationsBefore.filter((p) => p.in_dossier).map((p) => [p.pdc, p.station_id]));

      // Stations: found by (operator, code) or created without dossier. A dossier's station keeps
      // the totals its dossier declares; a dossier-less one takes nbre_pdc and the commune.
      const stationKey = (i: Statique) => `${op(i)} ${i.id_station_itinerance}`;
      const stations = new Map<string, Statique>();
      const power = new Map<string, number>();
      for (const i of items.filter((i) => !keptStation.has(i.id_pdc_itinerance))) {
        if (!stations.has(stationKey(i))) stations.set(stationKey(i), i);
        power.set(stationKey(i), Math.max(power.get(stationKey(i)) ?? 0, i.puissance_nominale));
      }
      const st = [...stations.values()];
      const maxPower = (i: Statique) => power.get(stationKey(i))!;
      await tx.$executeRaw`
        INSERT INTO station (id, dossier_id, operator_id, station_code, channel, point_count, nominal_power_kw, insee_code, created_at)
        SELECT gen_random_uuid(), NULL, t.op, t.code, NULL, t.n, t.kw, t.insee, ${now}
        FROM unnest(${st.map(op)}::uuid[], ${st.map((i) => i.id_station_itinerance)}::text[], ${st.map((i) => i.nbre_pdc)}::int[],
                    ${st.map(maxPower)}::float8[], ${st.map((i) => i.code_insee_commune)}::text[]) AS t(op, code, n, kw, insee)
        ON CONFLICT (operator_id, station_code) DO UPDATE SET insee_code = EXCLUDED.insee_code, point_count = EXCLUDED.point_count
        WHERE station.dossier_id IS NULL AND (station.insee_code, station.point_count) IS DISTINCT FROM (EXCLUDED.insee_code, EXCLUDED.point_count)`;

      const irve = items.map((i) => statiqueToIrve(i));
      const coordinates = items.map((i) => JSON.parse(i.coordonneesXY) as [number, number]);
      const changed = await tx.$queryRaw<{ inserted: boolean }[]>`
        WITH input AS (
          SELECT * FROM unnest(
            ${items.map(op)}::uuid[], ${items.map((i) => i.id_station_itinerance)}::text[], ${items.map((i) => i.id_pdc_itinerance)}::text[],
            ${items.map((i) => i.puissance_nominale)}::float8[], ${coordinates.map((c) => c[0])}::float8[], ${coordinates.map((c) => c[1])}::float8[],
            ${items.map((i) => i.date_mise_en_service)}::date[], ${irve.map((v) => JSON.stringify(v))}::text[],
            ${items.map((i) => keptStation.get(i.id_pdc_itinerance) ?? null)}::uuid[]
          ) AS t(op, station_code, pdc, power, lon, lat, commissioned, irve, kept_station)
        )
        INSERT INTO charge_point AS cp (id, station_id, point_code, id_pdc_itinerance, nominal_power_kw, longitude, latitude, commissioned_on,
                                        static_declared_at, irve, created_at, updated_at)
        SELECT gen_random_uuid(), coalesce(i.kept_station, s.id), i.pdc, i.pdc, i.power, i.lon, i.lat, i.commissioned, ${now}, i.irve::jsonb, ${now}, ${now}
        FROM input i LEFT JOIN station s ON i.kept_station IS NULL AND s.operator_id = i.op AND s.station_code = i.station_code
        ON CONFLICT (id_pdc_itinerance) DO UPDATE SET
          station_id = EXCLUDED.station_id,
          nominal_power_kw = EXCLUDED.nominal_power_kw, longitude = EXCLUDED.longitude, latitude = EXCLUDED.latitude,
          commissioned_on = EXCLUDED.commissioned_on, irve = EXCLUDED.irve, static_declared_at = EXCLUDED.static_declared_at, updated_at = EXCLUDED.updated_at
        WHERE cp.irve IS DISTINCT FROM EXCLUDED.irve OR cp.station_id <> EXCLUDED.station_id
        RETURNING (xmax = 0) AS inserted`;

      const points = await tx.$queryRaw<{ id: string; pdc: string; station_id: string }[]>`
        SELECT id::text, id_pdc_itinerance AS pdc, station_id::text FROM charge_point WHERE id_pdc_itinerance = ANY(${ids}::text[])`;
      await followMovedPoints(tx, movedPoints(stationsBefore, points));
      const touched = [...new Set(points.map((p) => p.station_id))];
      // Power of a station: its strongest point in service; a dossier's station also counts them.
      // A station with a point in service is in service (a new point recommissions it).
      await tx.$executeRaw`
        UPDATE station s SET nominal_power_kw = agg.max_kw,
               point_count = CASE WHEN s.dossier_id IS NULL THEN s.point_count ELSE agg.n END,
               decommissioned_at = NULL
        FROM (SELECT station_id, count(*)::int AS n, max(nominal_power_kw) AS max_kw FROM charge_point
              WHERE station_id = ANY(${touched}::uuid[]) AND decommissioned_at IS NULL AND withdrawn_at IS NULL GROUP BY station_id) agg
        WHERE s.id = agg.station_id
          AND (s.nominal_power_kw, s.point_count, s.decommissioned_at) IS DISTINCT FROM
              (agg.max_kw, CASE WHEN s.dossier_id IS NULL THEN s.point_count ELSE agg.n END, NULL::timestamptz)`;

      const idOf = new Map(points.map((p) => [p.pdc, p.id]));
      await recordDeclarations(tx, {
        door: "QUALICHARGE",
        source: `api:${input.apiUser.username}`,
        apiUserId: input.apiUser.id,
        declarations: items.map((i, k) => ({ chargePointId: idOf.get(i.id_pdc_itinerance)!, data: irve[k] })),
        now,
      });
      return { ids, stored: changed.length, unchanged: items.length - changed.length };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
