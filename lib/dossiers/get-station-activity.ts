import type { PrismaClient } from "@/generated/prisma/client";

export interface StationActivity {
  stationId: string;
  lastDataAt: Date | null;
  chargeCount: number;
  energyWh: number;
}

/**
 * Per station: last data received, number of charges and total energy (production data only,
 * operations and curves together). Aggregates only: never an individual transaction.
 */
export async function getStationActivity(prisma: PrismaClient, stationIds: string[]): Promise<Map<string, StationActivity>> {
  const result = new Map<string, StationActivity>();
  if (stationIds.length === 0) return result;
  const rows = await prisma.$queryRaw<{ station_id: string; last_at: Date | null; charges: bigint; energy_wh: bigint | null }[]>`
    SELECT station_id, max(received_at) AS last_at, count(*) AS charges, sum(energy_wh)::bigint AS energy_wh
    FROM (
      SELECT station_id, received_at, stop_wh - start_wh AS energy_wh FROM charge_operation
      WHERE env = 'production' AND station_id = ANY(${stationIds}::uuid[])
      UNION ALL
      SELECT station_id, received_at, energy_wh FROM load_curve
      WHERE env = 'production' AND station_id = ANY(${stationIds}::uuid[])
    ) t
    GROUP BY station_id`;
  for (const r of rows)
    result.set(r.station_id, { stationId: r.station_id, lastDataAt: r.last_at, chargeCount: Number(r.charges), energyWh: Number(r.energy_wh ?? 0) });
  return result;
}
