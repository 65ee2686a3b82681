import { db } from "@/lib/platform/db/database";
import { queryRows, sql } from "@/lib/platform/db/sql";

/** The months ("YYYY-MM-01") that have computed quality-of-service days, newest first; of one operator's points when given. */
export async function listQosMonths(input: { operatorId?: string } = {}): Promise<string[]> {
  const rows = await queryRows<{ month: string }>(
    await db(),
    input.operatorId
      ? sql`SELECT DISTINCT to_char(date_trunc('month', q.day), 'YYYY-MM-DD') AS month
              FROM qos_point_day q JOIN charge_point cp ON cp.id = q.charge_point_id JOIN station s ON s.id = cp.station_id
             WHERE s.operator_id = ${input.operatorId}::uuid ORDER BY 1 DESC`
      : sql`SELECT DISTINCT to_char(date_trunc('month', day), 'YYYY-MM-DD') AS month FROM qos_point_day ORDER BY 1 DESC`,
  );
  return rows.map((r) => r.month);
}
