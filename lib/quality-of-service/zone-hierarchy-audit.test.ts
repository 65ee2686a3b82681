import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressSmallGroups } from "@/lib/anonymity/suppress-small-groups";
import { exposedZoneCells, protectSecondPartition, protectZoneHierarchy, type ZoneCell, type ZoneEdge } from "@/lib/quality-of-service/zone-hierarchy-audit";
import { deducedByDifferences, exposedByLinearAlgebra } from "@/tests/support/anonymity/zone-attack";

// The zone levels attacked as the committee's tables could be (tests/support/anonymity/zone-attack.ts):
// by single differences, and by linear algebra over the communes (any combination of published
// cells), on trees (national ⊃ régions ⊃ départements ⊃ communes) and on the DAG the EPCIs make
// (national ⊃ EPCIs ⊃ communes, EPCIs across départements).

const T = { minStations: 5, minOwners: 2 };

/** A commune: its région, département and EPCI indexes (EPCI 0: none), its stations and owners. */
interface Commune {
  r: number;
  d: number;
  e: number;
  stations: number;
  owners: number[];
}

const TREE: ZoneEdge[] = [
  { parent: "national", child: "region" },
  { parent: "region", child: "departement" },
  { parent: "departement", child: "commune" },
];
const DAG: ZoneEdge[] = [...TREE, { parent: "national", child: "epci" }, { parent: "epci", child: "commune" }];

/** A built level cell, with the communes it sums (for the linear attacker) and whether its own level's verdict is primary. */
type BuiltCell = ZoneCell & { communes: string[]; primary: boolean };

/**
 * The levels built from communes, each suppressed among the siblings of its first parent as
 * read-qos-cells.ts does (régions and EPCIs under France, départements under their région,
 * communes under their département).
 */
function levelsOf(communes: Commune[], withEpci: boolean): Map<string, BuiltCell[]> {
  const cell = (code: string, parents: Record<string, string>, members: Commune[]): Omit<BuiltCell, "withheld" | "primary"> => {
    const stations = new Set<string>();
    const owners = new Set<string>();
    for (const c of members) {
      const at = communes.indexOf(c);
      for (let s = 0; s < c.stations; s++) stations.add(`s${at}-${s}`);
      for (const o of c.owners) owners.add(`o${o}`);
    }
    return { code, parents, count: stations.size, stations, owners, communes: members.map((c) => `C${communes.indexOf(c)}`) };
  };
  const reg = (c: Commune) => `R${c.r}`;
  const dep = (c: Commune) => `D${c.r}.${c.d}`;
  const epci = (c: Commune) => (c.e === 0 ? "?" : `E${c.e}`);
  const zones = (of: (c: Commune) => string, parents: (c: Commune) => Record<string, string>) =>
    [...new Set(communes.map(of))].map((z) =>
      cell(
        z,
        parents(communes.find((c) => of(c) === z)!),
        communes.filter((c) => of(c) === z),
      ),
    );
  const built = new Map<string, Omit<BuiltCell, "withheld" | "primary">[]>([
    ["national", [cell("FR", {}, communes)]],
    ["region", zones(reg, () => ({ national: "FR" }))],
    ["departement", zones(dep, (c) => ({ region: reg(c) }))],
    ...(withEpci ? [["epci", zones(epci, () => ({ national: "FR" }))] as [string, Omit<BuiltCell, "withheld" | "primary">[]]] : []),
    ["commune", communes.map((c, i) => cell(`C${i}`, withEpci ? { departement: dep(c), epci: epci(c) } : { departement: dep(c) }, [c]))],
  ]);
  return new Map(
    [...built].map(([level, cells]) => {
      const verdicts = new Map<string, false | "primaire" | "secondaire">();
      const firstParent = (c: Omit<BuiltCell, "withheld" | "primary">) => Object.values(c.parents)[0] ?? "";
      for (const siblings of groupBy(cells, firstParent).values())
        for (const v of suppressSmallGroups(
          siblings.map((c) => ({ key: c.code, count: c.count, stations: c.stations, beneficiaries: c.owners })),
          { minStations: T.minStations, minBeneficiaries: T.minOwners },
        ))
          verdicts.set(v.key, v.secret ? v.reason : false);
      return [level, cells.map((c) => ({ ...c, withheld: verdicts.get(c.code) !== false, primary: verdicts.get(c.code) === "primaire" }))];
    }),
  );
}

const withExtra = (levels: Map<string, BuiltCell[]>, extra: Map<string, Set<string>>) =>
  [...levels].map(([level, cells]) => ({ level, cells: cells.map((c) => ({ ...c, withheld: c.withheld || (extra.get(level)?.has(c.code) ?? false) })) }));

/** What single differences give along the tree (départements' side) once `extra` cells are withheld too. */
function deducedOnTree(levels: Map<string, BuiltCell[]>, extra = new Map<string, Set<string>>()): string[] {
  const byLevel = new Map(withExtra(levels, extra).map(({ level, cells }) => [level, cells]));
  return deducedByDifferences(
    TREE.map((e) => e.parent)
      .concat("commune")
      .map((level) => byLevel.get(level)!.map((c) => ({ code: c.code, parent: Object.values(c.parents)[0] ?? "FR", withheld: c.withheld }))),
  );
}

/** What linear combinations of every published cell give once `extra` cells are withheld too. */
function exposed(levels: Map<string, BuiltCell[]>, extra = new Map<string, Set<string>>()): string[] {
  return exposedByLinearAlgebra(
    withExtra(levels, extra).flatMap(({ level, cells }) => cells.map((c) => ({ key: `${level}:${c.code}`, communes: c.communes, withheld: c.withheld }))),
  );
}

/**
 * What read-qos-cells.ts publishes: the tree protected first, then the EPCIs from their primary
 * verdicts (`secondPartition: false`: the EPCIs keep their own level's verdicts, as if the rules
 * across both partitions did not exist).
 */
function protectDag(levels: Map<string, BuiltCell[]>, secondPartition = true): Map<string, BuiltCell[]> {
  const tree = new Map([...levels].filter(([level]) => level !== "epci"));
  const added = protectZoneHierarchy(tree, TREE, T);
  const final = new Map(
    [...levels].map(([level, cells]) => [
      level,
      level === "epci"
        ? cells.map((c) => ({ ...c, withheld: secondPartition ? c.primary : c.withheld }))
        : cells.map((c) => ({ ...c, withheld: c.withheld || added.get(level)!.has(c.code) })),
    ]),
  );
  if (!secondPartition) return final;
  const epcis = protectSecondPartition(final, DAG, { level: "epci", leaf: "commune" }, T);
  return new Map(
    [...final].map(([level, cells]) => [level, level === "epci" ? cells.map((c) => ({ ...c, withheld: c.withheld || epcis.has(c.code) })) : cells]),
  );
}

/** The withheld cells of a level. */
const withheldIn = (levels: Map<string, BuiltCell[]>, level: string) =>
  levels
    .get(level)!
    .filter((c) => c.withheld)
    .map((c) => c.code)
    .sort();

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}

const commune = (maxEpci: number) =>
  fc.record({
    r: fc.integer({ min: 1, max: 3 }),
    d: fc.integer({ min: 1, max: 4 }),
    // Drawn apart from the département: EPCIs cross départements and régions.
    e: fc.integer({ min: 0, max: maxEpci }),
    stations: fc.integer({ min: 0, max: 9 }),
    owners: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
  });

describe("protectZoneHierarchy on the tree", () => {
  // One région: a large département, a small one (withheld), a third withheld beside it whose two
  // communes are published: that third one is their sum, and the région minus the large one and
  // the third gives the small one.
  const communes: Commune[] = [
    { r: 1, d: 1, e: 0, stations: 20, owners: [1, 2, 3] },
    { r: 1, d: 2, e: 0, stations: 2, owners: [4] },
    { r: 1, d: 3, e: 0, stations: 6, owners: [5, 6] },
    { r: 1, d: 3, e: 0, stations: 7, owners: [7, 8] },
    { r: 2, d: 1, e: 0, stations: 30, owners: [1, 9] },
  ];

  it("finds the leak of the per-level suppression and closes it", () => {
    const levels = levelsOf(communes, false);
    // The third is the sum of its communes, the small one the région minus the other two, its commune itself.
    expect(deducedOnTree(levels).sort()).toEqual(["2:D1.2", "2:D1.3", "3:C1"]);
    expect(exposed(levels).sort()).toEqual(["commune:C1", "departement:D1.2", "departement:D1.3"]);
    const added = protectZoneHierarchy(levels, TREE, T);
    // The smaller of the third département's communes goes with it, and then its sibling (never alone).
    expect([...added.get("commune")!].sort()).toEqual(["C2", "C3"]);
    expect(deducedOnTree(levels, added)).toEqual([]);
    expect(exposed(levels, added)).toEqual([]);
  });

  it("adds nothing where the levels give nothing away", () => {
    const safe = levelsOf(
      [
        { r: 1, d: 1, e: 0, stations: 10, owners: [1, 2] },
        { r: 1, d: 2, e: 0, stations: 10, owners: [3, 4] },
        { r: 2, d: 1, e: 0, stations: 10, owners: [5, 6] },
        { r: 2, d: 1, e: 0, stations: 10, owners: [7, 8] },
      ],
      false,
    );
    expect([...protectZoneHierarchy(safe, TREE, T).values()].map((s) => s.size)).toEqual([0, 0, 0, 0]);
  });

  it("leaves no withheld cell deducible, by differences or by linear algebra, on any tree", () => {
    fc.assert(
      fc.property(fc.array(commune(0), { minLength: 1, maxLength: 24 }), (list) => {
        const levels = levelsOf(list, false);
        const added = protectZoneHierarchy(levels, TREE, T);
        expect(deducedOnTree(levels, added)).toEqual([]);
        expect(exposed(levels, added)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("protectSecondPartition: the EPCIs beside the tree", () => {
  // Two régions of one département each. Every commune is too small, so all are withheld; every
  // zone above them passes. EPCI "?" holds two of D1.1's three communes, EPCI E1 the third and
  // D2.1's two. No relation has a single unknown (D1.1 = C0 + C2 + C3, ? = C2 + C3, E1 = C0 + C1 +
  // C4, D2.1 = C1 + C4): differences give nothing, but D1.1 − ? = C0 (and E1 − D2.1 = C0).
  const communes: Commune[] = [
    { r: 1, d: 1, e: 1, stations: 1, owners: [1] },
    { r: 2, d: 1, e: 1, stations: 2, owners: [1] },
    { r: 1, d: 1, e: 0, stations: 1, owners: [1] },
    { r: 1, d: 1, e: 0, stations: 4, owners: [2] },
    { r: 2, d: 1, e: 1, stations: 3, owners: [2] },
  ];

  it("closes what relations solved together give, where single differences give nothing, by withholding EPCIs only", () => {
    const levels = levelsOf(communes, true);
    const unprotected = protectDag(levels, false);
    expect(withheldIn(unprotected, "commune")).toEqual(["C0", "C1", "C2", "C3", "C4"]);
    expect(withheldIn(unprotected, "epci")).toEqual([]);
    expect(deducedOnTree(unprotected)).toEqual([]);
    expect(exposed(unprotected)).toEqual(["commune:C0"]);
    const published = protectDag(levels);
    expect(exposed(published)).toEqual([]);
    // C0's EPCI, E1, is withheld; then "?" too, or France minus "?" would give E1.
    expect(withheldIn(published, "epci")).toEqual(["?", "E1"]);
    // The tables of the tree are as without EPCIs.
    for (const level of ["region", "departement", "commune"]) expect(withheldIn(published, level)).toEqual(withheldIn(unprotected, level));
    // The production solver agrees with the exact attacker, before and after.
    const keys = (l: Map<string, BuiltCell[]>) =>
      new Set([...l].flatMap(([level, cells]) => cells.filter((c) => c.withheld).map((c) => `${level}\t${c.code}`)));
    expect(exposedZoneCells(unprotected, DAG, keys(unprotected))).toEqual(["commune\tC0"]);
    expect(exposedZoneCells(published, DAG, keys(published))).toEqual([]);
  });

  it("leaves no withheld cell exposed to linear algebra on any DAG of cross-département EPCIs, and the tree as it was", () => {
    fc.assert(
      fc.property(fc.array(commune(4), { minLength: 1, maxLength: 24 }), (list) => {
        const levels = levelsOf(list, true);
        const unprotected = protectDag(levels, false);
        const published = protectDag(levels);
        expect(exposed(published)).toEqual([]);
        for (const level of ["national", "region", "departement", "commune"]) expect(withheldIn(published, level)).toEqual(withheldIn(unprotected, level));
      }),
      { numRuns: 400 },
    );
  });

  it("the solver inside the protection finds exactly what the exact attacker finds", () => {
    fc.assert(
      fc.property(fc.array(commune(4), { minLength: 1, maxLength: 16 }), fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (list, coins) => {
        // Arbitrary withheld sets, not only the protection's: the two solvers must agree on any.
        const levels = levelsOf(list, true);
        let i = 0;
        const arbitrary = new Map([...levels].map(([level, cells]) => [level, cells.map((c) => ({ ...c, withheld: coins[i++ % coins.length] }))]));
        const withheld = new Set([...arbitrary].flatMap(([level, cells]) => cells.filter((c) => c.withheld).map((c) => `${level}\t${c.code}`)));
        expect(
          exposedZoneCells(arbitrary, DAG, withheld)
            .map((k) => k.replace("\t", ":"))
            .sort(),
        ).toEqual(exposed(arbitrary).sort());
      }),
      { numRuns: 300 },
    );
  });
});
