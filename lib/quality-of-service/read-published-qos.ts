import { db } from "@/lib/platform/db/database";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { periodContaining } from "@/lib/quality-of-service/qos-period";
import type { QosCell, QosCells, QosFigures } from "@/lib/quality-of-service/read-qos-cells";
import type { QosLevel } from "@/lib/schemas/quality-of-service";
import type { QosCellLevel } from "@/lib/quality-of-service/qos-cells-sql";
import type { OperatorMapLevel } from "@/lib/schemas/quality-of-service";

// The committee's quality-of-service figures: the cells of the publication in force of each month
// (publish-qos-month.ts), as they were published.

export interface QosPublicationInfo {
  month: string;
  publishedAt: Date;
  /** When the month had been published before with other figures: the first publication's date. */
  firstPublishedAt: Date | null;
}

interface CellRecord {
  month: string;
  code: string;
  parent: string;
  label: string;
  withheld: boolean;
  withheld_reason: "primaire" | "secondaire" | null;
  figures: QosFigures | null;
  min_stations: number;
  min_owners: number;
}

function cellOf(r: CellRecord): QosCell {
  const base = { code: r.code, label: r.label, parent: r.parent };
  return r.withheld ? { ...base, secret: true, reason: r.withheld_reason ?? "primaire" } : { ...base, secret: false, figures: r.figures! };
}

async function readCells(level: QosCellLevel, months: string[], code: string | { prefix: string } | null): Promise<CellRecord[]> {
  if (months.length === 0) return [];
  return queryRows<CellRecord>(
    await db(),
    sql`SELECT to_char(p.month, 'YYYY-MM-DD') AS month, c.code, c.parent, c.label, c.withheld, c.withheld_reason, c.figures,
               p.anon_min_stations AS min_stations, p.anon_min_owners AS min_owners
          FROM qos_publication p JOIN qos_published_cell c ON c.publication_id = p.id
         WHERE p.superseded_at IS NULL AND p.month = ANY(${months}::date[]) AND c.level = ${level}
           ${code === null ? sql.empty : typeof code === "string" ? sql`AND c.code = ${code}` : sql`AND starts_with(c.code, ${code.prefix})`}
         ORDER BY c.code`,
  );
}

/** The published cells of `level` for the month starting on `month`; null when the month is not published. */
export async function readPublishedQosCells(level: QosLevel, month: string): Promise<QosCells | null> {
  const [publication] = await queryRows<{ min_stations: number; min_owners: number }>(
    await db(),
    sql`SELECT anon_min_stations AS min_stations, anon_min_owners AS min_owners FROM qos_publication WHERE month = ${month}::date AND superseded_at IS NULL`,
  );
  if (!publication) return null;
  const rows = await readCells(level, [month], null);
  return {
    level,
    period: periodContaining("month", month),
    // Operators are companies: their cells need the stations only (read-qos-cells.ts).
    thresholds: { minStations: publication.min_stations, minOwners: level === "operateur" ? 1 : publication.min_owners },
    cells: rows.map(cellOf),
  };
}

/** One code's published cell in each of `months` (absent months: not published, or the code had no point then). */
export async function readPublishedQosCode(level: QosLevel, code: string, months: string[]): Promise<Map<string, QosCell>> {
  return new Map((await readCells(level, months, code)).map((r) => [r.month, cellOf(r)]));
}

/** One operator's published cells by région (operator-map-cells.ts), coded by région. */
export async function readPublishedOperatorMap(code: string, level: OperatorMapLevel, month: string): Promise<QosCell[]> {
  const rows = await readCells(`operateur_${level}`, [month], { prefix: `${code}|` });
  return rows.map((r) => ({ ...cellOf(r), code: r.code.slice(code.length + 1) }));
}

/** The published months ("YYYY-MM-01"), newest first. */
export async function listPublishedQosMonths(): Promise<string[]> {
  const rows = await queryRows<{ month: string }>(
    await db(),
    sql`SELECT to_char(month, 'YYYY-MM-DD') AS month FROM qos_publication WHERE superseded_at IS NULL ORDER BY month DESC`,
  );
  return rows.map((r) => r.month);
}

/** When the month was published (and first published, when it was published again since). */
export async function readQosPublicationInfo(month: string): Promise<QosPublicationInfo | null> {
  const [row] = await queryRows<{ published_at: Date; first_published_at: Date; versions: number }>(
    await db(),
    sql`SELECT max(published_at) FILTER (WHERE superseded_at IS NULL) AS published_at, min(published_at) AS first_published_at, count(*)::int AS versions
          FROM qos_publication WHERE month = ${month}::date HAVING bool_or(superseded_at IS NULL)`,
  );
  if (!row) return null;
  return { month, publishedAt: row.published_at, firstPublishedAt: row.versions > 1 ? row.first_published_at : null };
}
