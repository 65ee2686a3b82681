import { createHash } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/platform/db/database";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";
import { getEnv } from "@/lib/platform/env";
import { periodContaining } from "@/lib/quality-of-service/qos-period";
import { readCommitteeZonesIn, readQosCellsIn, type QosCell } from "@/lib/quality-of-service/read-qos-cells";
import type { QosLevel } from "@/lib/schemas/quality-of-service";
import type { QosCellLevel } from "@/lib/quality-of-service/qos-cells-sql";
import { operatorMapCellsIn } from "@/lib/quality-of-service/operator-map-cells";
import { operatorsToWithholdIn } from "@/lib/quality-of-service/audit-ranking-in";

// Publication of one Paris month's quality of service (ADR 0030): every committee level's cells,
// after the anonymity rules, stored as they are published. The committee reads these, never the
// daily rows recomputed since, so that a published figure stays as published. A month is
// published once; publishing it again is a deliberate act (`replace`) that keeps the earlier
// publication, marked as superseded, and does nothing when the figures have not changed.

/** The levels the committee reads (its dashboard, map, ranking and each operator's history). */
export const PUBLISHED_QOS_LEVELS: readonly QosLevel[] = ["national", "region", "departement", "epci", "commune", "operateur"];

export type PublishOutcome = "publie" | "deja_publie" | "inchange" | "remplace" | "sans_donnees";

export interface PublishResult {
  month: string;
  outcome: PublishOutcome;
  publicationId: string | null;
  cells: number;
  withheld: number;
}

/** SHA-256 of the cells in a canonical order (level, code): what makes two publications the same. */
export function cellsDigest(cells: { level: QosCellLevel; cell: QosCell }[]): string {
  const canonical = [...cells]
    .sort((a, b) => (a.level === b.level ? (a.cell.code < b.cell.code ? -1 : a.cell.code > b.cell.code ? 1 : 0) : a.level < b.level ? -1 : 1))
    .map(({ level, cell }) => [level, cell.code, cell.parent, cell.label, cell.secret ? cell.reason : cell.figures]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/**
 * Publishes the month starting on `month` ("YYYY-MM-01"). Without `replace`, a month already
 * published is left as it is. All levels are read in one transaction while the daily rows are
 * locked against the nightly computation, so that parents and children agree.
 */
export async function publishQosMonth(
  input: { month: string; publishedBy: string; replace?: boolean },
  options: { prisma?: PrismaClient } = {},
): Promise<PublishResult> {
  const period = periodContaining("month", input.month);
  if (period.fromDay !== input.month) throw new Error(`Mois attendu au format AAAA-MM-01 : ${input.month}`);
  const prisma = options.prisma ?? (await db());
  const env = getEnv();
  return prisma.$transaction(
    async (tx) => {
      await execute(tx, sql`SET LOCAL jit = off`);
      // SHARE: the nightly computation (SHARE ROW EXCLUSIVE) waits, other readers do not.
      await execute(tx, sql`LOCK TABLE qos_point_day, qos_station_day, qos_outage IN SHARE MODE`);
      // One publisher at a time: a concurrent second one then sees the first's publication.
      await execute(tx, sql`LOCK TABLE qos_publication IN SHARE ROW EXCLUSIVE MODE`);
      const [current] = await queryRows<{ id: string; content_sha256: string; cell_count: number; withheld_count: number }>(
        tx,
        sql`SELECT id, content_sha256, cell_count, withheld_count FROM qos_publication WHERE month = ${input.month}::date AND superseded_at IS NULL`,
      );
      const unchanged = (c: NonNullable<typeof current>, outcome: PublishOutcome): PublishResult => ({
        month: input.month,
        outcome,
        publicationId: c.id,
        cells: c.cell_count,
        withheld: c.withheld_count,
      });
      if (current && !input.replace) return unchanged(current, "deja_publie");

      const [{ has_days }] = await queryRows<{ has_days: boolean }>(
        tx,
        sql`SELECT EXISTS (SELECT 1 FROM qos_point_day WHERE day >= ${period.fromDay}::date AND day < ${period.toDay}::date) AS has_days`,
      );
      if (!has_days) return { month: input.month, outcome: "sans_donnees", publicationId: null, cells: 0, withheld: 0 };

      const cells: { level: QosCellLevel; cell: QosCell }[] = [];
      const byLevel = new Map<QosCellLevel, Map<string, QosCell>>();
      const add = (level: QosCellLevel, list: QosCell[]) => {
        for (const cell of list) cells.push({ level, cell });
        byLevel.set(level, new Map(list.map((c) => [c.code, c])));
      };
      // The zone levels withheld together (a withheld zone is never the sum of published ones), then the operators.
      const computed = new Map<QosLevel, QosCell[]>(await readCommitteeZonesIn(tx, period));
      computed.set("operateur", (await readQosCellsIn(tx, { level: "operateur", period })).cells);
      // The ranking beside the tables by zone: withhold the operators whose figures would give a
      // withheld zone (or another operator) by difference (ranking-audit.ts).
      const national = computed.get("national")![0];
      if (national) {
        const more = await operatorsToWithholdIn(
          tx,
          period,
          {
            national,
            operators: computed.get("operateur")!,
            zones: {
              region: computed.get("region")!,
              departement: computed.get("departement")!,
              epci: computed.get("epci")!,
              commune: computed.get("commune")!,
            },
          },
          env.ANON_MIN_STATIONS,
        );
        computed.set(
          "operateur",
          computed
            .get("operateur")!
            .map((c) => (more.has(c.code) && !c.secret ? { code: c.code, label: c.label, parent: c.parent, secret: true, reason: "secondaire" } : c)),
        );
      }
      for (const level of PUBLISHED_QOS_LEVELS) add(level, computed.get(level)!);
      // Each operator's map by région, then by département under its régions (operator-map-cells.ts).
      const labelsOf = (level: QosLevel) => new Map(computed.get(level)!.map((c) => [c.code, c.label]));
      add(
        "operateur_region",
        await operatorMapCellsIn(
          tx,
          { level: "region", period, minStations: env.ANON_MIN_STATIONS, zoneLabels: labelsOf("region") },
          { zones: byLevel.get("region")!, parents: byLevel.get("operateur")! },
        ),
      );
      add(
        "operateur_departement",
        await operatorMapCellsIn(
          tx,
          {
            level: "departement",
            period,
            minStations: env.ANON_MIN_STATIONS,
            zoneLabels: labelsOf("departement"),
            regionOf: new Map(computed.get("departement")!.map((c) => [c.code, c.parent])),
          },
          { zones: byLevel.get("departement")!, parents: byLevel.get("operateur_region")! },
        ),
      );
      const digest = cellsDigest(cells);
      if (current && current.content_sha256 === digest) return unchanged(current, "inchange");

      const withheld = cells.filter((c) => c.cell.secret).length;
      if (current) await execute(tx, sql`UPDATE qos_publication SET superseded_at = now() WHERE id = ${current.id}::uuid`);
      const [{ id }] = await queryRows<{ id: string }>(
        tx,
        sql`INSERT INTO qos_publication (month, published_by, anon_min_stations, anon_min_owners, validity_hours, cell_count, withheld_count, content_sha256)
            VALUES (${input.month}::date, ${input.publishedBy}, ${env.ANON_MIN_STATIONS}, ${env.ANON_MIN_BENEFICIARIES}, ${env.QOS_STATUS_VALIDITY_HOURS},
                    ${cells.length}, ${withheld}, ${digest})
            RETURNING id`,
      );
      const col = <T>(pick: (c: (typeof cells)[number]) => T) => cells.map(pick);
      await execute(
        tx,
        sql`INSERT INTO qos_published_cell (publication_id, level, code, parent, label, withheld, withheld_reason, figures)
            SELECT ${id}::uuid, t.level, t.code, t.parent, t.label, t.withheld, t.reason, t.figures::jsonb
              FROM unnest(${col((c) => c.level)}::text[], ${col((c) => c.cell.code)}::text[], ${col((c) => c.cell.parent)}::text[],
                          ${col((c) => c.cell.label)}::text[], ${col((c) => c.cell.secret)}::boolean[],
                          ${col((c) => (c.cell.secret ? c.cell.reason : null))}::text[],
                          ${col((c) => (c.cell.secret ? null : JSON.stringify(c.cell.figures)))}::text[])
                   AS t(level, code, parent, label, withheld, reason, figures)`,
      );
      return { month: input.month, outcome: current ? "remplace" : "publie", publicationId: id, cells: cells.length, withheld };
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}
