import { db } from "@/lib/platform/db/database";

// The points with static data, in service, as the QualiCharge door lists them: those whose id
// starts with one of `units` (all for a superuser), ordered by id_pdc_itinerance as QualiCharge.

export interface StatiqueRow {
  idPdcItinerance: string;
  irve: Record<string, string>;
}

export async function listStatiques(input: { units: string[] | "all"; offset: number; limit: number }): Promise<{ total: number; items: StatiqueRow[] }> {
  const prisma = await db();
  const all = input.units === "all";
  const units = all ? [] : input.units;
  const [{ total }] = await prisma.$queryRaw<{ total: bigint }[]>`
    SELECT count(*) AS total FROM charge_point
    WHERE irve IS NOT NULL AND decommissioned_at IS NULL AND withdrawn_at IS NULL
      AND (${all} OR left(id_pdc_itinerance, 5) = ANY(${units}::text[]))`;
  const rows = await prisma.$queryRaw<{ id: string; irve: Record<string, string> }[]>`
    SELECT id_pdc_itinerance AS id, irve FROM charge_point
    WHERE irve IS NOT NULL AND decommissioned_at IS NULL AND withdrawn_at IS NULL
      AND (${all} OR left(id_pdc_itinerance, 5) = ANY(${units}::text[]))
    ORDER BY id_pdc_itinerance LIMIT ${input.limit} OFFSET ${input.offset}`;
  return { total: Number(total), items: rows.map((r) => ({ idPdcItinerance: r.id, irve: r.irve })) };
}
