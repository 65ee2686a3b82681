import { db } from "@/lib/platform/db/database";
import { execute, queryRows, sql, type RawQueryClient } from "@/lib/platform/db/sql";
import { getEnv } from "@/lib/platform/env";
import { parisMidnight } from "@/lib/platform/time/paris-time";
import { suppressSmallGroups, type Group } from "@/lib/anonymity/suppress-small-groups";
import { cellsSql, yearPassSql, type CellRow } from "@/lib/quality-of-service/qos-cells-sql";
import { periodContaining, type QosPeriod } from "@/lib/quality-of-service/qos-period";
import type { QosLevel } from "@/lib/schemas/quality-of-service";
import { protectSecondPartition, protectZoneHierarchy, ZONE_EDGES, ZONE_TREE, type ZoneCell } from "@/lib/quality-of-service/zone-hierarchy-audit";

// Quality-of-service figures of one period by the codes of one level, computed from the daily
// rows (compute-qos-days.ts). The committee never reads these live: its figures are the ones
// published once a month is closed (publish-qos-month.ts stores them, read-published-qos.ts
// reads them). Who reads decides what is withheld (docs/indicators.md, "Qualité de service"):
// - the committee reads months only (no quarter or year beside them, which would give a withheld
//   month by difference of additive counts). A cell is published when it covers at least
//   ANON_MIN_STATIONS stations and ANON_MIN_BENEFICIARIES owners (aménageurs) in every month of its
//   year (a code is published all year or not at all: no cell appears and vanishes from one month
//   to the next); operators are companies: their cells only need the stations. Among the siblings
//   of one parent the withheld cells are never alone and together pass the thresholds
//   (lib/anonymity), so that parent minus published children reveals no cell;
// - an operator: its own points, every figure (its own data).

export interface QosFigures {
  points: number;
  stations: number;
  /** q1: time en_service ÷ time with a known state (en_service + hors_service). */
  availability: number | null;
  /** Shares of the points' time: `inconnu`, and silent (no status in force). */
  unknownShare: number | null;
  silentShare: number | null;
  /** q2: time occupied ÷ time en_service. */
  utilisation: number | null;
  /** q3: time every point of a station is occupied ÷ the stations' time. */
  saturation: number | null;
  /** Mean delay between a status's horodatage and its reception, in seconds. */
  freshnessSeconds: number | null;
  /** Time to restore of the episodes ended in the period, in hours. */
  restored: number;
  restoreMeanHours: number | null;
  restoreMedianHours: number | null;
  restoreP90Hours: number | null;
  /** Episodes still open at the period's end (censored), and the share of points out of service for more than 7 days then. */
  openAtEnd: number;
  outOver7DaysShare: number | null;
  /** The period's daily availability: its distribution over the days. */
  daily: { min: number | null; max: number | null; mean: number | null; stddev: number | null; last: number | null };
}

export type QosCell =
  | { code: string; label: string; parent: string; secret: false; figures: QosFigures }
  | { code: string; label: string; parent: string; secret: true; reason: "primaire" | "secondaire" };

export interface QosCells {
  level: QosLevel;
  period: QosPeriod;
  cells: QosCell[];
  thresholds: { minStations: number; minOwners: number };
}

/** Runs `fn` in a read transaction without JIT compilation: these aggregates take longer to compile than to run. */
export async function withoutJit<T>(fn: (tx: RawQueryClient) => Promise<T>): Promise<T> {
  const prisma = await db();
  return prisma.$transaction(
    async (tx) => {
      await execute(tx, sql`SET LOCAL jit = off`);
      return fn(tx);
    },
    // A busy database may take more than Prisma's 2 s to give a connection (a nightly computation runs).
    { maxWait: 30_000, timeout: 120_000 },
  );
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const hours = (s: number | null) => (s === null ? null : s / 3600);

export function figuresOf(r: CellRow): QosFigures {
  return {
    points: r.points,
    stations: r.stations.length,
    availability: ratio(r.en_s, r.en_s + r.hs_s),
    unknownShare: ratio(r.inc_s, r.total_s),
    silentShare: ratio(r.silent_s, r.total_s),
    utilisation: ratio(r.occ_s, r.en_s),
    saturation: ratio(r.saturated_s, r.station_total_s),
    freshnessSeconds: ratio(r.delay_s, r.statuses),
    restored: r.restored,
    restoreMeanHours: hours(r.ttr_mean_s),
    restoreMedianHours: hours(r.ttr_median_s),
    restoreP90Hours: hours(r.ttr_p90_s),
    openAtEnd: r.open_at_end,
    outOver7DaysShare: ratio(r.out_over_7_days, r.points),
    daily: { min: r.day_min, max: r.day_max, mean: r.day_mean, stddev: r.day_stddev, last: r.day_last },
  };
}

async function labels(client: RawQueryClient, level: QosLevel): Promise<Map<string, string>> {
  const rows = await queryRows<{ code: string; label: string }>(
    client,
    {
      national: sql`SELECT 'FR' AS code, 'France entière' AS label`,
      region: sql`SELECT code, name AS label FROM region`,
      departement: sql`SELECT code, name || ' (' || code || ')' AS label FROM departement`,
      epci: sql`SELECT code, name AS label FROM epci UNION ALL SELECT '?', 'Sans EPCI ou non localisé'`,
      commune: sql`SELECT insee_code AS code, name || ' (' || insee_code || ')' AS label FROM commune`,
      operateur: sql`SELECT ou.code, o.name || ' — ' || ou.name || ' (' || ou.code || ')' AS label
                       FROM operational_unit ou JOIN operator o ON o.id = ou.operator_id
                     UNION ALL SELECT 'op:' || id::text, name FROM operator`,
      amenageur: sql`SELECT NULL::text AS code, NULL::text AS label WHERE false`,
    }[level],
  );
  return new Map(rows.map((r) => [r.code, r.label]));
}

/** A code's label: its name, "Non localisé" for the points of unknown place, else the code itself. */
const labelFrom = (names: Map<string, string>) => (code: string) => names.get(code) ?? (code === "?" ? "Non localisé" : code);

/** The cells of `level` for `period`: every figure of the operator's own points, or the committee's publishable figures. */
export function readQosCells(input: QosCellsQuery): Promise<QosCells> {
  return withoutJit((tx) => readQosCellsIn(tx, input));
}

export interface QosCellsQuery {
  level: QosLevel;
  period: QosPeriod;
  operatorId?: string;
}

/**
 * readQosCells inside the caller's transaction (one snapshot for several levels: the
 * publication, publish-qos-month.ts). JIT should be off in it (see withoutJit).
 */
export async function readQosCellsIn(tx: RawQueryClient, input: QosCellsQuery): Promise<QosCells> {
  const { level, period } = input;
  const own = input.operatorId !== undefined;
  if (!own && period.kind !== "month")
    throw new Error("Le comité lit des mois : un trimestre ou une année publiés à côté de leurs mois donneraient par différence un mois retenu.");
  const env = getEnv();
  const thresholds = { minStations: env.ANON_MIN_STATIONS, minOwners: level === "operateur" ? 1 : env.ANON_MIN_BENEFICIARIES };
  const range = { ...period, start: parisMidnight(period.fromDay), end: parisMidnight(period.toDay) };
  const rows = await queryRows<CellRow>(tx, cellsSql(level, range, input.operatorId ?? null));
  const names = await labels(tx, level);
  const label = labelFrom(names);
  if (own)
    return {
      level,
      period,
      thresholds,
      cells: rows.map((r) => ({ code: r.code, label: label(r.code), parent: r.parent, secret: false, figures: figuresOf(r) })),
    };

  return { level, period, thresholds, cells: (await committeeVerdictsIn(tx, level, period, rows, thresholds)).map(toCell(label)) };
}

interface Verdict {
  row: CellRow;
  withheld: false | "primaire" | "secondaire";
}

const toCell =
  (label: (code: string) => string) =>
  ({ row, withheld }: Verdict): QosCell => {
    const base = { code: row.code, label: label(row.code), parent: row.parent };
    return withheld ? { ...base, secret: true, reason: withheld } : { ...base, secret: false, figures: figuresOf(row) };
  };

/** Each row's verdict for the committee, its level alone: thresholds all year, then among siblings (lib/anonymity). */
async function committeeVerdictsIn(
  tx: RawQueryClient,
  level: QosLevel,
  period: QosPeriod,
  rows: CellRow[],
  thresholds: QosCells["thresholds"],
): Promise<Verdict[]> {
  const year = periodContaining("year", period.fromDay);
  const passRows = await queryRows<{ code: string; passes: boolean }>(tx, yearPassSql(level, year, "month", thresholds.minStations, thresholds.minOwners));
  const passesYear = new Map(passRows.map((r) => [r.code, r.passes]));
  const byParent = new Map<string, CellRow[]>();
  for (const r of rows) byParent.set(r.parent, [...(byParent.get(r.parent) ?? []), r]);
  const verdicts = new Map<string, Verdict["withheld"]>();
  for (const siblings of byParent.values()) {
    const groups: Group[] = siblings.map((r) => ({ key: r.code, count: r.points, stations: new Set(r.stations), beneficiaries: new Set(r.owners) }));
    // A code too small in another period of the same kind of its year is withheld in all of them.
    const failingYear = new Set(siblings.filter((r) => !passesYear.get(r.code)).map((r) => r.code));
    for (const v of suppressSmallGroups(groups, { minStations: thresholds.minStations, minBeneficiaries: thresholds.minOwners }, failingYear))
      verdicts.set(v.key, v.secret ? v.reason : false);
  }
  return rows.map((row) => ({ row, withheld: verdicts.get(row.code)! }));
}

/** The committee's zone levels, from the top (zone-hierarchy-audit.ts). */
export const ZONE_LEVELS = ["national", "region", "departement", "epci", "commune"] as const satisfies readonly QosLevel[];
type ZoneLevel = (typeof ZONE_LEVELS)[number];

/**
 * The committee's cells of the zone levels of one month, read in the caller's transaction and
 * withheld together: each level among its siblings, then across levels so that no withheld cell
 * is a combination of published ones: the tree (protectZoneHierarchy), then the EPCIs
 * (protectSecondPartition), whose own secondary cells are chosen there. JIT should be off (see withoutJit).
 */
export async function readCommitteeZonesIn(tx: RawQueryClient, period: QosPeriod): Promise<Map<ZoneLevel, QosCell[]>> {
  if (period.kind !== "month") throw new Error("Le comité lit des mois.");
  const env = getEnv();
  const thresholds = { minStations: env.ANON_MIN_STATIONS, minOwners: env.ANON_MIN_BENEFICIARIES };
  const range = { ...period, start: parisMidnight(period.fromDay), end: parisMidnight(period.toDay) };
  const read = new Map<ZoneLevel, { verdicts: Verdict[]; names: Map<string, string> }>();
  for (const level of ZONE_LEVELS) {
    const rows = await queryRows<CellRow>(tx, cellsSql(level, range, null));
    read.set(level, { verdicts: await committeeVerdictsIn(tx, level, period, rows, thresholds), names: await labels(tx, level) });
  }
  // A commune's second parent: its EPCI ("?" for none, as cellsSql's epci level says).
  const communeCodes = read.get("commune")!.verdicts.map((v) => v.row.code);
  const epciRows = await queryRows<{ code: string; epci: string | null }>(
    tx,
    sql`SELECT insee_code AS code, epci_code AS epci FROM commune WHERE insee_code = ANY(${communeCodes}::text[])`,
  );
  const epciOf = new Map(epciRows.map((r) => [r.code, r.epci ?? "?"]));
  const parentsOf = (level: ZoneLevel, row: CellRow): Record<string, string> =>
    ({
      national: {},
      region: { national: "FR" },
      departement: { region: row.parent },
      epci: { national: "FR" },
      commune: { departement: row.parent, epci: epciOf.get(row.code) ?? "?" },
    })[level];
  const zoneCells = (level: ZoneLevel, withheld: (v: Verdict) => boolean) =>
    read.get(level)!.verdicts.map((v) => ({
      code: v.row.code,
      parents: parentsOf(level, v.row),
      count: v.row.points,
      stations: new Set(v.row.stations),
      owners: new Set(v.row.owners),
      withheld: withheld(v),
    }));
  // The tree first; the EPCIs then adapt to it, their secondary cells chosen across both partitions.
  const treeLevels = ZONE_LEVELS.filter((l) => l !== "epci");
  const tree = new Map(treeLevels.map((level) => [level, zoneCells(level, (v) => v.withheld !== false)]));
  const added = protectZoneHierarchy(tree, ZONE_TREE, thresholds);
  const final = new Map<string, ZoneCell[]>(
    [...tree].map(([level, cells]) => [level, cells.map((c) => ({ ...c, withheld: c.withheld || added.get(level)!.has(c.code) }))]),
  );
  final.set(
    "epci",
    zoneCells("epci", (v) => v.withheld === "primaire"),
  );
  const epcis = protectSecondPartition(final, ZONE_EDGES, { level: "epci", leaf: "commune" }, thresholds);
  const verdictOf = (level: ZoneLevel, v: Verdict): Verdict["withheld"] => {
    if (level !== "epci") return added.get(level)!.has(v.row.code) ? "secondaire" : v.withheld;
    return v.withheld === "primaire" ? "primaire" : epcis.has(v.row.code) ? "secondaire" : false;
  };
  return new Map(
    [...read].map(([level, { verdicts, names }]) => {
      const label = labelFrom(names);
      return [level, verdicts.map((v) => ({ ...v, withheld: verdictOf(level, v) })).map(toCell(label))];
    }),
  );
}
