import { queryRows, sql, type RawQueryClient } from "@/lib/platform/db/sql";
import { operatorZonesSql, pointsOf } from "@/lib/quality-of-service/qos-cells-sql";
import type { QosPeriod } from "@/lib/quality-of-service/qos-period";
import { protectRanking, type AuditLevel } from "@/lib/quality-of-service/ranking-audit";
import type { QosCell } from "@/lib/quality-of-service/read-qos-cells";

// The ranking's audit against the tables by zone (ranking-audit.ts), on the month's rows: the
// operators to withhold beside those the ranking's own rule withholds.

const ZONE_LEVELS = [
  { cells: "region", pairs: "operateur_region" },
  { cells: "departement", pairs: "operateur_departement" },
  { cells: "epci", pairs: "operateur_epci" },
  { cells: "commune", pairs: "operateur_commune" },
] as const;

export async function operatorsToWithholdIn(
  tx: RawQueryClient,
  period: QosPeriod,
  cells: { national: QosCell; operators: QosCell[]; zones: Record<(typeof ZONE_LEVELS)[number]["cells"], QosCell[]> },
  minStations: number,
): Promise<Set<string>> {
  const ops = await queryRows<{ code: string; stations: string[]; points: number }>(
    tx,
    sql`WITH ${pointsOf("operateur", period, null)}
        SELECT code, array_agg(DISTINCT station_id::text) AS stations, count(DISTINCT charge_point_id)::int AS points FROM qos_pd GROUP BY code`,
  );
  const operatorCell = new Map(cells.operators.map((c) => [c.code, c]));
  const published = (list: QosCell[]) => new Map(list.map((c) => [c.code, !c.secret]));
  const parentPublished = {
    region: published([cells.national]),
    departement: published(cells.zones.region),
    epci: published([cells.national]),
    commune: published(cells.zones.departement),
  };
  const levels: AuditLevel[] = [];
  for (const level of ZONE_LEVELS) {
    const pairs = await queryRows<{ code: string; stations: number }>(tx, operatorZonesSql(level.pairs, period));
    levels.push({
      entries: pairs.map((p) => ({ op: p.code.slice(0, p.code.indexOf("|")), zone: p.code.slice(p.code.indexOf("|") + 1), stations: p.stations })),
      zones: cells.zones[level.cells].map((c) => ({ code: c.code, parent: c.parent, published: !c.secret })),
      parentPublished: (code) => parentPublished[level.cells].get(code) === true,
    });
  }
  return protectRanking(
    levels,
    ops.map((o) => ({ code: o.code, stations: new Set(o.stations), points: o.points, withheld: operatorCell.get(o.code)?.secret !== false })),
    minStations,
  );
}
