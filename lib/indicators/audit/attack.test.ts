import { describe, expect, it } from "vitest";
import { attack, cellKey, measuresOf, type Kind, type Level, type ReadCell } from "@/lib/indicators/audit/attack";

// The attacker on its own, on tables written by hand: the two recoveries found on the earlier
// suppression (issue 14) must be found, and a table protected by a hypercube must hold.

const geo: Record<string, { level: Level; code: string }> = {
  "commune:29019": { level: "departement", code: "29" },
  "commune:29232": { level: "departement", code: "29" },
  "departement:29": { level: "region", code: "53" },
  "departement:22": { level: "region", code: "53" },
  "region:53": { level: "national", code: "FR" },
};
const meshParent = (level: Level, code: string) => geo[`${level}:${code}`] ?? null;

function cell(level: Level, code: string, kind: Kind, pstart: string, energy: number | "primaire" | "secondaire"): ReadCell {
  const base = { level, code, kind, pstart, channel: "all" };
  if (typeof energy === "string") return { ...base, secret: true, reason: energy, values: {}, series: {} };
  return {
    ...base,
    secret: false,
    values: { energy_kwh: energy },
    series: {},
    coverage: { stationsReporting: 9, stationsRegistered: 9, energyKwh: energy, chargeCount: 9 },
  };
}
const truth = (cells: [ReadCell, number][]) =>
  new Map(cells.map(([c, e]) => [cellKey(c), measuresOf({ kind: c.kind, pstart: c.pstart, values: { energy_kwh: e }, series: {} })]));
const energyFindings = (r: ReturnType<typeof attack>) => r.findings.filter((f) => f.measure === "energy").map((f) => [f.cell, f.attack, f.lo]);

describe("the auditor's attacker", () => {
  it("finds a commune's month through its sibling's quarter minus its other months (across the period hierarchy)", () => {
    // Quimper's March withheld (primary); Brest's March withheld (secondary) but Brest's Q1,
    // January and February published: Brest's March = 60 − 20 − 15 = 25, Quimper's = 40 − 25.
    const quimperMarch = cell("commune", "29232", "month", "2023-03-01", "primaire");
    const brestMarch = cell("commune", "29019", "month", "2023-03-01", "secondaire");
    const cells = [
      cell("departement", "29", "month", "2023-03-01", 40),
      quimperMarch,
      brestMarch,
      cell("commune", "29019", "quarter", "2023-01-01", 60),
      cell("commune", "29019", "month", "2023-01-01", 20),
      cell("commune", "29019", "month", "2023-02-01", 15),
    ];
    const r = attack({
      cells,
      meshParent,
      truth: truth([
        [quimperMarch, 15],
        [brestMarch, 25],
      ]),
    });
    expect(energyFindings(r)).toEqual([
      [cellKey(brestMarch), "differencing", 25],
      [cellKey(quimperMarch), "differencing", 15],
    ]);
  });

  it("finds a December as its quarter minus November when October has no data (an absent cell is a zero)", () => {
    const december = cell("departement", "22", "month", "2023-12-01", "primaire");
    const cells = [cell("departement", "22", "quarter", "2023-10-01", 90), cell("departement", "22", "month", "2023-11-01", 55), december];
    const r = attack({ cells, meshParent, truth: truth([[december, 35]]) });
    expect(energyFindings(r)).toEqual([[cellKey(december), "differencing", 35]]);
  });

  it("pins a primary cell by bounds: non-negative partners and parent totals", () => {
    // Quimper's Q4 = 100 with November (95.5) and December (4.5) withheld, October published at
    // 0: no sum has one unknown. But December's parent (the département's December, 5, with
    // Brest's December also withheld) bounds it to [0, 5], so November is in [95, 100]: within
    // 10 % of 95.5.
    const nov = cell("commune", "29232", "month", "2023-11-01", "primaire");
    const dec = cell("commune", "29232", "month", "2023-12-01", "secondaire");
    const brestDec = cell("commune", "29019", "month", "2023-12-01", "secondaire");
    const cells = [
      cell("commune", "29232", "quarter", "2023-10-01", 100),
      cell("commune", "29232", "month", "2023-10-01", 0),
      nov,
      dec,
      brestDec,
      cell("departement", "29", "month", "2023-12-01", 5),
    ];
    const r = attack({
      cells,
      meshParent,
      truth: truth([
        [nov, 95.5],
        [dec, 4.5],
        [brestDec, 0.5],
      ]),
    });
    const f = r.findings.find((x) => x.cell === cellKey(nov) && x.measure === "energy");
    expect(f).toMatchObject({ attack: "bounds", lo: 95, hi: 100 });
  });

  it("recovers nothing from a hypercube: two communes × two months withheld, every sum published", () => {
    const w = [
      cell("commune", "29232", "month", "2023-01-01", "primaire"),
      cell("commune", "29232", "month", "2023-02-01", "secondaire"),
      cell("commune", "29019", "month", "2023-01-01", "secondaire"),
      cell("commune", "29019", "month", "2023-02-01", "secondaire"),
    ];
    const cells = [
      ...w,
      cell("commune", "29232", "month", "2023-03-01", 10),
      cell("commune", "29019", "month", "2023-03-01", 10),
      cell("commune", "29232", "quarter", "2023-01-01", 30),
      cell("commune", "29019", "quarter", "2023-01-01", 50),
      cell("departement", "29", "month", "2023-01-01", 30),
      cell("departement", "29", "month", "2023-02-01", 30),
      cell("departement", "29", "month", "2023-03-01", 20),
      cell("departement", "29", "quarter", "2023-01-01", 80),
    ];
    const r = attack({
      cells,
      meshParent,
      truth: truth([
        [w[0], 10],
        [w[1], 10],
        [w[2], 20],
        [w[3], 20],
      ]),
    });
    expect(r.findings).toEqual([]);
  });
});
