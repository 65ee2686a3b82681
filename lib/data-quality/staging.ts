import { execute, sql, type PrismaRaw } from "@/lib/platform/db/sql";
import type { RuleWindow } from "@/lib/data-quality/rule";

// The day's rows, read once from the large tables into temporary tables of the transaction (ON
// COMMIT DROP), which every rule then reads: one pass over charge_operation, load_curve and the
// day's partition of status_event instead of one per rule (ADR 0027).
//
// - dq_points: the points of the operational units, declared before the day's end and not
//   decommissioned, with their unit (the first 5 characters of id_pdc_itinerance) and its operator;
// - dq_charges: the charges received during the day (production): QualiCharge sessions (and GIREVE
//   records) of those points, scope 'unit'; ADVENIR operations and curves by station, scope
//   'operator' (power: the station's power per point × its points, as lib/charges/quality.ts);
// - dq_statuses: the statuses of those points stamped during the day (production).

/** Restricts a computation to some units and operators (tests, recomputation of one operator); all when absent. */
export interface ScopeFilter {
  units: string[];
  operatorIds: string[];
}

type Tx = Pick<PrismaRaw, "$executeRawUnsafe">;

export async function stageDay(tx: Tx, w: RuleWindow, only: ScopeFilter | undefined): Promise<void> {
  const all = only === undefined;
  const units = only?.units ?? [];
  const operators = only?.operatorIds ?? [];
  await execute(
    tx,
    sql`CREATE TEMP TABLE dq_points (scope_code TEXT, operator_id UUID, point_id UUID, station_id UUID, station_code TEXT,
          id_pdc TEXT, power_kw DOUBLE PRECISION, lon DOUBLE PRECISION, lat DOUBLE PRECISION, irve JSONB, created_at TIMESTAMPTZ) ON COMMIT DROP`,
  );
  await execute(
    tx,
    sql`INSERT INTO dq_points
        SELECT u.code, u.operator_id, cp.id, cp.station_id, s.station_code, cp.id_pdc_itinerance, cp.nominal_power_kw::float8,
               cp.longitude, cp.latitude, cp.irve, cp.created_at
          FROM operational_unit u
          JOIN charge_point cp ON left(cp.id_pdc_itinerance, 5) = u.code
          JOIN station s ON s.id = cp.station_id
         WHERE cp.decommissioned_at IS NULL AND cp.created_at < ${w.to}::timestamptz
           AND (${all}::boolean OR u.code = ANY(${units}::text[]))`,
  );
  await execute(
    tx,
    sql`CREATE TEMP TABLE dq_charges (scope_kind TEXT, scope_code TEXT, operator_id UUID, kind TEXT, row_id BIGINT, station_id UUID,
          point_id UUID, ref TEXT, start_at TIMESTAMPTZ, stop_at TIMESTAMPTZ, energy_wh DOUBLE PRECISION, power_kw DOUBLE PRECISION,
          received_at TIMESTAMPTZ) ON COMMIT DROP`,
  );
  await execute(
    tx,
    sql`INSERT INTO dq_charges
        SELECT 'unit', p.scope_code, p.operator_id, 'session', o.id, o.station_id, o.charge_point_id, p.id_pdc, o.start_at, o.stop_at,
               (o.stop_wh - o.start_wh)::float8, p.power_kw, o.received_at
          FROM charge_operation o JOIN dq_points p ON p.point_id = o.charge_point_id
         WHERE o.env = 'production' AND o.received_at >= ${w.from}::timestamptz AND o.received_at < ${w.to}::timestamptz
        UNION ALL
        SELECT 'operator', o.operator_id::text, o.operator_id, 'operation', o.id, o.station_id, NULL, s.station_code || ' / ' || o.transaction_id,
               o.start_at, o.stop_at, (o.stop_wh - o.start_wh)::float8, s.nominal_power_kw::float8 * s.point_count, o.received_at
          FROM charge_operation o JOIN station s ON s.id = o.station_id
         WHERE o.env = 'production' AND o.door = 'ADVENIR' AND o.charge_point_id IS NULL
           AND o.received_at >= ${w.from}::timestamptz AND o.received_at < ${w.to}::timestamptz
           AND (${all}::boolean OR o.operator_id = ANY(${operators}::uuid[]))
        UNION ALL
        SELECT 'operator', c.operator_id::text, c.operator_id, 'curve', c.id, c.station_id, NULL, s.station_code || ' / ' || c.transaction_id,
               c.start_at, c.stop_at, c.energy_wh::float8, s.nominal_power_kw::float8 * s.point_count, c.received_at
          FROM load_curve c JOIN station s ON s.id = c.station_id
         WHERE c.env = 'production' AND c.door = 'ADVENIR'
           AND c.received_at >= ${w.from}::timestamptz AND c.received_at < ${w.to}::timestamptz
           AND (${all}::boolean OR c.operator_id = ANY(${operators}::uuid[]))`,
  );
  await execute(
    tx,
    sql`CREATE TEMP TABLE dq_statuses (scope_code TEXT, operator_id UUID, point_id UUID, station_id UUID, id_pdc TEXT, id UUID,
          horodatage TIMESTAMPTZ, etat TEXT, occupation TEXT, received_at TIMESTAMPTZ) ON COMMIT DROP`,
  );
  await execute(
    tx,
    sql`INSERT INTO dq_statuses
        SELECT p.scope_code, p.operator_id, p.point_id, e.station_id, p.id_pdc, e.id, e.horodatage, e.etat_pdc, e.occupation_pdc, e.received_at
          FROM status_event e JOIN dq_points p ON p.point_id = e.charge_point_id
         WHERE e.env = 'production' AND e.horodatage >= ${w.from}::timestamptz AND e.horodatage < ${w.to}::timestamptz`,
  );
  await execute(tx, sql`ANALYZE dq_points, dq_charges, dq_statuses`);
}
