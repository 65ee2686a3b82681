import type { PrismaClient } from "@/generated/prisma/client";
import { flagLabel } from "@/lib/charges/quality";

export interface StationActivity {
  stationId: string;
  /** Last data received, flagged or not (the station sends data). */
  lastDataAt: Date | null;
  /** Charges counted as the indicators count them: without quality flags. */
  chargeCount: number;
  /** Their energy (Wh). */
  energyWh: number;
  /** Charges received but set apart by a quality flag: neither counted above nor in any indicator. */
  flaggedCount: number;
  /** How many of them carry each flag (a charge may carry several), with the flag's French label. */
  flags: { code: string; label: string; explanation: string; count: number }[];
}

interface Row {
  station_id: string;
  last_at: Date | null;
  charges: bigint;
  energy_wh: bigint | null;
  flagged: bigint;
  flags: { flag: string; count: number }[];
}

/**
 * Per station: last data received, charges and energy (production data only), the way the
 * indicators take them (lib/indicators/sql/energy-steps.ts): a charge is one TransactionID, read
 * from its load curve when the curve has no quality flag, else from its operation when that has
 * none; a charge whose data all carry flags is set apart with its reasons (one station once showed
 * 9 billion kWh of implausible data in its total). Aggregates only: never an individual transaction.
 */
export async function getStationActivity(prisma: PrismaClient, stationIds: string[]): Promise<Map<string, StationActivity>> {
  const result = new Map<string, StationActivity>();
  if (stationIds.length === 0) return result;
  const rows = await prisma.$queryRaw<Row[]>`
    WITH o AS (
      SELECT operator_id, station_id, transaction_id, received_at, stop_wh - start_wh AS wh, quality_flags
        FROM charge_operation WHERE env = 'production' AND station_id = ANY(${stationIds}::uuid[])
    ), c AS (
      SELECT operator_id, station_id, transaction_id, received_at, energy_wh AS wh, quality_flags
        FROM load_curve WHERE env = 'production' AND station_id = ANY(${stationIds}::uuid[])
    ), t AS (
      SELECT coalesce(c.station_id, o.station_id) AS station_id,
             greatest(c.received_at, o.received_at) AS received_at,
             CASE WHEN c.quality_flags = '{}' THEN c.wh WHEN o.quality_flags = '{}' THEN o.wh END AS clean_wh,
             coalesce(c.quality_flags = '{}', false) OR coalesce(o.quality_flags = '{}', false) AS clean,
             coalesce(c.quality_flags, '{}') || coalesce(o.quality_flags, '{}') AS flags
        FROM o FULL JOIN c ON c.operator_id = o.operator_id AND c.station_id = o.station_id AND c.transaction_id = o.transaction_id
    ), per_flag AS (
      SELECT t.station_id, f.flag, count(*)::int AS count
        FROM t CROSS JOIN LATERAL (SELECT DISTINCT unnest(t.flags) AS flag) f
       WHERE NOT t.clean
       GROUP BY 1, 2
    )
    SELECT t.station_id, max(t.received_at) AS last_at,
           count(*) FILTER (WHERE t.clean) AS charges,
           sum(t.clean_wh) FILTER (WHERE t.clean)::bigint AS energy_wh,
           count(*) FILTER (WHERE NOT t.clean) AS flagged,
           coalesce((SELECT json_agg(json_build_object('flag', p.flag, 'count', p.count) ORDER BY p.flag) FROM per_flag p WHERE p.station_id = t.station_id), '[]'::json) AS flags
      FROM t
     GROUP BY t.station_id`;
  for (const r of rows)
    result.set(r.station_id, {
      stationId: r.station_id,
      lastDataAt: r.last_at,
      chargeCount: Number(r.charges),
      energyWh: Number(r.energy_wh ?? 0),
      flaggedCount: Number(r.flagged),
      flags: r.flags.map((f) => ({ code: f.flag, ...flagLabel(f.flag), count: Number(f.count) })),
    });
  return result;
}

/** A station that has received nothing. */
export function noActivity(stationId: string): StationActivity {
  return { stationId, lastDataAt: null, chargeCount: 0, energyWh: 0, flaggedCount: 0, flags: [] };
}
