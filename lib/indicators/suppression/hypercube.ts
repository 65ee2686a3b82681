// Secondary suppression by hypercubes over the linked tables of one run (docs/decisions/0010).
//
// The published cells form one table of three hierarchical dimensions: mesh (national ⊃ région
// ⊃ département ⊃ commune), period (year ⊃ quarter ⊃ month) and channel (all ⊃ ADVENIR, GIREVE,
// …). Every additive figure of a parent is the sum of its children along each dimension; a cell
// that does not exist (no station reported) is a known zero. A withheld cell is safe when a
// change of its value can be compensated inside the withheld cells: a perturbation z with
// z[t] = 1, zero on every published or absent cell, that keeps every parent = Σ children.
//
// Such a z is built as a product a ⊗ b ⊗ c of one "component" per dimension, each a null vector
// of that dimension's sums: a chain going up from the cell (with one child per level below it,
// since a parent that changes needs a child that changes) and, under the first ancestor that has
// a sibling, the same chain under that sibling with the opposite sign. The product's support
// (the hypercube) must exist and is withheld. Along z the attacker's interval for t is at least
// [v − D−, v + D+], D+ the least value among the cells of sign −, D− among those of sign + (t
// apart): every linear attack, whatever the relations combined, leaves at least that much.
//
// For every primary cell, hypercubes are added (cheapest first) until each of its figures with a
// positive value can move by at least `protection` (10 %) of it in one direction or the other.
// Every withheld cell then lies in a hypercube: no relation has exactly one withheld member, so
// no withheld cell is ever the only unknown of a sum.

export type Sign = 1 | -1;

export interface SuppressionCell {
  /** Position in the input, returned in `withheld`. */
  index: number;
  mesh: string;
  period: string;
  channel: string;
  primary: boolean;
  /** Additive figures of the cell (energy first); the protection applies to each positive one. */
  measures: Float64Array;
}

export interface Dimension {
  /** Parent node of a node (absent: a root). */
  parent: Map<string, string>;
  children: Map<string, string[]>;
}

export interface SuppressionInput {
  cells: SuppressionCell[];
  mesh: Dimension;
  period: Dimension;
  channel: Dimension;
  /** Relative protection of primary cells (0.1: ±10 %). */
  protection: number;
  /** Measures whose protection is required; others are carried along. Default: all. */
  requiredMeasures?: number[];
  /** Whether measure j is a published figure of the cell (default: every measure of every cell). */
  published?: (cell: SuppressionCell, j: number) => boolean;
  /** Cost factor of withholding a cell (aggregates are worth more than their parts). Default 1. */
  weight?: (cell: SuppressionCell) => number;
  /** Cells never withheld to protect another one (the national total of every channel). */
  keep?: (cell: SuppressionCell) => boolean;
}

export interface SuppressionResult {
  /** Indices of cells withheld as secondary. */
  secondary: number[];
  /** Primary cells some of whose positive figures no hypercube could protect (index → measures). */
  unprotected: Map<number, number[]>;
  hypercubes: number;
}

type Component = { node: string; sign: Sign }[];

const key = (mesh: string, period: string, channel: string) => `${mesh}|${period}|${channel}`;

export function dimension(parentOf: Iterable<[string, string | null]>): Dimension {
  const parent = new Map<string, string>();
  const children = new Map<string, string[]>();
  for (const [node, p] of parentOf) {
    if (!children.has(node)) children.set(node, []);
    if (p === null) continue;
    parent.set(node, p);
    if (!children.has(p)) children.set(p, []);
    children.get(p)!.push(node);
  }
  for (const list of children.values()) list.sort();
  return { parent, children };
}

export function suppressHypercubes(input: SuppressionInput): SuppressionResult {
  const { cells, protection } = input;
  const byKey = new Map<string, SuppressionCell>();
  for (const c of cells) byKey.set(key(c.mesh, c.period, c.channel), c);
  const withheld = new Uint8Array(cells.length);
  for (const c of cells) if (c.primary) withheld[c.index] = 1;
  const measureCount = cells[0]?.measures.length ?? 0;
  const required = input.requiredMeasures ?? Array.from({ length: measureCount }, (_, j) => j);
  const energy = (c: SuppressionCell | undefined) => (c ? c.measures[0] : 0);
  const dims = [input.mesh, input.period, input.channel];
  const weight = input.weight ?? (() => 1);
  const keep = input.keep ?? (() => false);
  const published = input.published ?? (() => true);
  let hypercubes = 0;
  const unprotected = new Map<number, number[]>();

  /** Down from a node, one child per level: the child whose cell (at the others' coordinates) has the most energy. */
  const downChain = (d: number, node: string, at: (n: string) => SuppressionCell | undefined, first?: string): string[] => {
    const out = [node];
    let n = node;
    let pick = first;
    for (;;) {
      const kids = (dims[d].children.get(n) ?? []).filter((k) => at(k));
      if (kids.length === 0) break;
      const next = pick && kids.includes(pick) ? pick : kids.reduce((a, b) => (energy(at(b)) > energy(at(a)) ? b : a));
      pick = undefined;
      out.push(next);
      n = next;
    }
    return out;
  };

  /** Candidate components of dimension d for the cell t, at most a few per level. */
  const components = (d: number, t: SuppressionCell): Component[] => {
    const coord = [t.mesh, t.period, t.channel];
    const at = (n: string) => {
      const c = [...coord];
      c[d] = n;
      return byKey.get(key(c[0], c[1], c[2]));
    };
    const x = coord[d];
    const out: Component[] = [];
    // Below t: one chain per child (at most 3, largest first), or t alone.
    const kids = (dims[d].children.get(x) ?? []).filter((k) => at(k)).sort((a, b) => energy(at(b)) - energy(at(a))).slice(0, 3);
    const downs = kids.length === 0 ? [[x]] : kids.map((k) => downChain(d, x, at, k));
    const v = energy(t);
    let up: string[] = [];
    let a = x;
    for (let level = 0; ; level++) {
      const p = dims[d].parent.get(a);
      if (p === undefined) {
        // A root: the chain alone is a null vector (nothing above it to balance).
        for (const down of downs) out.push([...down, ...up].map((node) => ({ node, sign: 1 as Sign })));
        break;
      }
      const siblings = (dims[d].children.get(p) ?? []).filter((s) => s !== a && at(s));
      // Already withheld siblings (free: up to 12, so that several hypercubes can cover different
      // hours of the day), then, among the others, those closest in size to t.
      const score = (s: string) => {
        const c = at(s)!;
        return (withheld[c.index] ? 0 : 10) + Math.abs(Math.log((energy(c) + 1) / (v + 1)));
      };
      const sorted = siblings.sort((s1, s2) => score(s1) - score(s2));
      // Free ones largest first: a year or quarter is protected by a partner whose months are
      // large next to it.
      const free = sorted
        .filter((s) => withheld[at(s)!.index])
        .sort((s1, s2) => energy(at(s2)) - energy(at(s1)))
        .slice(0, level === 0 ? 12 : 4);
      const paid = sorted.filter((s) => !withheld[at(s)!.index]).slice(0, level === 0 ? 4 : 2);
      const chosen = [...free, ...paid];
      for (const s of chosen) {
        const neg = downChain(d, s, at);
        for (const down of downs.slice(0, level === 0 ? 3 : 1)) {
          out.push([...[...down, ...up].map((node) => ({ node, sign: 1 as Sign })), ...neg.map((node) => ({ node, sign: -1 as Sign }))]);
        }
      }
      up = [...up, p];
      a = p;
      if (level >= 3) break;
    }
    return out;
  };

  interface Candidate {
    cells: { cell: SuppressionCell; sign: Sign }[];
    cost: number;
  }

  const product = (t: SuppressionCell, m: Component, p: Component, ch: Component): Candidate | null => {
    const out: Candidate["cells"] = [];
    let cost = 0;
    for (const a of m)
      for (const b of p)
        for (const c of ch) {
          const cell = byKey.get(key(a.node, b.node, c.node));
          if (!cell || (!withheld[cell.index] && keep(cell))) return null;
          out.push({ cell, sign: (a.sign * b.sign * c.sign) as Sign });
          if (!withheld[cell.index]) cost += weight(cell) * (1 + energy(cell) / (energy(t) + 1));
        }
    return { cells: out, cost };
  };

  /** Whether the candidate lets measure j of t move by at least `protection` of its value. */
  const protects = (t: SuppressionCell, cand: Candidate, j: number): boolean => {
    const need = protection * t.measures[j];
    let up = true;
    let down = true;
    for (const { cell, sign } of cand.cells) {
      // A figure the cell does not publish is in no published sum: it constrains nothing.
      if (cell === t || !published(cell, j)) continue;
      if (cell.measures[j] < need) {
        if (sign < 0) up = false;
        else down = false;
        if (!up && !down) return false;
      }
    }
    return true;
  };
  /** Measures of t that the candidate protects. */
  const covers = (t: SuppressionCell, cand: Candidate, measures: number[]): number[] => measures.filter((j) => protects(t, cand, j));

  // Largest primaries first: their hypercubes, made of large cells, protect the small ones.
  const primaries = cells.filter((c) => c.primary).sort((a, b) => energy(b) - energy(a) || a.index - b.index);
  for (const t of primaries) {
    let todo = required.filter((j) => t.measures[j] > 0 && published(t, j));
    const [ms, ps, cs] = [0, 1, 2].map((d) => components(d, t));
    const take = (cand: Candidate) => {
      hypercubes++;
      for (const { cell } of cand.cells) withheld[cell.index] = 1;
      cand.cost = 0;
    };
    const candidates: Candidate[] = [];
    // A free hypercube (every cell already withheld) that protects everything ends the search.
    let freeFull: Candidate | null = null;
    search: for (const m of ms) for (const p of ps) for (const c of cs) {
      const cand = product(t, m, p, c);
      if (!cand) continue;
      if (cand.cost === 0 && todo.every((j) => protects(t, cand, j))) {
        freeFull = cand;
        break search;
      }
      candidates.push(cand);
    }
    candidates.sort((a, b) => a.cost - b.cost || a.cells.length - b.cells.length);
    // Every withheld cell needs one hypercube, whatever its figures (e.g. all zero).
    let placed = false;
    // The cheapest candidate protecting everything, else greedy: most measures per cost.
    const full = freeFull ?? candidates.find((cand) => todo.every((j) => protects(t, cand, j)));
    if (full) {
      take(full);
      placed = true;
      todo = [];
    }
    // At most 8 hypercubes per primary cell: past that, the figures still uncovered are counted
    // as unprotected (the auditor is their check) rather than withholding half the table.
    for (let extra = 0; todo.length > 0 && extra < 8; extra++) {
      let best: Candidate | null = null;
      let bestGain: number[] = [];
      let bestScore = 0;
      for (const cand of candidates) {
        const gain = covers(t, cand, todo);
        const score = gain.length / (1 + cand.cost);
        if (gain.length > 0 && score > bestScore) [best, bestGain, bestScore] = [cand, gain, score];
      }
      if (!best) break;
      take(best);
      placed = true;
      todo = todo.filter((j) => !bestGain.includes(j));
    }
    if (!placed && candidates.length > 0) take(candidates[0]);
    if (freeFull) candidates.push(freeFull);
    if (todo.length > 0 || candidates.length === 0) unprotected.set(t.index, todo);
  }

  const secondary: number[] = [];
  for (const c of cells) if (withheld[c.index] && !c.primary) secondary.push(c.index);
  return { secondary, unprotected, hypercubes };
}
