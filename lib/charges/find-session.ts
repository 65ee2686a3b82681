import type { DataEnv } from "@/generated/prisma/enums";
import { rawSql } from "@/lib/platform/db/database";

// The point of a QualiCharge session known by its id (GET /dynamique/session/check), in one
// environment: the door answers whether the caller may know of it.

/** The session's point (id_pdc_itinerance), or null when no session of that id is stored in `env`. */
export async function findSessionPoint(input: { env: DataEnv; sessionId: string }): Promise<string | null> {
  const sql = await rawSql();
  const [row] = await sql.query<{ id_pdc_itinerance: string }>(
    `SELECT cp.id_pdc_itinerance FROM charge_operation o JOIN charge_point cp ON cp.id = o.charge_point_id
      WHERE o.session_id = $1::uuid AND o.env = $2::"DataEnv" AND o.door = 'QUALICHARGE' LIMIT 1`,
    [input.sessionId, input.env],
    { name: "qc_session_check" },
  );
  return row?.id_pdc_itinerance ?? null;
}
