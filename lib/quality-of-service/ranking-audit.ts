import { suppressSmallGroups, type Group } from "@/lib/anonymity/suppress-small-groups";

// The operators' ranking and the tables by zone are published side by side (issue 19): each
// zone's cell is the sum of what the operators there do in it, each operator's cell the sum of
// what it does in each zone. An attacker who knows the published cells can solve for a withheld
// one: a département withheld for its 2 stations is its operator's national figure minus its
// other départements when those are the operator's alone (published as départements). This audit
// finds the withheld cells (zones or operators) that such differences give, line by line
// (each relation with a single unknown term gives it, repeated until nothing new comes), and
// withholds more operators from the ranking until none comes out. Limit: differences only;
// systems of several relations solved together (cycles of operators and zones) are not searched.

/** What operator `op` does in zone `zone` (a cell of the hidden table). */
export interface OperatorZone {
  op: string;
  zone: string;
  stations: number;
}

export interface ZoneMargin {
  code: string;
  /** The zone one level up (the région of a département, "FR" for a région). */
  parent: string;
  published: boolean;
}

/** The sums published at one zone level, with what the operators do in each zone. */
export interface AuditLevel {
  entries: OperatorZone[];
  zones: ZoneMargin[];
  /** Whether each parent zone is published (FR: the national cell). */
  parentPublished: (code: string) => boolean;
}

/** The withheld zones and operators that differences of published cells give away. */
export function deducedCells(level: AuditLevel, operatorPublished: ReadonlyMap<string, boolean>): { zones: string[]; operators: string[] } {
  // Variables: each hidden cell "e:op|zone", each zone "z:code", each operator "o:code", each
  // parent "p:code"; relations: a sum and its terms, one of which may be unknown.
  const relations: string[][] = [];
  const byZone = groupBy(level.entries, (e) => e.zone);
  const byOp = groupBy(level.entries, (e) => e.op);
  for (const [zone, list] of byZone) relations.push([`z:${zone}`, ...list.map((e) => `e:${e.op}|${e.zone}`)]);
  for (const [op, list] of byOp) relations.push([`o:${op}`, ...list.map((e) => `e:${e.op}|${e.zone}`)]);
  for (const [parent, list] of groupBy(level.zones, (z) => z.parent)) relations.push([`p:${parent}`, ...list.map((z) => `z:${z.code}`)]);
  // National: the sum of the operators, and of the zones' parents when these are not FR already.
  relations.push(["p:FR", ...[...byOp.keys()].map((op) => `o:${op}`)]);
  const parents = [...new Set(level.zones.map((z) => z.parent))];
  if (!parents.every((p) => p === "FR")) relations.push(["p:FR", ...parents.map((p) => `p:${p}`)]);
  const known = new Set<string>();
  for (const z of level.zones) if (z.published) known.add(`z:${z.code}`);
  for (const [op, published] of operatorPublished) if (published) known.add(`o:${op}`);
  for (const parent of new Set(level.zones.map((z) => z.parent))) if (level.parentPublished(parent)) known.add(`p:${parent}`);
  for (let changed = true; changed;) {
    changed = false;
    for (const relation of relations) {
      const unknown = relation.filter((v) => !known.has(v));
      if (unknown.length === 1) {
        known.add(unknown[0]);
        changed = true;
      }
    }
  }
  return {
    zones: level.zones.filter((z) => !z.published && known.has(`z:${z.code}`)).map((z) => z.code),
    operators: [...operatorPublished].filter(([op, published]) => !published && known.has(`o:${op}`)).map(([op]) => op),
  };
}

/**
 * The operators to withhold from the ranking (beside those already withheld) so that no withheld
 * cell of any level comes out by difference, nor a withheld operator by the national total.
 * `operators`: each operator's stations and whether its cell passes on its own.
 */
export function protectRanking(
  levels: AuditLevel[],
  operators: { code: string; stations: ReadonlySet<string>; points: number; withheld: boolean }[],
  minStations: number,
): Set<string> {
  const withheld = new Set(operators.filter((o) => o.withheld).map((o) => o.code));
  const added = new Set<string>();
  const size = new Map(operators.map((o) => [o.code, o.stations.size]));
  const groups: Group[] = operators.map((o) => ({ key: o.code, count: o.points, stations: o.stations, beneficiaries: new Set(["operator"]) }));
  for (let guard = 0; guard <= operators.length; guard++) {
    // The ranking's own rule first: withheld operators never alone, together above the threshold.
    for (const v of suppressSmallGroups(groups, { minStations, minBeneficiaries: 1 }, new Set(withheld)))
      if (v.secret && !withheld.has(v.key)) {
        withheld.add(v.key);
        added.add(v.key);
      }
    const published = new Map(operators.map((o) => [o.code, !withheld.has(o.code)]));
    const none = new Map(operators.map((o) => [o.code, false]));
    let next: string | undefined;
    for (const level of levels) {
      // What the zones' tables give away without the ranking is theirs to protect (lib/anonymity),
      // or cannot be hidden by the ranking (an operator alone in a published zone is that zone).
      const without = deducedCells(level, none);
      const found = deducedCells(level, published);
      const leak = { zones: found.zones.filter((z) => !without.zones.includes(z)), operators: found.operators.filter((o) => !without.operators.includes(o)) };
      if (leak.zones.length === 0 && leak.operators.length === 0) continue;
      // Withhold the smallest published operator present where the first leak is; none there: in
      // the leaking zone's siblings; none there either: of all.
      const smallestIn = (zones: Set<string> | null) =>
        [...new Set(level.entries.filter((e) => (zones === null || zones.has(e.zone)) && published.get(e.op)).map((e) => e.op))].sort(
          (a, b) => (size.get(a) ?? 0) - (size.get(b) ?? 0) || a.localeCompare(b),
        )[0];
      const where = new Set(leak.zones.length > 0 ? [leak.zones[0]] : level.entries.filter((e) => e.op === leak.operators[0]).map((e) => e.zone));
      next = smallestIn(where);
      if (!next && leak.zones.length > 0) {
        const parent = level.zones.find((z) => z.code === leak.zones[0])?.parent;
        next = smallestIn(new Set(level.zones.filter((z) => z.parent === parent).map((z) => z.code)));
      }
      next ??=
        smallestIn(null) ??
        operators.filter((o) => published.get(o.code)).sort((a, b) => a.stations.size - b.stations.size || a.code.localeCompare(b.code))[0]?.code;
      if (next) break;
    }
    if (!next) return added;
    withheld.add(next);
    added.add(next);
  }
  return added;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}
