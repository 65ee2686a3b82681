import { suppressSmallGroups, type Thresholds } from "@/lib/anonymity/suppress-small-groups";

// The committee's zone levels are published together and each aggregate is the sum of its zones
// one level down, along two partitions of the communes: the tree national ⊃ régions ⊃
// départements ⊃ communes, and national ⊃ EPCIs ⊃ communes (EPCIs cross départements: with them
// the levels form a DAG). Suppressing each level among its siblings (read-qos-cells.ts) is not
// enough across levels.
//
// On the tree (protectZoneHierarchy), a département withheld to keep a small neighbour company
// is the sum of its communes when these are all published, and then the région minus its other
// départements gives the small one. Two rules, repeated until nothing changes:
// - a withheld cell with children has at least one withheld child (else it is their sum);
// - among the children of one parent, the withheld ones are never alone and together pass the
//   thresholds (lib/anonymity), whatever withheld them.
// On a tree these close every linear deduction, not only single differences: a withheld cell's
// value can move against a withheld sibling's (or its first published ancestor's withheld
// child's), each down a chain of withheld children to a commune, leaving every published sum as
// it is (property-tested with an exact linear-algebra attacker, zone-hierarchy-audit.test.ts).
//
// The EPCIs (protectSecondPartition) then adapt to the tree's verdicts, which they never change:
// the tables by région, département and commune are the same with or without EPCIs. Relations of
// both partitions combine (a département minus an EPCI inside it is its other communes), so:
// - a published EPCI whose withheld communes are one alone, or together under the thresholds,
//   is withheld (else it minus its published communes gives them);
// - no withheld cell of any level lies in the span of the published ones: the relations
//   "parent = sum of its children" of both partitions are solved together (Gaussian
//   elimination), and while one gives a withheld cell, the smallest published EPCI holding one
//   of its withheld communes is withheld (else the smallest published EPCI);
// - the withheld EPCIs that the published cells do not give are never alone and together pass
//   the thresholds;
// - an EPCI that the published cells give (the sum of its published communes, a département's
//   whole, …) hides nothing: one without a withheld commune is never chosen, and a secondary one
//   the published cells give is published again at the end (publishing what is known changes
//   nothing).
// With every EPCI withheld, the EPCIs add nothing to the tree, which its own rules protect: the
// loop ends there at the latest. Limit: the thresholds on a group of withheld cells are checked
// along each relation, not on combinations (a département minus an EPCI inside it gives the sum of
// its other withheld communes, not checked against the thresholds).

/** One cell of one zone level, with what the thresholds count. */
export interface ZoneCell {
  code: string;
  /** Its zone in each parent level (by the level's name); the top level has none. */
  parents: Readonly<Record<string, string>>;
  /** What orders the secondary choices: the smallest first (the points). */
  count: number;
  stations: ReadonlySet<string>;
  owners: ReadonlySet<string>;
  /** The verdict of its own level's suppression. */
  withheld: boolean;
}

/** Each cell of level `parent` is the sum of the cells of level `child` that name it. */
export interface ZoneEdge {
  parent: string;
  child: string;
}

/** The tree of the zone levels: régions ⊃ départements ⊃ communes under the national cell. */
export const ZONE_TREE: readonly ZoneEdge[] = [
  { parent: "national", child: "region" },
  { parent: "region", child: "departement" },
  { parent: "departement", child: "commune" },
];

/** The EPCIs: a second partition of the communes under the national cell, across départements. */
export const ZONE_EDGES: readonly ZoneEdge[] = [...ZONE_TREE, { parent: "national", child: "epci" }, { parent: "epci", child: "commune" }];

type Levels = ReadonlyMap<string, readonly ZoneCell[]>;

/** One relation: a parent cell and its children along one edge; cells as "<level>\t<code>". */
interface Relation {
  parent: string;
  children: string[];
}

const keyOf = (level: string, code: string) => `${level}\t${code}`;

function relationsOf(levels: Levels, edges: readonly ZoneEdge[]): Relation[] {
  const relations: Relation[] = [];
  for (const edge of edges) {
    const children = new Map<string, string[]>();
    for (const c of levels.get(edge.child) ?? []) {
      const parent = c.parents[edge.parent];
      if (parent === undefined) continue;
      const list = children.get(parent);
      if (list) list.push(keyOf(edge.child, c.code));
      else children.set(parent, [keyOf(edge.child, c.code)]);
    }
    for (const p of levels.get(edge.parent) ?? []) {
      const list = children.get(p.code);
      if (list) relations.push({ parent: keyOf(edge.parent, p.code), children: list });
    }
  }
  return relations;
}

/** The withheld cells ("<level>\t<code>") that the relations give from the published cells. */
export function exposedZoneCells(levels: Levels, edges: readonly ZoneEdge[], withheld: ReadonlySet<string>): string[] {
  return solvedUnknowns(relationsOf(levels, edges), withheld);
}

// Arithmetic modulo a prime below 2^26: products stay exact in doubles. The relations' matrix has
// coefficients ±1 over two nested families of sets, so a rank modulo p is the rational rank.
const P = 67_108_859;
const mod = (a: number) => ((a % P) + P) % P;
function inverse(a: number): number {
  let [r0, r1, s0, s1] = [a, P, 1, 0];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0);
}

/**
 * The unknowns that a set of relations (each "parent − Σ children = 0") determines: Gaussian
 * elimination on the unknowns' columns (the published cells are constants), kept fully reduced;
 * an unknown is determined when a reduced row holds it alone.
 */
function solvedUnknowns(relations: Relation[], unknowns: ReadonlySet<string>): string[] {
  /** Reduced rows by their pivot: column → coefficient, the pivot's being 1. */
  const basis = new Map<string, Map<string, number>>();
  for (const r of relations) {
    const row = new Map<string, number>();
    const add = (k: string, v: number) => {
      if (!unknowns.has(k)) return;
      const next = mod((row.get(k) ?? 0) + v);
      if (next === 0) row.delete(k);
      else row.set(k, next);
    };
    add(r.parent, 1);
    for (const c of r.children) add(c, -1);
    // Reduce by the existing pivots (each pivot appears in its own row only).
    for (const [col, v] of [...row]) {
      const pivotRow = basis.get(col);
      if (!pivotRow || !row.has(col)) continue;
      for (const [k, w] of pivotRow) {
        const next = mod((row.get(k) ?? 0) - v * w);
        if (next === 0) row.delete(k);
        else row.set(k, next);
      }
    }
    if (row.size === 0) continue;
    const pivot = [...row.keys()].sort()[0];
    const inv = inverse(row.get(pivot)!);
    for (const [k, v] of row) row.set(k, mod(v * inv));
    // Keep the basis fully reduced: remove the new pivot from the other rows.
    for (const other of basis.values()) {
      const f = other.get(pivot);
      if (f === undefined) continue;
      for (const [k, w] of row) {
        const next = mod((other.get(k) ?? 0) - f * w);
        if (next === 0) other.delete(k);
        else other.set(k, next);
      }
    }
    basis.set(pivot, row);
  }
  return [...basis].filter(([, row]) => row.size === 1).map(([pivot]) => pivot);
}

/** Per level of the tree, the codes to withhold beside those already withheld (the first two rules above). */
export function protectZoneHierarchy(
  levels: Levels,
  edges: readonly ZoneEdge[],
  thresholds: { minStations: number; minOwners: number },
): Map<string, Set<string>> {
  const added = new Map([...levels.keys()].map((level) => [level, new Set<string>()]));
  const cell = cellsByKey(levels);
  const withheld = new Set([...cell].filter(([, c]) => c.withheld).map(([k]) => k));
  const relations = relationsOf(levels, edges);
  const t: Thresholds = { minStations: thresholds.minStations, minBeneficiaries: thresholds.minOwners };
  const withhold = (key: string) => {
    withheld.add(key);
    added.get(levelOf(key))!.add(codeOf(key));
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const r of relations) {
      // A withheld parent is not the sum of published children alone.
      if (withheld.has(r.parent) && !r.children.some((c) => withheld.has(c))) {
        withhold(smallest(r.children.map((k) => ({ k, c: cell.get(k)! })))!);
        changed = true;
      }
      // Among siblings: withheld never alone, together above the thresholds.
      const groups = r.children.map((k) => ({ key: k, count: cell.get(k)!.count, stations: cell.get(k)!.stations, beneficiaries: cell.get(k)!.owners }));
      for (const v of suppressSmallGroups(groups, t, new Set(r.children.filter((k) => withheld.has(k)))))
        if (v.secret && !withheld.has(v.key)) {
          withhold(v.key);
          changed = true;
        }
    }
  }
  return added;
}

/** A second partition of the leaves under the top: its level, and the level of the leaves it sums. */
export interface SecondPartition {
  level: string;
  leaf: string;
}

/**
 * The codes of the second partition's level (the EPCIs) to withhold, its cells' own verdicts
 * being primary only, the other levels' verdicts final (after protectZoneHierarchy): the last
 * four rules above. `edges`: every edge, the second partition's included.
 */
export function protectSecondPartition(
  levels: Levels,
  edges: readonly ZoneEdge[],
  partition: SecondPartition,
  thresholds: { minStations: number; minOwners: number },
): Set<string> {
  const cell = cellsByKey(levels);
  const withheld = new Set([...cell].filter(([, c]) => c.withheld).map(([k]) => k));
  const relations = relationsOf(levels, edges);
  const zones = (levels.get(partition.level) ?? []).map((c) => keyOf(partition.level, c.code));
  const leaves = levels.get(partition.leaf) ?? [];
  const leavesOf = new Map(zones.map((z) => [z, [] as string[]]));
  for (const leaf of leaves) leavesOf.get(keyOf(partition.level, leaf.parents[partition.level]))?.push(keyOf(partition.leaf, leaf.code));
  const withheldLeaves = (zone: string) => leavesOf.get(zone)!.filter((k) => withheld.has(k));
  const passes = (keys: string[]) => {
    const stations = new Set(keys.flatMap((k) => [...cell.get(k)!.stations]));
    const owners = new Set(keys.flatMap((k) => [...cell.get(k)!.owners]));
    return stations.size >= thresholds.minStations && owners.size >= thresholds.minOwners;
  };
  // Every cell's leaves, to find the zones that hold a withheld cell's withheld leaves.
  const parentsOf = new Map<string, string[]>();
  for (const r of relations) for (const c of r.children) parentsOf.set(c, [...(parentsOf.get(c) ?? []), r.parent]); // two at most
  const leavesUnder = new Map<string, Set<string>>();
  for (const leaf of leaves) {
    const leafKey = keyOf(partition.leaf, leaf.code);
    const up = new Set([leafKey]);
    for (const k of up) for (const p of parentsOf.get(k) ?? []) up.add(p);
    for (const k of up) leavesUnder.set(k, (leavesUnder.get(k) ?? new Set()).add(leafKey));
  }
  const added = new Set<string>();
  const withhold = (zone: string) => {
    withheld.add(zone);
    added.add(zone);
  };
  // The smallest published zone that may protect something: one with a withheld commune (the sum
  // of published communes hides nothing). One the published cells give otherwise (a département's
  // whole) is published again at the end.
  const choose = (filter: (zone: string) => boolean): string | undefined => {
    const list = zones
      .filter((z) => !withheld.has(z) && withheldLeaves(z).length > 0 && filter(z))
      .map((k) => ({ k, c: cell.get(k)! }))
      .sort((a, b) => a.c.count - b.c.count || a.c.stations.size - b.c.stations.size || a.k.localeCompare(b.k))
      .map((x) => x.k);
    return list[0];
  };
  for (;;) {
    // A published zone minus its published leaves gives its withheld ones: alone, or too few together.
    const small = zones.find((z) => {
      const hidden = withheldLeaves(z);
      return !withheld.has(z) && hidden.length > 0 && (hidden.length === 1 || !passes(hidden));
    });
    if (small !== undefined) {
      withhold(small);
      continue;
    }
    // Relations of both partitions solved together. A zone withheld here that they give is a sum
    // of published cells: it is published again at the end and protects nothing meanwhile.
    const exposed = solvedUnknowns(relations, withheld);
    const given = new Set(exposed);
    // The top minus the published zones gives the withheld ones that are not given, together.
    const hidden = zones.filter((z) => withheld.has(z) && !given.has(z));
    const toFix = exposed.filter((k) => !added.has(k));
    let next: string | undefined;
    if (hidden.length === 1 || (hidden.length > 1 && !passes(hidden))) next = choose(() => true);
    else if (toFix.length > 0) {
      const near = new Set(toFix.flatMap((k) => [...(leavesUnder.get(k) ?? [])].filter((leaf) => withheld.has(leaf))));
      next = choose((z) => leavesOf.get(z)!.some((leaf) => near.has(leaf))) ?? choose(() => true);
    }
    if (next === undefined) break;
    withhold(next);
  }
  const given = new Set(solvedUnknowns(relations, withheld));
  return new Set([...added].filter((z) => !given.has(z)).map(codeOf));
}

function cellsByKey(levels: Levels): Map<string, ZoneCell> {
  const cell = new Map<string, ZoneCell>();
  for (const [level, cells] of levels) for (const c of cells) cell.set(keyOf(level, c.code), c);
  return cell;
}

const levelOf = (key: string) => key.slice(0, key.indexOf("\t"));
const codeOf = (key: string) => key.slice(key.indexOf("\t") + 1);

/** The smallest cell's key: fewest points, then stations, then key. */
function smallest(cells: { k: string; c: ZoneCell }[]): string | undefined {
  return [...cells].sort((a, b) => a.c.count - b.c.count || a.c.stations.size - b.c.stations.size || a.k.localeCompare(b.k))[0]?.k;
}
