import type { Door } from "@/generated/prisma/enums";
import { db } from "@/lib/platform/db/database";
import { IRVE_COLUMNS } from "@/lib/schemas/irve";
import { comparableDeclaration } from "@/lib/charge-points/record-declarations";

// Points whose sources disagree (ADR 0019): for each source that declared a point (an API user,
// a dossier), its latest declaration; a point is in conflict when these differ, and the listing
// says on which fields and what each source declared.

export interface ConflictSource {
  source: string;
  door: Door;
  declaredAt: Date;
}

export interface DeclarationConflict {
  chargePointId: string;
  idPdcItinerance: string;
  sources: ConflictSource[];
  fields: { field: string; values: { source: string; value: string }[] }[];
}

interface LatestRow {
  charge_point_id: string;
  id_pdc_itinerance: string;
  source: string;
  door: Door;
  declared_at: Date;
  data: Record<string, string>;
}

export async function listDeclarationConflicts(input: { limit?: number } = {}): Promise<DeclarationConflict[]> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<LatestRow[]>`
    WITH latest AS (
      SELECT DISTINCT ON (charge_point_id, source) charge_point_id, source, door, declared_at, data, data_sha256
      FROM charge_point_declaration ORDER BY charge_point_id, source, declared_at DESC, id DESC
    ),
    conflicted AS (
      SELECT charge_point_id FROM latest GROUP BY charge_point_id HAVING count(DISTINCT data_sha256) > 1
    ),
    page AS (
      SELECT c.charge_point_id, cp.id_pdc_itinerance FROM conflicted c JOIN charge_point cp ON cp.id = c.charge_point_id
      ORDER BY cp.id_pdc_itinerance LIMIT ${input.limit ?? 500}
    )
    SELECT l.charge_point_id::text, p.id_pdc_itinerance, l.source, l.door::text AS door, l.declared_at, l.data
    FROM latest l JOIN page p USING (charge_point_id)
    ORDER BY p.id_pdc_itinerance, l.declared_at, l.source`;
  const byPoint = new Map<string, LatestRow[]>();
  for (const r of rows) byPoint.set(r.charge_point_id, [...(byPoint.get(r.charge_point_id) ?? []), r]);
  return [...byPoint.values()].map((latest) => {
    // Fields in the schema's order (others after, alphabetically).
    const rank = (f: string) => {
      const i = (IRVE_COLUMNS as readonly string[]).indexOf(f);
      return i < 0 ? IRVE_COLUMNS.length : i;
    };
    const names = [...new Set(latest.flatMap((l) => Object.keys(l.data)))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    // Compared in their comparable form (one phone format), shown as each source wrote them.
    const comparable = latest.map((l) => comparableDeclaration(l.data));
    const fields = names
      .filter((field) => new Set(comparable.map((c) => c[field] ?? "")).size > 1)
      .map((field) => ({ field, values: latest.map((l) => ({ source: l.source, value: l.data[field] ?? "" })) }));
    return {
      chargePointId: latest[0].charge_point_id,
      idPdcItinerance: latest[0].id_pdc_itinerance,
      sources: latest.map((l) => ({ source: l.source, door: l.door, declaredAt: new Date(l.declared_at) })),
      fields,
    };
  });
}
