import { suppressSmallGroups, type Thresholds } from "@/lib/anonymity/suppress-small-groups";

// Statistical secrecy of the usage cells (docs/indicators.md, "Indicateurs d'usage (codes
// QualiCharge)"). The cells form trees under the national cell: national ⊃ régions ⊃
// départements ⊃ communes, national ⊃ operational units, national ⊃ aménageurs (the EPCIs, a
// second partition of the communes, are decided after these, compute-usage-indicators.ts); every figure of a
// parent is the sum of its children's, stations that cannot be placed at a level being one more
// child that is never shown ("hidden").
//
// 1. Primary: a cell whose reporting stations are fewer than K, or whose owners fewer than B, is
//    withheld. Operational units are companies' perimeters: K stations suffice (no owner count).
// 2. Secondary, top-down: under a published parent, the children of one level go through
//    suppressSmallGroups (never a single withheld child; the withheld ones together pass the
//    thresholds, so parent − published children is itself anonymous). Under a withheld parent,
//    every child is withheld: otherwise the parent would be the sum of its published children,
//    and the parent's own siblings could then be deduced.

export interface SuppressionNode {
  key: string;
  /** The parent's key; null for the national cell. */
  parent: string | null;
  /** Siblings are the children of one parent at one level. */
  level: string;
  /** Stations that cannot be placed at this level: a child for the arithmetic, never shown. */
  hidden: boolean;
  /** What orders the secondary choice (smallest first): the sessions. */
  weight: number;
  stations: ReadonlySet<string>;
  owners: ReadonlySet<string>;
}

export type Secrecy = { secret: false } | { secret: true; reason: "primaire" | "secondaire" };

function thresholdsOf(level: string, t: Thresholds): Thresholds {
  return level === "unite" ? { minStations: t.minStations, minBeneficiaries: 0 } : t;
}

function passes(n: SuppressionNode, t: Thresholds): boolean {
  const own = thresholdsOf(n.level, t);
  return n.stations.size >= own.minStations && n.owners.size >= own.minBeneficiaries;
}

/** The secrecy of every node, by key. */
export function suppressUsageCells(nodes: SuppressionNode[], t: Thresholds): Map<string, Secrecy> {
  const out = new Map<string, Secrecy>();
  const children = new Map<string, SuppressionNode[]>();
  for (const n of nodes) {
    if (n.parent === null) continue;
    const k = `${n.parent}\u0000${n.level}`;
    children.set(k, [...(children.get(k) ?? []), n]);
  }
  const familiesOf = (parent: string) => [...children.entries()].filter(([k]) => k.startsWith(`${parent}\u0000`)).map(([, v]) => v);

  const visit = (node: SuppressionNode) => {
    const parentSecret = out.get(node.key)!.secret;
    for (const family of familiesOf(node.key)) {
      if (parentSecret) {
        for (const c of family) out.set(c.key, { secret: true, reason: passes(c, t) ? "secondaire" : "primaire" });
      } else {
        const groups = family.map((c) => ({ key: c.key, count: c.weight, stations: c.stations, beneficiaries: c.owners }));
        for (const r of suppressSmallGroups(groups, thresholdsOf(family[0].level, t))) {
          out.set(r.key, r.secret ? { secret: true, reason: r.reason } : { secret: false });
        }
      }
      for (const c of family) visit(c);
    }
  };
  for (const root of nodes.filter((n) => n.parent === null)) {
    out.set(root.key, passes(root, t) ? { secret: false } : { secret: true, reason: "primaire" });
    visit(root);
  }
  return out;
}
