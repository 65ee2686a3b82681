import { db } from "@/lib/platform/db/database";

// QualiCharge's GET /manage/station/siren/{siren}: the stations of an aménageur (by the SIREN of
// its points' static data) that have a PDL, with the name and PDL of their latest declared point
// and the time of their latest change.

export interface SirenStation {
  id_station_itinerance: string;
  nom_station: string;
  num_pdl: string;
  updated_at: string;
}

export async function listStationsBySiren(input: { siren: string; after?: Date | null }): Promise<SirenStation[]> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ code: string; nom: string; pdl: string; updated_at: Date }[]>`
    WITH latest AS (
      SELECT DISTINCT ON (station_id) station_id, irve FROM charge_point
      WHERE irve->>'siren_amenageur' = ${input.siren}
      ORDER BY station_id, updated_at DESC, id
    )
    SELECT s.station_code AS code, l.irve->>'nom_station' AS nom, l.irve->>'num_pdl' AS pdl,
           (SELECT max(updated_at) FROM charge_point WHERE station_id = s.id) AS updated_at
    FROM latest l JOIN station s ON s.id = l.station_id
    WHERE coalesce(l.irve->>'num_pdl', '') <> ''
    ORDER BY s.station_code`;
  return rows
    .filter((r) => !input.after || r.updated_at >= input.after)
    .map((r) => ({ id_station_itinerance: r.code, nom_station: r.nom, num_pdl: r.pdl, updated_at: r.updated_at.toISOString() }));
}
