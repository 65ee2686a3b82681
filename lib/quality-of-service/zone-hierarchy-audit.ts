import { suppressSmallGroups, type Thresholds } from "@/lib/anonymity/suppress-small-groups";

// The committee's zone levels are published together (national, régions, départements, communes)
// and each is the sum of the level below. Suppressing each level among its siblings
// (read-qos-cells.ts) is not enough across levels: a département withheld to keep a small
// neighbour company (secondary) is the sum of its communes when these are all published, and then
// the région minus its other départements gives the small one. Two rules, repeated until nothing
// changes, close every single-difference deduction (the property test says so):
// - a withheld cell with children has at least one withheld child (else it is their sum);
// - among the children of one parent, the withheld ones are never alone and together pass the
//   thresholds (lib/anonymity), whatever withheld them.
// Limit, as the ranking's audit: systems of several relations solved together are not searched.

/** One cell of one zone level, with what the thresholds count. */
export interface ZoneCell {
  code: string;
  /** Its zone one level up (ignored at the top level). */
  parent: string;
  /** What orders the secondary choices: the smallest first (the points). */
  count: number;
  stations: ReadonlySet<string>;
  owners: ReadonlySet<string>;
  /** The verdict of its own level's suppression. */
  withheld: boolean;
}

/** Per level, from the top (national) down, the codes to withhold beside those already withheld. */
export function protectZoneHierarchy(levels: ZoneCell[][], thresholds: { minStations: number; minOwners: number }): Set<string>[] {
  const added = levels.map(() => new Set<string>());
  const withheld = levels.map((cells) => new Set(cells.filter((c) => c.withheld).map((c) => c.code)));
  const childrenOf = levels.map((_, i) => (i + 1 < levels.length ? groupBy(levels[i + 1], (c) => c.parent) : new Map<string, ZoneCell[]>()));
  const t: Thresholds = { minStations: thresholds.minStations, minBeneficiaries: thresholds.minOwners };
  const withhold = (i: number, code: string) => {
    withheld[i].add(code);
    added[i].add(code);
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < levels.length; i++) {
      // A withheld parent is not the sum of published children alone.
      for (const code of withheld[i]) {
        const children = childrenOf[i].get(code) ?? [];
        if (children.length === 0 || children.some((c) => withheld[i + 1].has(c.code))) continue;
        withhold(i + 1, smallest(children).code);
        changed = true;
      }
      // Among siblings: withheld never alone, together above the thresholds.
      for (const siblings of groupBy(levels[i], (c) => c.parent).values()) {
        const groups = siblings.map((c) => ({ key: c.code, count: c.count, stations: c.stations, beneficiaries: c.owners }));
        for (const v of suppressSmallGroups(groups, t, new Set(siblings.filter((c) => withheld[i].has(c.code)).map((c) => c.code))))
          if (v.secret && !withheld[i].has(v.key)) {
            withhold(i, v.key);
            changed = true;
          }
      }
    }
  }
  return added;
}

function smallest(cells: ZoneCell[]): ZoneCell {
  return [...cells].sort((a, b) => a.count - b.count || a.stations.size - b.stations.size || a.code.localeCompare(b.code))[0];
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}
