import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { knownFromMargins, suppressOperatorMatrix, type MatrixCell, type OperatorMapMargins } from "@/lib/quality-of-service/operator-map-cells";
import type { QosCell, QosFigures } from "@/lib/quality-of-service/read-qos-cells";
import { exposedByLinearAlgebra } from "@/tests/support/anonymity/zone-attack";

// The committee's map of one operator by région, attacked as the committee could: every
// published région (all operators) and every published operator (the ranking) is a margin; a
// margin minus the published cells of its line (the operators of one région, or one operator's
// régions) must never be a single withheld cell, nor withheld cells gathering fewer than 5
// stations together. A cell alone in its line is its margin, known already: the attacker knows
// it too.

const MIN = 5;
const rule = { minStations: MIN, passesYear: () => true };

function cell(code: string, secret: boolean): QosCell {
  return secret
    ? { code, label: code, parent: "", secret: true, reason: "primaire" }
    : { code, label: code, parent: "", secret: false, figures: {} as QosFigures };
}

/** `stations` stations of operator `op` in région `reg`. */
function made(op: string, reg: string, stations: number): MatrixCell {
  return { code: `${op}|${reg}`, parent: op, points: stations, stations: Array.from({ length: stations }, (_, i) => `${op}-${reg}-${i}`) };
}

/** The margins as published: withheld when they gather fewer than 5 stations, or when said. */
function marginsOf(rows: MatrixCell[], secret: { zones?: string[]; parents?: string[] } = {}): OperatorMapMargins {
  const stations = (key: (r: MatrixCell) => string) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.stations.length);
    return m;
  };
  return {
    zones: new Map([...stations((r) => r.code.split("|")[1])].map(([z, n]) => [z, cell(z, n < MIN || secret.zones?.includes(z) === true)])),
    parents: new Map([...stations((r) => r.parent)].map(([p, n]) => [p, cell(p, n < MIN || secret.parents?.includes(p) === true)])),
  };
}

/**
 * What an attacker deduces with the map that it could not without it: per line with a published
 * margin, withheld cells told apart by difference. Cells the margins give by difference alone
 * are known without the map; when the rest of a line gathers fewer than 5 stations,
 * the margins alone give it away (the ranking beside the régions' table): the map can only
 * withhold it, which is checked.
 */
function leaks(rows: MatrixCell[], margins: OperatorMapMargins, withheld: Map<string, string>): string[] {
  const lines = new Map<string, MatrixCell[]>();
  for (const r of rows) for (const key of [`zone:${r.code.split("|")[1]}`, `parent:${r.parent}`]) lines.set(key, [...(lines.get(key) ?? []), r]);
  const margin = (key: string) => (key.startsWith("zone:") ? margins.zones.get(key.slice(5)) : margins.parents.get(key.slice(7)));
  const pinned = knownFromMargins([...lines].map(([key, line]) => ({ margin: margin(key), line })));
  const found: string[] = [];
  for (const [key, line] of lines) {
    if (margin(key)!.secret) continue;
    const rest = line.filter((r) => !pinned.has(r.code));
    if (rest.length === 0) continue;
    if (new Set(rest.flatMap((r) => r.stations)).size < MIN) {
      if (rest.some((r) => !withheld.has(r.code))) found.push(`${key}: published beside the margins that give it`);
      continue;
    }
    const hidden = rest.filter((r) => withheld.has(r.code));
    if (hidden.length === 0) continue;
    if (hidden.length === 1 || new Set(hidden.flatMap((r) => r.stations)).size < MIN) found.push(`${key}: ${hidden.map((r) => r.code).join(", ")}`);
  }
  // By repeated difference from the published cells too: no withheld cell comes out.
  const withPublished = [...lines].map(([key, line]) => ({ margin: margin(key), line: line.filter((r) => withheld.has(r.code)) }));
  for (const code of knownFromMargins(withPublished)) if (!pinned.has(code)) found.push(`${code}: deduced step by step`);
  return found;
}

describe("the map of one operator by région", () => {
  it("withholds a second operator of a région beside a small one, so that the région minus the published operators is not the small one", () => {
    const rows = [made("FRAAA", "84", 2), made("FRBBB", "84", 30), made("FRCCC", "84", 30), made("FRBBB", "76", 9), made("FRCCC", "76", 9)];
    const margins = marginsOf(rows);
    const withheld = suppressOperatorMatrix(rows, margins, rule);
    // FRAAA is the ranking's too (2 stations: withheld there); here it is alone in its row.
    expect(withheld.get("FRAAA|84")).toBe("primaire");
    // Auvergne-Rhône-Alpes: one more operator withheld (the smaller by points, then by name), then
    // in its row one more région (Occitanie), in Occitanie's column the other operator, and in
    // that one's row its Auvergne-Rhône-Alpes: each withheld cell has a withheld partner in both
    // of its lines.
    expect(withheld.get("FRBBB|84")).toBe("secondaire");
    expect(withheld.get("FRBBB|76")).toBe("secondaire");
    expect(withheld.get("FRCCC|76")).toBe("secondaire");
    expect(withheld.get("FRCCC|84")).toBe("secondaire");
    expect(leaks(rows, margins, withheld)).toEqual([]);
  });

  it("withholds a second région of the operator beside a small one, so that its national figure minus the others is not the small one", () => {
    const rows = [made("FRAAA", "84", 2), made("FRAAA", "76", 12), made("FRAAA", "11", 20)];
    const margins = marginsOf(rows);
    const withheld = suppressOperatorMatrix(rows, margins, rule);
    // Each région has one operator: its cell is the région's, known already; the small one's
    // région is withheld (2 stations) and so is its cell, which nothing else can protect.
    expect(withheld.get("FRAAA|84")).toBe("primaire");
    expect(leaks(rows, margins, withheld)).toEqual([]);
  });

  it("withholds every cell under a withheld margin: a withheld région, or an operator withheld in the ranking", () => {
    const rows = [made("FRAAA", "84", 9), made("FRAAA", "76", 9), made("FRBBB", "84", 9), made("FRBBB", "76", 9)];
    const withheld = suppressOperatorMatrix(rows, marginsOf(rows, { zones: ["76"], parents: ["FRBBB"] }), rule);
    expect(withheld.get("FRAAA|76")).toBe("primaire");
    expect(withheld.get("FRBBB|84")).toBe("primaire");
    expect(withheld.get("FRBBB|76")).toBe("primaire");
    // FRAAA|76 withheld alone in FRAAA's row would be its national figure minus 84.
    expect(withheld.get("FRAAA|84")).toBe("secondaire");
  });

  it("withholds a cell too small in another month of its year, and one more of its lines", () => {
    const rows = [made("FRAAA", "84", 9), made("FRAAA", "76", 9), made("FRBBB", "84", 9), made("FRBBB", "76", 9)];
    const withheld = suppressOperatorMatrix(rows, marginsOf(rows), { minStations: MIN, passesYear: (code) => code !== "FRAAA|76" });
    expect(withheld.get("FRAAA|76")).toBe("primaire");
    expect([...withheld.keys()].sort()).toEqual(["FRAAA|76", "FRAAA|84", "FRBBB|76", "FRBBB|84"]);
  });

  it("never leaves a withheld cell that a published margin minus the known cells of its line gives, on any table", () => {
    const table = fc.array(
      fc.record({ op: fc.constantFrom("FRAAA", "FRBBB", "FRCCC", "FRDDD"), reg: fc.constantFrom("84", "76", "11", "93"), n: fc.integer({ min: 1, max: 12 }) }),
      { minLength: 1, maxLength: 16 },
    );
    fc.assert(
      fc.property(table, (entries) => {
        const byCode = new Map<string, MatrixCell>();
        for (const e of entries) byCode.set(`${e.op}|${e.reg}`, made(e.op, e.reg, e.n));
        const rows = [...byCode.values()];
        const margins = marginsOf(rows);
        expect(leaks(rows, margins, suppressOperatorMatrix(rows, margins, rule))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});

/**
 * The exact attacker: every published margin and cell as the set of cells it sums, all relations
 * solved together; what it gives beyond what the margins alone give (known without the map).
 */
function linearLeaks(rows: MatrixCell[], margins: OperatorMapMargins, withheld: Map<string, string>): string[] {
  const zoneOf = (r: MatrixCell) => r.code.split("|")[1];
  const marginCells = [
    ...[...margins.zones].map(([z, c]) => ({ key: `zone:${z}`, communes: rows.filter((r) => zoneOf(r) === z).map((r) => r.code), withheld: c.secret })),
    ...[...margins.parents].map(([p, c]) => ({ key: `row:${p}`, communes: rows.filter((r) => r.parent === p).map((r) => r.code), withheld: c.secret })),
  ];
  const cellsOf = (isWithheld: (r: MatrixCell) => boolean) => rows.map((r) => ({ key: r.code, communes: [r.code], withheld: isWithheld(r) }));
  const marginsAlone = new Set(exposedByLinearAlgebra([...marginCells, ...cellsOf(() => true)]));
  return exposedByLinearAlgebra([...marginCells, ...cellsOf((r) => withheld.has(r.code))]).filter((k) => k.includes("|") && !marginsAlone.has(k));
}

describe("the map of one operator, against an attacker solving every relation together", () => {
  it("withholds one more cell where a withheld cell joins two protected groups (rows and columns solved together)", () => {
    // Found by the exact attacker on the line rules alone: zone 4 minus A's and B's rows plus
    // zone 1 gave C's cell in zone 4 (every line had two withheld cells), and then C's row gave
    // its 2-station cell in zone 2.
    const rows = [
      made("B", "4", 6),
      made("C", "4", 7),
      made("D", "1", 11),
      made("C", "2", 2),
      made("B", "1", 6),
      made("A", "1", 4),
      made("B", "3", 8),
      made("C", "1", 12),
      made("C", "3", 9),
      made("A", "4", 7),
    ];
    const margins = marginsOf(rows);
    const withheld = suppressOperatorMatrix(rows, margins, rule);
    expect(linearLeaks(rows, margins, withheld)).toEqual([]);
    expect(leaks(rows, margins, withheld)).toEqual([]);
  });

  it("gives nothing beyond the margins on any table of four operators and four zones", () => {
    const table = fc.array(
      fc.record({ op: fc.constantFrom("FRAAA", "FRBBB", "FRCCC", "FRDDD"), reg: fc.constantFrom("84", "76", "11", "93"), n: fc.integer({ min: 1, max: 12 }) }),
      { minLength: 1, maxLength: 16 },
    );
    fc.assert(
      fc.property(table, (entries) => {
        const byCode = new Map<string, MatrixCell>();
        for (const e of entries) byCode.set(`${e.op}|${e.reg}`, made(e.op, e.reg, e.n));
        const rows = [...byCode.values()];
        const margins = marginsOf(rows);
        const withheld = suppressOperatorMatrix(rows, margins, rule);
        expect(linearLeaks(rows, margins, withheld)).toEqual([]);
        expect(leaks(rows, margins, withheld)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the map of one operator by département, under its map by région", () => {
  // Départements of two régions: 37, 45, 18 in Centre-Val de Loire (24); 2A, 2B in Corse (94).
  const REGION_OF = new Map([
    ["37", "24"],
    ["45", "24"],
    ["18", "24"],
    ["2A", "94"],
    ["2B", "94"],
  ]);

  /** The operator × région table first (its margins: régions, operators), then the table by département under it. */
  function bothTables(byDep: MatrixCell[], secret: { zones?: string[] } = {}) {
    const stationsBy = (key: (r: MatrixCell) => string) => {
      const m = new Map<string, MatrixCell>();
      for (const r of byDep) {
        const k = key(r);
        const before = m.get(k);
        m.set(k, { code: k, parent: r.parent, points: (before?.points ?? 0) + r.points, stations: [...(before?.stations ?? []), ...r.stations] });
      }
      return [...m.values()];
    };
    const byRegion = stationsBy((r) => `${r.parent}|${REGION_OF.get(r.code.split("|")[1])}`);
    const regionMargins = marginsOf(byRegion);
    const regionWithheld = suppressOperatorMatrix(byRegion, regionMargins, rule);
    const regionCells = new Map(byRegion.map((r) => [r.code, cell(r.code, regionWithheld.has(r.code))]));
    const rows = byDep.map((r) => ({ ...r, parent: `${r.parent}|${REGION_OF.get(r.code.split("|")[1])}` }));
    const depMargins: OperatorMapMargins = { zones: marginsOf(rows, secret).zones, parents: regionCells };
    return { rows, depMargins, regionCells, withheld: suppressOperatorMatrix(rows, depMargins, rule) };
  }

  it("withholds a second département of the operator beside a small one, so that its région's figure minus the others is not the small one", () => {
    const rows = [made("FRAAA", "37", 2), made("FRAAA", "45", 12), made("FRAAA", "18", 20), made("FRBBB", "37", 9), made("FRBBB", "18", 9)];
    const { withheld, regionCells } = bothTables(rows);
    expect(regionCells.get("FRAAA|24")!.secret).toBe(false);
    expect(withheld.get("FRAAA|37")).toBe("primaire");
    // In Indre-et-Loire's column (Indre-et-Loire minus FRBBB would be FRAAA) the other operator,
    // then in FRBBB's row (its région's figure minus its Cher) its Cher, and in Cher's column
    // FRAAA's: FRAAA's row then has two withheld départements (22 stations), Loiret stays.
    expect([...withheld].sort()).toEqual([
      ["FRAAA|18", "secondaire"],
      ["FRAAA|37", "primaire"],
      ["FRBBB|18", "secondaire"],
      ["FRBBB|37", "secondaire"],
    ]);
  });

  it("withholds one more cell where the départements' rows and columns together give an operator's withheld région", () => {
    // Found by the property below (fast-check seed -187211541). By région, FRAAA's Centre-Val de
    // Loire (5 stations) is withheld beside FRCCC's and FRDDD's; by département, every cell of
    // Loiret and Cher is withheld, but Loiret + Cher (10) minus FRBBB's two (its région, 10, minus
    // its published Indre-et-Loire, 5) gave FRAAA's région: 5. FRBBB's Indre-et-Loire is withheld too.
    const cells = [
      made("FRAAA", "45", 2),
      made("FRBBB", "37", 5),
      made("FRBBB", "18", 2),
      made("FRAAA", "18", 3),
      made("FRCCC", "37", 3),
      made("FRDDD", "37", 2),
      made("FRAAA", "2A", 1),
      made("FRBBB", "45", 3),
    ];
    const { rows, depMargins, regionCells, withheld } = bothTables(cells);
    expect(regionCells.get("FRAAA|24")!.secret).toBe(true);
    expect(regionCells.get("FRBBB|24")!.secret).toBe(false);
    expect(withheld.get("FRBBB|37")).toBe("secondaire");
    expect(linearLeaks(rows, depMargins, withheld)).toEqual([]);
  });

  it("withholds every département of an operator's withheld région, so that the région never comes out as their sum", () => {
    // FRAAA has 3 stations in Corse: its cell there is withheld, and so are its two départements,
    // though together with FRBBB's Haute-Corse would pass the threshold.
    const { withheld, regionCells } = bothTables([made("FRAAA", "2A", 1), made("FRAAA", "2B", 2), made("FRBBB", "2B", 9), made("FRAAA", "37", 20)]);
    expect(regionCells.get("FRAAA|94")!.secret).toBe(true);
    expect(withheld.get("FRAAA|2A")).toBe("primaire");
    expect(withheld.get("FRAAA|2B")).toBe("primaire");
  });

  it("on any table: no withheld cell comes out of a margin by difference, and a withheld région has no published département", () => {
    const table = fc.array(
      fc.record({
        op: fc.constantFrom("FRAAA", "FRBBB", "FRCCC", "FRDDD"),
        dep: fc.constantFrom(...REGION_OF.keys()),
        n: fc.integer({ min: 1, max: 12 }),
      }),
      { minLength: 1, maxLength: 16 },
    );
    fc.assert(
      fc.property(table, fc.subarray([...REGION_OF.keys()]), (entries, secretZones) => {
        const byCode = new Map<string, MatrixCell>();
        for (const e of entries) byCode.set(`${e.op}|${e.dep}`, made(e.op, e.dep, e.n));
        const { rows, depMargins, regionCells, withheld } = bothTables([...byCode.values()], { zones: secretZones });
        expect(leaks(rows, depMargins, withheld)).toEqual([]);
        expect(linearLeaks(rows, depMargins, withheld)).toEqual([]);
        for (const r of rows) if (regionCells.get(r.parent)!.secret) expect(withheld.get(r.code)).toBe("primaire");
      }),
      { numRuns: 1000 },
    );
  });
});
