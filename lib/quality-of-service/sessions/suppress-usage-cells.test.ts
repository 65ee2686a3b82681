import { describe, expect, it } from "vitest";
import { suppressUsageCells, type SuppressionNode } from "@/lib/quality-of-service/sessions/suppress-usage-cells";
import { isDirectCurrent, powerClassOf } from "@/lib/quality-of-service/sessions/power-classes";
import { usagePeriod } from "@/lib/quality-of-service/sessions/usage-period";

const T = { minStations: 5, minBeneficiaries: 3 };

/** A leaf of `stations` stations spread over `owners` owners, with a value (its sessions). */
interface Leaf {
  key: string;
  parent: string;
  level: string;
  stations: number;
  owners: number;
  value: number;
  hidden?: boolean;
}

/** The tree of cells built from leaves: every parent's sets and value are its children's unions and sums. */
function tree(leaves: Leaf[], parents: { key: string; parent: string | null; level: string }[]) {
  const values = new Map<string, number>();
  const nodes = new Map<string, SuppressionNode>();
  const add = (key: string, parent: string | null, level: string, hidden: boolean, st: string[], ow: string[], v: number) => {
    const n = nodes.get(key) ?? { key, parent, level, hidden, weight: 0, stations: new Set<string>(), owners: new Set<string>() };
    st.forEach((s) => (n.stations as Set<string>).add(s));
    ow.forEach((o) => (n.owners as Set<string>).add(o));
    n.weight += v;
    nodes.set(key, n);
    values.set(key, (values.get(key) ?? 0) + v);
  };
  const byKey = new Map(parents.map((p) => [p.key, p]));
  for (const l of leaves) {
    const st = Array.from({ length: l.stations }, (_, i) => `${l.key}-s${i}`);
    const ow = Array.from({ length: l.owners }, (_, i) => `${l.key}-o${i}`);
    add(l.key, l.parent, l.level, l.hidden ?? false, st, ow, l.value);
    for (let p = byKey.get(l.parent); p; p = p.parent ? byKey.get(p.parent) : undefined) add(p.key, p.parent, p.level, false, st, ow, l.value);
  }
  return { nodes: [...nodes.values()], values };
}

/**
 * What an attacker deduces from the published cells: every relation parent = Σ children (per
 * level of children), solved while one of its terms is the only unknown, to a fixed point.
 */
function deduced(nodes: SuppressionNode[], values: Map<string, number>, published: Set<string>): Map<string, number> {
  const known = new Map([...published].map((k) => [k, values.get(k)!]));
  const families = new Map<string, string[]>();
  for (const n of nodes) if (n.parent) families.set(`${n.parent}|${n.level}`, [...(families.get(`${n.parent}|${n.level}`) ?? []), n.key]);
  for (let changed = true; changed;) {
    changed = false;
    for (const [k, children] of families) {
      const parent = k.split("|")[0];
      const terms = [parent, ...children];
      const unknown = terms.filter((t) => !known.has(t));
      if (unknown.length !== 1) continue;
      const u = unknown[0];
      const sumChildren = children.filter((c) => c !== u).reduce((a, c) => a + known.get(c)!, 0);
      known.set(u, u === parent ? sumChildren : known.get(parent)! - sumChildren);
      changed = true;
    }
  }
  return known;
}

const GEO = [
  { key: "national:FR", parent: null, level: "national" },
  { key: "region:11", parent: "national:FR", level: "region" },
  { key: "region:84", parent: "national:FR", level: "region" },
  { key: "region:53", parent: "national:FR", level: "region" },
  { key: "departement:75", parent: "region:11", level: "departement" },
  { key: "departement:92", parent: "region:11", level: "departement" },
  { key: "departement:69", parent: "region:84", level: "departement" },
  { key: "departement:38", parent: "region:84", level: "departement" },
  { key: "departement:29", parent: "region:53", level: "departement" },
];

describe("suppressUsageCells", () => {
  it("leaves no withheld cell computable as parent minus published children, at any depth or level", () => {
    const leaves: Leaf[] = [
      { key: "commune:75101", parent: "departement:75", level: "commune", stations: 8, owners: 4, value: 120 },
      { key: "commune:75102", parent: "departement:75", level: "commune", stations: 6, owners: 3, value: 80 },
      { key: "commune:75103", parent: "departement:75", level: "commune", stations: 2, owners: 1, value: 9 }, // primary
      { key: "commune:92004", parent: "departement:92", level: "commune", stations: 7, owners: 3, value: 60 },
      { key: "commune:92?", parent: "departement:92", level: "commune", stations: 1, owners: 1, value: 4, hidden: true }, // unplaced
      { key: "commune:69123", parent: "departement:69", level: "commune", stations: 9, owners: 5, value: 200 },
      { key: "commune:38185", parent: "departement:38", level: "commune", stations: 3, owners: 2, value: 15 }, // primary: département 38 too
      { key: "commune:29019", parent: "departement:29", level: "commune", stations: 12, owners: 6, value: 150 },
    ];
    const { nodes, values } = tree(leaves, GEO);
    // Operational units, a second partition of the national cell (K stations suffice).
    const units: SuppressionNode[] = [
      {
        key: "unite:FRAAA",
        parent: "national:FR",
        level: "unite",
        hidden: false,
        weight: 300,
        stations: new Set(["a1", "a2", "a3", "a4", "a5", "a6"]),
        owners: new Set(["x"]),
      },
      {
        key: "unite:FRBBB",
        parent: "national:FR",
        level: "unite",
        hidden: false,
        weight: 250,
        stations: new Set(["b1", "b2", "b3", "b4", "b5"]),
        owners: new Set(["y"]),
      },
      { key: "unite:FRCCC", parent: "national:FR", level: "unite", hidden: false, weight: 88, stations: new Set(["c1", "c2", "c3"]), owners: new Set(["z"]) },
    ];
    values.set("unite:FRAAA", 300);
    values.set("unite:FRBBB", 250);
    values.set("unite:FRCCC", values.get("national:FR")! - 550);
    const all = [...nodes, ...units];

    const out = suppressUsageCells(all, T);
    const secret = (k: string) => out.get(k)!.secret;
    expect(out.get("commune:75103")).toEqual({ secret: true, reason: "primaire" });
    expect(out.get("departement:38")).toEqual({ secret: true, reason: "primaire" });
    expect(out.get("unite:FRCCC")).toEqual({ secret: true, reason: "primaire" });
    expect(out.get("unite:FRAAA")).toEqual({ secret: false }); // one owner, but an operator's unit: K stations suffice
    expect(secret("national:FR")).toBe(false);

    // The attacker knows every published cell, never the hidden one.
    const published = new Set(all.filter((n) => !n.hidden && !secret(n.key)).map((n) => n.key));
    const known = deduced(all, values, published);
    const leaked = all.filter((n) => !n.hidden && secret(n.key) && known.has(n.key)).map((n) => n.key);
    expect(leaked).toEqual([]);
    // And something is still published below the national cell.
    expect([...published].filter((k) => k.startsWith("commune:")).length).toBeGreaterThanOrEqual(2);
  });

  it("withholds every child of a withheld parent, and everything when the national cell is too small", () => {
    const { nodes } = tree(
      [
        { key: "commune:75101", parent: "departement:75", level: "commune", stations: 3, owners: 2, value: 10 },
        { key: "commune:29019", parent: "departement:29", level: "commune", stations: 1, owners: 1, value: 5 },
      ],
      GEO,
    );
    const out = suppressUsageCells(nodes, T);
    expect([...out.values()].every((s) => s.secret)).toBe(true);
  });
});

describe("QualiCharge's power classes and DC rule", () => {
  it("puts each bound in its class", () => {
    expect([0, 7.39, 7.4, 22, 22.01, 49.99, 50, 149.99, 150, 349.99, 350, 4000].map(powerClassOf)).toEqual([
      "p0_7",
      "p0_7",
      "p7_22",
      "p7_22",
      "p22_50",
      "p22_50",
      "p50_150",
      "p50_150",
      "p150_350",
      "p150_350",
      "p350",
      "p350",
    ]);
  });

  it("calls a point DC from 50 kW, or with a CCS or CHAdeMO plug", () => {
    const none = { combo_ccs: false, chademo: false };
    expect(isDirectCurrent(49.99, none)).toBe(false);
    expect(isDirectCurrent(50, none)).toBe(true);
    expect(isDirectCurrent(22, { combo_ccs: true, chademo: false })).toBe(true);
    expect(isDirectCurrent(22, { combo_ccs: false, chademo: true })).toBe(true);
  });
});

describe("usage periods (Paris calendar)", () => {
  it("gives each kind its bounds and true length", () => {
    const week = usagePeriod("week", "2025-01-01"); // a Wednesday
    expect([week.firstDay, week.nextDay, week.hours]).toEqual(["2024-12-30", "2025-01-06", 168]);
    expect(usagePeriod("week", "2024-10-27")).toMatchObject({ firstDay: "2024-10-21", hours: 169 });
    expect(usagePeriod("month", "2024-03-15")).toMatchObject({ firstDay: "2024-03-01", nextDay: "2024-04-01", hours: 743 });
    expect(usagePeriod("quarter", "2024-12-31")).toMatchObject({ firstDay: "2024-10-01", nextDay: "2025-01-01", hours: 2209 });
    expect(usagePeriod("year", "2024-06-01")).toMatchObject({ firstDay: "2024-01-01", nextDay: "2025-01-01", hours: 8784 });
    expect(usagePeriod("day", "2024-10-27").from.toISOString()).toBe("2024-10-26T22:00:00.000Z");
  });
});
