import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressSmallGroups } from "@/lib/anonymity/suppress-small-groups";
import { protectZoneHierarchy, type ZoneCell } from "@/lib/quality-of-service/zone-hierarchy-audit";
import { deducedByDifferences } from "@/tests/support/anonymity/zone-attack";

// The zone levels attacked as the committee's tables could be (tests/support/anonymity/zone-attack.ts).

const T = { minStations: 5, minOwners: 2 };

/** A commune: its région and département indexes, its stations and owners. */
interface Commune {
  r: number;
  d: number;
  stations: number;
  owners: number[];
}

/** The four levels built from communes, each suppressed among its siblings as read-qos-cells.ts does. */
function levelsOf(communes: Commune[]): ZoneCell[][] {
  const cell = (code: string, parent: string, members: Commune[]): Omit<ZoneCell, "withheld"> => {
    const stations = new Set<string>();
    const owners = new Set<string>();
    for (const c of members) {
      const at = communes.indexOf(c);
      for (let s = 0; s < c.stations; s++) stations.add(`s${at}-${s}`);
      for (const o of c.owners) owners.add(`o${o}`);
    }
    return { code, parent, count: stations.size, stations, owners };
  };
  const dep = (c: Commune) => `D${c.r}.${c.d}`;
  const national = [cell("FR", "FR", communes)];
  const regions = [...new Set(communes.map((c) => c.r))].map((r) =>
    cell(
      `R${r}`,
      "FR",
      communes.filter((c) => c.r === r),
    ),
  );
  const deps = [...new Set(communes.map(dep))].map((d) =>
    cell(
      d,
      `R${d.slice(1).split(".")[0]}`,
      communes.filter((c) => dep(c) === d),
    ),
  );
  const towns = communes.map((c, i) => cell(`C${i}`, dep(c), [c]));
  return [national, regions, deps, towns].map((level) => {
    const verdicts = new Map<string, boolean>();
    for (const siblings of groupBy(level, (c) => c.parent).values())
      for (const v of suppressSmallGroups(
        siblings.map((c) => ({ key: c.code, count: c.count, stations: c.stations, beneficiaries: c.owners })),
        { minStations: T.minStations, minBeneficiaries: T.minOwners },
      ))
        verdicts.set(v.key, v.secret);
    return level.map((c) => ({ ...c, withheld: verdicts.get(c.code)! }));
  });
}

/** What the attacker deduces once `extra` cells are withheld too. */
function deduced(levels: ZoneCell[][], extra: Set<string>[] = levels.map(() => new Set())): string[] {
  return deducedByDifferences(levels.map((cells, i) => cells.map((c) => ({ ...c, withheld: c.withheld || extra[i].has(c.code) }))));
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}

describe("protectZoneHierarchy", () => {
  // One région: a large département, a small one (withheld), a third withheld beside it whose two
  // communes are published: that third one is their sum, and the région minus the large one and
  // the third gives the small one.
  const communes: Commune[] = [
    { r: 1, d: 1, stations: 20, owners: [1, 2, 3] },
    { r: 1, d: 2, stations: 2, owners: [4] },
    { r: 1, d: 3, stations: 6, owners: [5, 6] },
    { r: 1, d: 3, stations: 7, owners: [7, 8] },
    { r: 2, d: 1, stations: 30, owners: [1, 9] },
  ];

  it("finds the leak of the per-level suppression and closes it", () => {
    const levels = levelsOf(communes);
    // The third is the sum of its communes, the small one the région minus the other two, its commune itself.
    expect(deduced(levels).sort()).toEqual(["2:D1.2", "2:D1.3", "3:C1"]);
    const added = protectZoneHierarchy(levels, T);
    // The smaller of the third département's communes goes with it, and then its sibling (never alone).
    expect([...added[3]].sort()).toEqual(["C2", "C3"]);
    expect(deduced(levels, added)).toEqual([]);
  });

  it("adds nothing where the levels give nothing away", () => {
    const safe = levelsOf([
      { r: 1, d: 1, stations: 10, owners: [1, 2] },
      { r: 1, d: 2, stations: 10, owners: [3, 4] },
      { r: 2, d: 1, stations: 10, owners: [5, 6] },
      { r: 2, d: 1, stations: 10, owners: [7, 8] },
    ]);
    expect(protectZoneHierarchy(safe, T).map((s) => s.size)).toEqual([0, 0, 0, 0]);
  });

  it("leaves no withheld cell deducible by differences, on any hierarchy", () => {
    const commune = fc.record({
      r: fc.integer({ min: 1, max: 3 }),
      d: fc.integer({ min: 1, max: 4 }),
      stations: fc.integer({ min: 0, max: 9 }),
      owners: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(commune, { minLength: 1, maxLength: 24 }), (list) => {
        const levels = levelsOf(list);
        const added = protectZoneHierarchy(levels, T);
        expect(deduced(levels, added)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
