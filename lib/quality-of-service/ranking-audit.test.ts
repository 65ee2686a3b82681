import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressSmallGroups } from "@/lib/anonymity/suppress-small-groups";
import { deducedCells, protectRanking, type AuditLevel, type OperatorZone } from "@/lib/quality-of-service/ranking-audit";

// The ranking of operators beside the table of régions, attacked by differences: an operator's
// national figure minus its published régions where it is alone is its share of a withheld
// région, which is that région's figure when it is alone there too.

const MIN = 5;

/** The stations of each operator (`op`) or zone (`zone`), named after the cell they are in. */
function stationsBy(entries: OperatorZone[], key: "op" | "zone"): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of entries) {
    const set = out.get(e[key]) ?? new Set<string>();
    for (let i = 0; i < e.stations; i++) set.add(`${e.op}-${e.zone}-${i}`);
    out.set(e[key], set);
  }
  return out;
}

function operatorsOf(entries: OperatorZone[]) {
  const ops = stationsBy(entries, "op");
  // As the ranking publishes them: under 5 stations withheld, then never alone among France's.
  const verdicts = suppressSmallGroups(
    [...ops].map(([key, stations]) => ({ key, count: stations.size, stations, beneficiaries: new Set(["operator"]) })),
    { minStations: MIN, minBeneficiaries: 1 },
  );
  return verdicts.map((v) => ({ code: v.key, stations: ops.get(v.key)!, points: ops.get(v.key)!.size, withheld: v.secret }));
}

/** The régions as their table publishes them: under 5 stations withheld, then never alone among France's (lib/anonymity). */
function regionsOf(entries: OperatorZone[]): AuditLevel {
  const zones = stationsBy(entries, "zone");
  const verdicts = suppressSmallGroups(
    [...zones].map(([key, stations]) => ({ key, count: stations.size, stations, beneficiaries: new Set(["b"]) })),
    { minStations: MIN, minBeneficiaries: 1 },
  );
  return { entries, zones: verdicts.map((v) => ({ code: v.key, parent: "FR", published: !v.secret })), parentPublished: () => true };
}

describe("the ranking beside the table of régions", () => {
  it("withholds an operator whose figure minus its published région gives a withheld région, then another beside it", () => {
    // FRAAA: 2 stations in Corse (its only operator) and 10 in Bretagne (alone there); FRBBB: 10 in Normandie.
    const entries = [
      { op: "FRAAA", zone: "94", stations: 2 },
      { op: "FRAAA", zone: "53", stations: 10 },
      { op: "FRBBB", zone: "28", stations: 10 },
    ];
    const level = regionsOf(entries);
    expect(level.zones.filter((z) => !z.published).map((z) => z.code)).toEqual(["94", "28"]);
    // Published as they stand, FRAAA minus Bretagne is Corse.
    const asIs = new Map([
      ["FRAAA", true],
      ["FRBBB", true],
    ]);
    expect(deducedCells(level, asIs).zones).toContain("94");
    const more = protectRanking([level], operatorsOf(entries), MIN);
    expect([...more].sort()).toEqual(["FRAAA", "FRBBB"]);
    const after = new Map([...asIs.keys()].map((op) => [op, !more.has(op)]));
    expect(deducedCells(level, after)).toEqual({ zones: [], operators: [] });
  });

  it("withholds nothing more when every région gathers several operators", () => {
    const entries = [
      { op: "FRAAA", zone: "94", stations: 6 },
      { op: "FRBBB", zone: "94", stations: 6 },
      { op: "FRAAA", zone: "53", stations: 6 },
      { op: "FRBBB", zone: "53", stations: 1 },
      { op: "FRCCC", zone: "28", stations: 3 },
      { op: "FRAAA", zone: "28", stations: 3 },
    ];
    expect(protectRanking([regionsOf(entries)], operatorsOf(entries), MIN)).toEqual(new Set());
  });

  it("leaves no withheld région or operator that differences give, on any table the ranking adds to", () => {
    const table = fc.array(
      fc.record({
        op: fc.constantFrom("FRAAA", "FRBBB", "FRCCC", "FRDDD"),
        zone: fc.constantFrom("11", "28", "53", "94", "93"),
        n: fc.integer({ min: 1, max: 9 }),
      }),
      { minLength: 1, maxLength: 14 },
    );
    fc.assert(
      fc.property(table, (raw) => {
        const byCode = new Map<string, OperatorZone>();
        for (const r of raw) byCode.set(`${r.op}|${r.zone}`, { op: r.op, zone: r.zone, stations: r.n });
        const entries = [...byCode.values()];
        const level = regionsOf(entries);
        const operators = operatorsOf(entries);
        const more = protectRanking([level], operators, MIN);
        const published = new Map(operators.map((o) => [o.code, !o.withheld && !more.has(o.code)]));
        const withoutRanking = deducedCells(level, new Map(operators.map((o) => [o.code, false])));
        const found = deducedCells(level, published);
        expect(found.zones.filter((z) => !withoutRanking.zones.includes(z))).toEqual([]);
        expect(found.operators.filter((o) => !withoutRanking.operators.includes(o))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
