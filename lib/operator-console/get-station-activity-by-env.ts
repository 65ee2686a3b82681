import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";

export interface EnvActivity {
  lastDataAt: Date | null;
  operations: number;
  curves: number;
  anomalies: number;
}

export interface StationActivityByEnv {
  production: EnvActivity;
  sandbox: EnvActivity;
}

const EMPTY: EnvActivity = { lastDataAt: null, operations: 0, curves: 0, anomalies: 0 };

/**
 * Per station of the operator, per environment: last data received, operations, curves and
 * flagged rows (anomalies). One aggregate query; aggregates only, never an individual charge.
 */
export async function getStationActivityByEnv(
  input: { operatorId: string },
  options: { prisma?: PrismaClient } = {},
): Promise<Map<string, StationActivityByEnv>> {
  const prisma = options.prisma ?? (await db());
  const rows = await prisma.$queryRaw<
    { station_id: string; env: "production" | "sandbox"; last_at: Date | null; operations: bigint; curves: bigint; anomalies: bigint }[]
  >`
    SELECT station_id, env::text AS env, max(received_at) AS last_at,
           count(*) FILTER (WHERE kind = 'o') AS operations, count(*) FILTER (WHERE kind = 'c') AS curves,
           count(*) FILTER (WHERE flagged) AS anomalies
      FROM (
        SELECT station_id, env, received_at, 'o' AS kind, cardinality(quality_flags) > 0 AS flagged
          FROM charge_operation WHERE operator_id = ${input.operatorId}::uuid
        UNION ALL
        SELECT station_id, env, received_at, 'c', cardinality(quality_flags) > 0
          FROM load_curve WHERE operator_id = ${input.operatorId}::uuid
      ) t
     GROUP BY station_id, env`;
  const result = new Map<string, StationActivityByEnv>();
  for (const r of rows) {
    const entry = result.get(r.station_id) ?? { production: EMPTY, sandbox: EMPTY };
    entry[r.env] = { lastDataAt: r.last_at, operations: Number(r.operations), curves: Number(r.curves), anomalies: Number(r.anomalies) };
    result.set(r.station_id, entry);
  }
  return result;
}

export function activityOf(map: Map<string, StationActivityByEnv>, stationId: string): StationActivityByEnv {
  return map.get(stationId) ?? { production: EMPTY, sandbox: EMPTY };
}
