import type { DataEnv } from "@/generated/prisma/enums";
import { rawSql } from "@/lib/platform/db/database";
import type { SqlExecutor } from "@/lib/platform/db/migrate";
import { PURGE_RECORDED_SQL } from "@/lib/programme/programme-status";
import { assessOperation } from "@/lib/charges/quality";
import { sessionId, sessionTransactionId } from "@/lib/charges/session-keys";

// QualiCharge sessions written into the core as charge operations (ADR 0019): one
// charge_operation row per session, door QUALICHARGE, in the caller's environment, for the
// operator of the point's station, with the point, a transaction id and a session id derived
// from the natural key (point, start; lib/charges/session-keys.ts), start_wh 0 and
// stop_wh = energy in Wh, and the quality flags of the one rule set (lib/charges/quality.ts)
// computed with the point's nominal power. The energy indicators then read them as any charge
// (their caches are kept by the triggers on charge_operation).
//
// Two statements: the points are read (the flags need their power), then ONE statement writes
// every row, all or nothing, through a gate evaluated once its table locks are held: the API
// user is still active and the end-of-programme purge has not run (the purge deactivates the
// users and holds charge_operation until it commits, so a call authenticated just before it, or
// from a user remembered in memory, writes nothing: "closed"), and every point is still
// declared and in service (a point decommissioned meanwhile: nothing written, 404). It upserts on
// the natural key: a resent identical session changes nothing (counted unchanged), a session
// of the same point and start with another end or energy replaces the stored one (the latest
// sent is the operator's correction). Rows are written in key order, so concurrent bulks that
// overlap take their row locks in the same order. A row of that key written by another door
// (an ADVENIR TransactionID spelt "QC:…") is left as it is.

export interface SessionInput {
  idPdcItinerance: string;
  start: Date;
  end: Date;
  energyKwh: number;
}

export type RecordSessionsResult =
  | { kind: "stored"; ids: string[]; stored: number; unchanged: number }
  /** Points never declared, or decommissioned: nothing was written. */
  | { kind: "unknown-points"; ids: string[] }
  /** The API user was deactivated, or the programme's individual data purged: nothing was written. */
  | { kind: "closed" };

interface PointRow {
  id_pdc_itinerance: string;
  id: string;
  power_kw: number;
  decommissioned: boolean;
}

const POINTS_SQL = `
SELECT cp.id_pdc_itinerance, cp.id::text, cp.nominal_power_kw::float8 AS power_kw, cp.decommissioned_at IS NOT NULL AS decommissioned
  FROM charge_point cp WHERE cp.id_pdc_itinerance = ANY($1::text[])`;

// $1 env, $2 the distinct points, then one array per column of the rows, then $10 the API user.
const WRITE_SQL = `
WITH gate AS MATERIALIZED (
  SELECT NOT ${PURGE_RECORDED_SQL}
         AND ($10::uuid IS NULL OR EXISTS (SELECT 1 FROM api_user WHERE id = $10::uuid AND is_active)) AS open,
         NOT EXISTS (SELECT 1 FROM unnest($2::uuid[]) AS p(id)
                      WHERE NOT EXISTS (SELECT 1 FROM charge_point cp WHERE cp.id = p.id AND cp.decommissioned_at IS NULL)) AS points_ok
),
written AS (
  INSERT INTO charge_operation AS o
    (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, quality_flags, door, charge_point_id, session_id)
  SELECT $1::"DataEnv", s.operator_id, cp.station_id, t.transaction_id, to_timestamp(t.start_s), to_timestamp(t.stop_s),
         0, t.stop_wh, string_to_array(t.flags, ','), 'QUALICHARGE', cp.id, t.session_id
    FROM unnest($3::uuid[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::text[], $9::uuid[])
           AS t(point_id, transaction_id, start_s, stop_s, stop_wh, flags, session_id)
    JOIN charge_point cp ON cp.id = t.point_id
    JOIN station s ON s.id = cp.station_id
    CROSS JOIN gate
   WHERE gate.open AND gate.points_ok
   ORDER BY cp.station_id, t.transaction_id
  ON CONFLICT (env, operator_id, station_id, transaction_id) DO UPDATE SET
    start_at = EXCLUDED.start_at, stop_at = EXCLUDED.stop_at, start_wh = EXCLUDED.start_wh, stop_wh = EXCLUDED.stop_wh,
    quality_flags = EXCLUDED.quality_flags, charge_point_id = EXCLUDED.charge_point_id, session_id = EXCLUDED.session_id,
    submission_id = NULL, received_at = now()
  WHERE o.door = 'QUALICHARGE'
    AND (o.start_at, o.stop_at, o.start_wh, o.stop_wh, o.quality_flags, o.charge_point_id, o.session_id)
        IS DISTINCT FROM (EXCLUDED.start_at, EXCLUDED.stop_at, EXCLUDED.start_wh, EXCLUDED.stop_wh, EXCLUDED.quality_flags,
                          EXCLUDED.charge_point_id, EXCLUDED.session_id)
  RETURNING 1
)
SELECT gate.open, gate.points_ok, (SELECT count(*) FROM written)::int AS stored FROM gate`;

interface Row {
  pointId: string;
  transactionId: string;
  startS: number;
  stopS: number;
  stopWh: number;
  flags: string[];
  sessionId: string;
}

/** Stores the sessions, all or nothing; answers each input's session id, in the input's order. */
export async function recordSessions(
  input: {
    env: DataEnv;
    /** The QualiCharge API user writing (checked still active under the write's locks). */ apiUserId: string | null;
    sessions: SessionInput[];
  },
  options: { sql?: SqlExecutor } = {},
): Promise<RecordSessionsResult> {
  const sql = options.sql ?? (await rawSql());
  const wanted = [...new Set(input.sessions.map((s) => s.idPdcItinerance))];
  const points = await sql.query<PointRow>(POINTS_SQL, [wanted], { name: "qc_session_points" });
  const live = new Map(points.filter((p) => !p.decommissioned).map((p) => [p.id_pdc_itinerance, p]));
  const missing = wanted.filter((id) => !live.has(id));
  if (missing.length > 0) return { kind: "unknown-points", ids: missing };

  const ids: string[] = [];
  const rows = new Map<string, Row>();
  for (const s of input.sessions) {
    const point = live.get(s.idPdcItinerance)!;
    const startS = Math.floor(s.start.getTime() / 1000);
    const stopS = Math.floor(s.end.getTime() / 1000);
    const stopWh = Math.round(s.energyKwh * 1000);
    const row: Row = {
      pointId: point.id,
      transactionId: sessionTransactionId(s.idPdcItinerance, startS),
      startS,
      stopS,
      stopWh,
      flags: [...assessOperation({ startS, stopS, startWh: 0, stopWh }, Number(point.power_kw)).flags],
      sessionId: sessionId(input.env, s.idPdcItinerance, startS),
    };
    ids.push(row.sessionId);
    // A session sent twice in one bulk is one row (the bulk's schema refuses two that differ).
    rows.set(row.transactionId, row);
  }
  const sorted = [...rows.values()].sort((a, b) => (a.pointId === b.pointId ? cmp(a.transactionId, b.transactionId) : cmp(a.pointId, b.pointId)));
  const [result] = await sql.query<{ open: boolean; points_ok: boolean; stored: number }>(
    WRITE_SQL,
    [
      input.env,
      [...new Set(sorted.map((r) => r.pointId))],
      sorted.map((r) => r.pointId),
      sorted.map((r) => r.transactionId),
      sorted.map((r) => r.startS),
      sorted.map((r) => r.stopS),
      sorted.map((r) => r.stopWh),
      sorted.map((r) => r.flags.join(",")),
      sorted.map((r) => r.sessionId),
      input.apiUserId,
    ],
    { name: "qc_session_write" },
  );
  if (!result.open) return { kind: "closed" };
  // A point decommissioned between the read and the write: nothing was written.
  if (!result.points_ok) return { kind: "unknown-points", ids: (await recheck(sql, wanted)) ?? wanted };
  return { kind: "stored", ids, stored: result.stored, unchanged: input.sessions.length - result.stored };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function recheck(sql: SqlExecutor, wanted: string[]): Promise<string[] | null> {
  const points = await sql.query<PointRow>(POINTS_SQL, [wanted], { name: "qc_session_points" });
  const live = new Set(points.filter((p) => !p.decommissioned).map((p) => p.id_pdc_itinerance));
  const missing = wanted.filter((id) => !live.has(id));
  return missing.length > 0 ? missing : null;
}
