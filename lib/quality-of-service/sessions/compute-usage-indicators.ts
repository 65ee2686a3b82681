import { db } from "@/lib/platform/db/database";
import { getEnv } from "@/lib/platform/env";
import { queryRows, type RawQueryClient } from "@/lib/platform/db/sql";
import type { Thresholds } from "@/lib/anonymity/suppress-small-groups";
import type { UsageLevel, UsagePeriodKind } from "@/lib/schemas/usage-indicators";
import { POWER_CLASSES, type PowerClass } from "@/lib/quality-of-service/sessions/power-classes";
import { USAGE_GROUPING, USAGE_PAIR_GROUPING, usageCellsSql, type UsageCellRow } from "@/lib/quality-of-service/sessions/usage-cells-sql";
import { usagePeriod, type UsagePeriod } from "@/lib/quality-of-service/sessions/usage-period";
import { U14_KEYS, type U14Key } from "@/lib/quality-of-service/sessions/usage-catalogue";
import { suppressUsageCells, type Secrecy, type SuppressionNode } from "@/lib/quality-of-service/sessions/suppress-usage-cells";
import { protectRanking, type AuditLevel } from "@/lib/quality-of-service/ranking-audit";
import { protectSecondPartition, ZONE_EDGES, type ZoneCell } from "@/lib/quality-of-service/zone-hierarchy-audit";

// QualiCharge's usage indicators computed from the sessions and charges stored in the core, for
// one period, at every level, under the anonymity rule. Withheld cells leave this function without
// any figure: only their level, code, name and the kind of secret.

export interface UsageFigures {
  i1: number;
  i4: number;
  i7: number;
  t1: Record<PowerClass, number>;
  e4: number;
  /** Sessions per Paris hour of start (0–23); null where hourly figures are not published (communes). */
  u5: number[] | null;
  u6: Record<PowerClass, number>;
  u9: Record<PowerClass, number>;
  u10: number;
  u11: number;
  u12: Record<PowerClass, number>;
  u13: Record<PowerClass, number>;
  u14: Record<U14Key, number>;
  /** Energy ÷ (installed power × hours of the period); null without installed power. */
  loadFactor: number | null;
  /** u11 ÷ u10; null without sessions. */
  successRate: number | null;
}

interface CellId {
  level: UsageLevel;
  code: string;
  name: string | null;
  /** The operator holding an operational unit (published with its unit). */
  operatorName: string | null;
}

export type UsageCell = CellId & ({ secret: false; figures: UsageFigures } | { secret: true; reason: "primaire" | "secondaire" });

export interface UsageIndicators {
  period: UsagePeriod;
  thresholds: Thresholds;
  /** Every cell shown at some level (cells of unplaced stations are not), national first. */
  cells: UsageCell[];
  /** Stations that reported in the period, nationally: never shown (the publication skips empty months); null once published. */
  reportingStations: number | null;
}

const NATIONAL = "FR";
/** The code of a child made of the stations a level cannot place. */
const UNPLACED = "?";

/** Level, code and parent of a row, from its GROUPING bits (usage-cells-sql.ts). */
function placeOf(r: UsageCellRow): { level: UsageLevel; code: string; parent: string | null } {
  switch (r.g) {
    case USAGE_GROUPING.national:
      return { level: "national", code: NATIONAL, parent: null };
    case USAGE_GROUPING.region:
      return { level: "region", code: r.reg ?? UNPLACED, parent: `national:${NATIONAL}` };
    case USAGE_GROUPING.departement:
      return { level: "departement", code: r.dep ?? UNPLACED, parent: `region:${r.reg ?? UNPLACED}` };
    case USAGE_GROUPING.epci:
      return { level: "epci", code: r.epci ?? UNPLACED, parent: `national:${NATIONAL}` };
    case USAGE_GROUPING.commune:
      return { level: "commune", code: r.commune ?? `${r.dep ?? ""}${UNPLACED}`, parent: `departement:${r.dep ?? UNPLACED}` };
    case USAGE_GROUPING.unite:
      return { level: "unite", code: r.ou ?? UNPLACED, parent: `national:${NATIONAL}` };
    case USAGE_GROUPING.amenageur:
      return { level: "amenageur", code: r.siren ?? UNPLACED, parent: `national:${NATIONAL}` };
    default:
      throw new Error(`usage cells: unexpected grouping ${r.g}`);
  }
}

const perClass = (values: number[]) => Object.fromEntries(POWER_CLASSES.map((c, i) => [c, Number(values[i] ?? 0)])) as Record<PowerClass, number>;

function figuresOf(r: UsageCellRow, level: UsageLevel, period: UsagePeriod): UsageFigures {
  const u9 = perClass(r.u9);
  const energy = Object.values(u9).reduce((a, b) => a + b, 0);
  const i7 = Number(r.i7);
  const u10 = Number(r.u10);
  return {
    i1: Number(r.i1),
    i4: Number(r.i4),
    i7,
    t1: perClass(r.t1),
    e4: Number(r.e4),
    // Hourly profiles are not published for communes (as the programme's profiles: a few
    // stations' hours are close to their users' habits).
    u5: level === "commune" ? null : Array.from({ length: 24 }, (_, h) => Number(r.u5?.[String(h)] ?? 0)),
    u6: perClass(r.u6),
    u9,
    u10,
    u11: Number(r.u11),
    u12: perClass(r.u12),
    u13: perClass(r.u13),
    u14: Object.fromEntries(U14_KEYS.map((k, i) => [k, Number(r.u14[i] ?? 0)])) as Record<U14Key, number>,
    loadFactor: i7 > 0 ? energy / (i7 * period.hours) : null,
    successRate: u10 > 0 ? Number(r.u11) / u10 : null,
  };
}

const LEVEL_ORDER: UsageLevel[] = ["national", "region", "departement", "epci", "commune", "unite", "amenageur"];

/** A cell before the anonymity rule: its figures, the stations and owners that reported. For tests and the rule. */
export interface RawUsageCell extends CellId {
  key: string;
  parent: string | null;
  /** Made of the stations a level cannot place: in the arithmetic, never shown. */
  hidden: boolean;
  /** A commune's EPCI (its second parent; UNPLACED for none); null at the other levels. */
  epci: string | null;
  figures: UsageFigures;
  stations: Set<string>;
  owners: Set<string>;
}

/** GROUPING bits of the rows that are an operational unit in one zone (usage-cells-sql.ts), with the zone's level. */
const PAIR_LEVELS: Record<number, ZoneLevel> = USAGE_PAIR_GROUPING;
type ZoneLevel = (typeof USAGE_PAIR_GROUPING)[keyof typeof USAGE_PAIR_GROUPING];

/** What each operational unit does in each zone: its reporting stations there. */
interface UnitZone {
  level: ZoneLevel;
  unit: string;
  zone: string;
  stations: number;
}

/** Every cell of the period, unsuppressed. Never shown as such: computeUsageIndicators applies the rule. */
export async function readUsageCells(period: UsagePeriod, client?: RawQueryClient): Promise<RawUsageCell[]> {
  return (await readUsageRows(period, client)).cells;
}

async function readUsageRows(period: UsagePeriod, client?: RawQueryClient): Promise<{ cells: RawUsageCell[]; pairs: UnitZone[] }> {
  const rows = await queryRows<UsageCellRow>(client ?? (await db()), usageCellsSql(period));
  const pairs = rows
    .filter((r) => PAIR_LEVELS[r.g])
    .map((r) => {
      const level = PAIR_LEVELS[r.g];
      const zone = {
        region: r.reg ?? UNPLACED,
        departement: r.dep ?? UNPLACED,
        epci: r.epci ?? UNPLACED,
        commune: r.commune ?? `${r.dep ?? ""}${UNPLACED}`,
      }[level];
      return { level, unit: r.ou ?? UNPLACED, zone, stations: (r.stations ?? []).length };
    });
  const cells = rows
    .filter((r) => !PAIR_LEVELS[r.g])
    .map((r) => {
      const { level, code, parent } = placeOf(r);
      return {
        key: `${level}:${code}`,
        parent,
        level,
        code,
        hidden: code.endsWith(UNPLACED),
        epci: level === "commune" ? (r.epci ?? UNPLACED) : null,
        name: r.name,
        operatorName: level === "unite" ? r.operator_name : null,
        figures: figuresOf(r, level, period),
        stations: new Set(r.stations ?? []),
        owners: new Set(r.owners ?? []),
      };
    });
  return { cells, pairs };
}

export async function computeUsageIndicators(
  input: { kind: UsagePeriodKind; day: string },
  options: { client?: RawQueryClient; thresholds?: Thresholds } = {},
): Promise<UsageIndicators> {
  const period = usagePeriod(input.kind, input.day);
  const env = options.thresholds ? null : getEnv();
  const thresholds = options.thresholds ?? { minStations: env!.ANON_MIN_STATIONS, minBeneficiaries: env!.ANON_MIN_BENEFICIARIES };
  const { cells: raw, pairs } = await readUsageRows(period, options.client);
  const nodes: SuppressionNode[] = raw.map((c) => ({
    key: c.key,
    parent: c.parent,
    level: c.level,
    hidden: c.hidden,
    weight: c.figures.u10,
    stations: c.stations,
    owners: c.owners,
  }));
  // The tree and the other families under France first; the EPCIs, a second partition of the
  // communes across départements, then adapt to them (zone-hierarchy-audit.ts).
  const secrecy = suppressUsageCells(
    nodes.filter((n) => n.level !== "epci"),
    thresholds,
  );
  for (const [key, s] of epciSecrecy(raw, secrecy, thresholds)) secrecy.set(key, s);
  // The units beside the tables by zone: withhold those whose figures would give a withheld zone.
  for (const unit of unitsToWithhold(raw, pairs, secrecy, thresholds.minStations)) secrecy.set(`unite:${unit}`, { secret: true, reason: "secondaire" });
  const cells: UsageCell[] = raw
    .filter((c) => !c.hidden)
    .map((c): UsageCell => {
      const s = secrecy.get(c.key)!;
      // A withheld unit does not name its operator, a withheld aménageur is its SIREN only.
      const name = s.secret && c.level === "amenageur" ? null : c.name;
      const id: CellId = { level: c.level, code: c.code, name, operatorName: s.secret ? null : c.operatorName };
      return s.secret ? { ...id, secret: true, reason: s.reason } : { ...id, secret: false, figures: c.figures };
    })
    .sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.code.localeCompare(b.code));
  return { period, thresholds, cells, reportingStations: raw.find((c) => c.level === "national")?.stations.size ?? 0 };
}

/**
 * The EPCIs' secrecy, the other levels' being final: primary under the thresholds (or under a
 * withheld France), then withheld until no withheld cell of any zone level comes out of the
 * published ones by the relations of both partitions (protectSecondPartition). Cells of unplaced
 * stations count as withheld: they are never shown.
 */
function epciSecrecy(raw: RawUsageCell[], tree: Map<string, Secrecy>, t: Thresholds): Map<string, Secrecy> {
  const national = raw.find((c) => c.level === "national");
  const nationalSecret = !national || tree.get(national.key)?.secret !== false;
  const primary = (c: RawUsageCell) => nationalSecret || c.stations.size < t.minStations || c.owners.size < t.minBeneficiaries;
  const codeOf = (key: string | null) => (key ?? "").slice((key ?? "").indexOf(":") + 1);
  const parentsOf = (c: RawUsageCell): Record<string, string> =>
    c.level === "national"
      ? {}
      : c.level === "region" || c.level === "epci"
        ? { national: NATIONAL }
        : c.level === "departement"
          ? { region: codeOf(c.parent) }
          : { departement: codeOf(c.parent), epci: c.epci ?? UNPLACED };
  const levels = new Map<string, ZoneCell[]>();
  for (const c of raw) {
    if (!["national", "region", "departement", "epci", "commune"].includes(c.level)) continue;
    const withheld = c.hidden || (c.level === "epci" ? primary(c) : tree.get(c.key)?.secret !== false);
    const cell: ZoneCell = { code: c.code, parents: parentsOf(c), count: c.figures.u10, stations: c.stations, owners: c.owners, withheld };
    const list = levels.get(c.level);
    if (list) list.push(cell);
    else levels.set(c.level, [cell]);
  }
  const more = protectSecondPartition(levels, ZONE_EDGES, { level: "epci", leaf: "commune" }, { minStations: t.minStations, minOwners: t.minBeneficiaries });
  const out = new Map<string, Secrecy>();
  for (const c of raw.filter((x) => x.level === "epci"))
    out.set(c.key, primary(c) ? { secret: true, reason: "primaire" } : more.has(c.code) ? { secret: true, reason: "secondaire" } : { secret: false });
  return out;
}

/** The ranking's audit (lib/quality-of-service/ranking-audit.ts) on the units and the tables by zone. */
function unitsToWithhold(raw: RawUsageCell[], pairs: UnitZone[], secrecy: Map<string, Secrecy>, minStations: number): Set<string> {
  // A hidden cell (stations a level cannot place) that the rule lets through is known by difference.
  const published = (c: RawUsageCell) => secrecy.get(c.key)?.secret === false;
  const byLevel = (level: UsageLevel) => raw.filter((c) => c.level === level);
  const isPublished = new Map(raw.map((c) => [c.key, published(c)]));
  const parentOf = (c: RawUsageCell) => (c.parent ?? "").slice((c.parent ?? "").indexOf(":") + 1);
  const parentLevel = { region: "national", departement: "region", epci: "national", commune: "departement" } as const;
  const levels: AuditLevel[] = (["region", "departement", "epci", "commune"] as const).map((level) => ({
    entries: pairs.filter((p) => p.level === level).map((p) => ({ op: p.unit, zone: p.zone, stations: p.stations })),
    zones: byLevel(level).map((c) => ({ code: c.code, parent: parentOf(c), published: published(c) })),
    parentPublished: (code) => isPublished.get(`${parentLevel[level]}:${code}`) === true,
  }));
  const units = byLevel("unite").map((c) => ({ code: c.code, stations: c.stations, points: c.figures.u10, withheld: !published(c) }));
  return protectRanking(levels, units, minStations);
}
