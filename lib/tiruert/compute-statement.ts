import "server-only";
import { rawSql } from "@/lib/platform/db/database";
import { queryExecutor, sql } from "@/lib/platform/db/sql";
import { filingDeadline, quarterBounds, type Quarter, type QuarterRef } from "@/lib/tiruert/quarter";
import { exclusionReasons } from "@/lib/tiruert/session-exclusion";
import { provisionalCertifiedWh, q4Correction, PROVISIONAL_SHARE_PERCENT } from "@/lib/tiruert/certified-quantity";
import { currentOf } from "@/lib/tiruert/eligibility";
import { renewableShareMap } from "@/lib/tiruert/renewable-shares";
import { STATEMENT_FORMAT, type ExcludedSession, type StatementContent, type StatementPoint } from "@/lib/tiruert/statement-content";

// The statement of an aménageur (SIREN) for a quarter, computed from the core's production
// charges (QualiCharge sessions, GIREVE records, ADVENIR operations naming their point) of its
// registered points ending in the quarter (Paris time, ADR 0028) and received up to `receivedUpTo`.

interface PointRow {
  id: string;
  id_pdc_itinerance: string;
  meter_type: string;
  power_kw: number;
  irve: unknown;
  region_code: string | null;
}

interface SessionRow {
  point_id: string;
  start_ms: number;
  stop_ms: number;
  energy_wh: number;
  received_ms: number;
  quality_flags: string[];
  duplicate: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

async function readPoints(siren: string): Promise<PointRow[]> {
  return queryExecutor<PointRow>(
    await rawSql(),
    sql`SELECT cp.id::text, cp.id_pdc_itinerance, tp.meter_type, cp.nominal_power_kw::float8 AS power_kw, cp.irve, d.region_code
          FROM tiruert_point tp
          JOIN charge_point cp ON cp.id = tp.charge_point_id
          JOIN station s ON s.id = cp.station_id
          LEFT JOIN commune c ON c.insee_code = s.insee_code
          LEFT JOIN departement d ON d.code = c.departement_code
         WHERE tp.siren = ${siren}
         ORDER BY cp.id_pdc_itinerance`,
  );
}

async function readSessions(pointIds: string[], start: Date, end: Date, receivedUpTo: Date): Promise<SessionRow[]> {
  if (pointIds.length === 0) return [];
  return queryExecutor<SessionRow>(
    await rawSql(),
    sql`SELECT o.charge_point_id::text AS point_id,
               (extract(epoch FROM o.start_at) * 1000)::float8 AS start_ms, (extract(epoch FROM o.stop_at) * 1000)::float8 AS stop_ms,
               (o.stop_wh - o.start_wh)::float8 AS energy_wh, (extract(epoch FROM o.received_at) * 1000)::float8 AS received_ms,
               o.quality_flags,
               EXISTS (SELECT 1 FROM charge_operation x
                        WHERE x.env = 'production' AND x.charge_point_id = o.charge_point_id AND x.start_at = o.start_at AND x.stop_at = o.stop_at
                          AND x.stop_wh - x.start_wh = o.stop_wh - o.start_wh AND (x.received_at, x.id) < (o.received_at, o.id)) AS duplicate
          FROM charge_operation o
         WHERE o.env = 'production' AND o.charge_point_id = ANY(${pointIds}::uuid[])
           AND o.stop_at >= ${start} AND o.stop_at < ${end} AND o.received_at <= ${receivedUpTo}
         ORDER BY o.charge_point_id, o.stop_at, o.id`,
  );
}

/** The energy (Wh) that counts for each registered point of the SIREN in the quarter, and the excluded sessions. */
async function computeQuarter(siren: string, q: QuarterRef, receivedUpTo: Date) {
  const points = await readPoints(siren);
  const { start, end } = quarterBounds(q);
  const sessions = await readSessions(
    points.map((p) => p.id),
    start,
    end,
    receivedUpTo,
  );
  const byPoint = new Map<string, StatementPoint>(
    points.map((p) => [
      p.id,
      {
        idPdcItinerance: p.id_pdc_itinerance,
        meterType: p.meter_type,
        current: currentOf((p.irve ?? {}) as Record<string, unknown>, p.power_kw),
        regionCode: p.region_code,
        sessions: 0,
        energyWh: 0,
        excludedSessions: 0,
        excludedEnergyWh: 0,
      },
    ]),
  );
  const excluded: ExcludedSession[] = [];
  for (const s of sessions) {
    const point = byPoint.get(s.point_id)!;
    const reasons = exclusionReasons({
      stopAt: new Date(s.stop_ms),
      receivedAt: new Date(s.received_ms),
      qualityFlags: s.quality_flags ?? [],
      duplicate: s.duplicate,
    });
    if (reasons.length === 0) {
      point.sessions += 1;
      point.energyWh += s.energy_wh;
    } else {
      point.excludedSessions += 1;
      point.excludedEnergyWh += s.energy_wh;
      excluded.push({
        idPdcItinerance: point.idPdcItinerance,
        start: iso(s.start_ms),
        end: iso(s.stop_ms),
        energyWh: s.energy_wh,
        receivedAt: iso(s.received_ms),
        reasons,
      });
    }
  }
  excluded.sort((a, b) =>
    a.idPdcItinerance < b.idPdcItinerance ? -1 : a.idPdcItinerance > b.idPdcItinerance ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0,
  );
  const list = [...byPoint.values()];
  const sum = (f: (p: StatementPoint) => number) => list.reduce((a, p) => a + f(p), 0);
  return {
    start,
    end,
    points: list,
    excluded,
    energyWh: sum((p) => p.energyWh),
    sessions: sum((p) => p.sessions),
    excludedEnergyWh: sum((p) => p.excludedEnergyWh),
  };
}

export interface ComputeStatementInput {
  siren: string;
  year: number;
  quarter: Quarter;
  /** Sessions received after this instant are left for the next correction (default: now). */
  receivedUpTo?: Date;
  /** Q4: the energy of Q1–Q3 as filed (their latest version), when filed; the others are computed. */
  filedEnergyWh?: ReadonlyMap<number, number>;
}

export async function computeStatement(input: ComputeStatementInput): Promise<StatementContent> {
  const receivedUpTo = input.receivedUpTo ?? new Date();
  const q: QuarterRef = { year: input.year, quarter: input.quarter };
  const r = await computeQuarter(input.siren, q, receivedUpTo);
  let correction: StatementContent["q4Correction"] = null;
  if (input.quarter === 4) {
    const quarters: { quarter: number; energyWh: number; source: string }[] = [];
    for (const quarter of [1, 2, 3] as const) {
      const filed = input.filedEnergyWh?.get(quarter);
      const energyWh = filed ?? (await computeQuarter(input.siren, { year: input.year, quarter }, receivedUpTo)).energyWh;
      quarters.push({ quarter, energyWh, source: filed === undefined ? "calcule" : "depose" });
    }
    quarters.push({ quarter: 4, energyWh: r.energyWh, source: "ce-etat" });
    const yearEnergyWh = quarters.reduce((a, x) => a + x.energyWh, 0);
    correction = { ...q4Correction({ year: input.year, yearEnergyWh, shares: await renewableShareMap() }), quarters };
  }
  return {
    format: STATEMENT_FORMAT,
    siren: input.siren,
    year: input.year,
    quarter: input.quarter,
    period: { start: r.start.toISOString(), end: r.end.toISOString(), timeZone: "Europe/Paris", rule: "sessions-ending-in-quarter" },
    deadline: filingDeadline(q),
    receivedUpTo: receivedUpTo.toISOString(),
    points: r.points,
    excludedSessions: r.excluded,
    totals: {
      points: r.points.length,
      sessions: r.sessions,
      energyWh: r.energyWh,
      excludedSessions: r.excluded.length,
      excludedEnergyWh: r.excludedEnergyWh,
      provisionalSharePercent: PROVISIONAL_SHARE_PERCENT,
      certifiedWh: provisionalCertifiedWh(r.energyWh),
    },
    q4Correction: correction,
  };
}
