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
// no withheld cell is ever the only unknown of a sum. A clean-up pass then publishes again the
// secondary cells that later hypercubes made unnecessary, keeping both properties.

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

/** A null vector of one dimension's sums: nodes (indices) and their signs. */
interface Component {
  nodes: number[];
  signs: Sign[];
}

/** A hypercube around a cell: its cells (indices) with their signs, and the cost of withholding it. */
interface Candidate {
  cells: Int32Array;
  signs: Int8Array;
  cost: number;
  /** Bit j set: protects the j-th figure of the cell's to-do list (filled when first needed). */
  covers?: Uint8Array;
}

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
  const N = cells.length;
  const dims = [input.mesh, input.period, input.channel];
  const weightOf = input.weight ?? (() => 1);
  const keepOf = input.keep ?? (() => false);
  const publishedOf = input.published ?? (() => true);
  const measureCount = cells[0]?.measures.length ?? 0;
  const required = input.requiredMeasures ?? Array.from({ length: measureCount }, (_, j) => j);

  // Everything by integer index: the nodes of each dimension (children in the dimension's order)
  // and the cells in one dense array over mesh × period × channel. Key strings and maps were
  // nine tenths of the time on a table of 70,000 cells.
  const names: string[][] = [[], [], []];
  const ids: Map<string, number>[] = [new Map(), new Map(), new Map()];
  const idOf = (d: number, name: string) => {
    let id = ids[d].get(name);
    if (id === undefined) {
      id = names[d].length;
      ids[d].set(name, id);
      names[d].push(name);
    }
    return id;
  };
  for (let d = 0; d < 3; d++) {
    for (const [node, kids] of dims[d].children) {
      idOf(d, node);
      for (const k of kids) idOf(d, k);
    }
    for (const [node, p] of dims[d].parent) {
      idOf(d, node);
      idOf(d, p);
    }
  }
  const coords = [new Int32Array(N), new Int32Array(N), new Int32Array(N)];
  for (const c of cells) {
    coords[0][c.index] = idOf(0, c.mesh);
    coords[1][c.index] = idOf(1, c.period);
    coords[2][c.index] = idOf(2, c.channel);
  }
  const parents = dims.map((dim, d) => {
    const out = new Int32Array(names[d].length).fill(-1);
    for (const [node, p] of dim.parent) out[ids[d].get(node)!] = ids[d].get(p)!;
    return out;
  });
  const children = dims.map((dim, d) => {
    const out: number[][] = names[d].map(() => []);
    for (const [node, kids] of dim.children) out[ids[d].get(node)!] = kids.map((k) => ids[d].get(k)!);
    return out;
  });
  const [M, P, C] = names.map((n) => n.length);
  const lookup = new Int32Array(M * P * C).fill(-1);
  for (const c of cells) lookup[(coords[0][c.index] * P + coords[1][c.index]) * C + coords[2][c.index]] = c.index;
  const cellAt = (m: number, p: number, ch: number) => lookup[(m * P + p) * C + ch];

  const cellByIndex: SuppressionCell[] = [];
  for (const c of cells) cellByIndex[c.index] = c;
  const energy = new Float64Array(N);
  const weight = new Float64Array(N);
  const keep = new Uint8Array(N);
  const primary = new Uint8Array(N);
  const withheld = new Uint8Array(N);
  // Measures, cell-major; whether a cell publishes a figure is asked only when it matters.
  const values = new Float64Array(N * measureCount);
  const publishes = new Int8Array(N * measureCount); // 0: not asked yet, 1: yes, -1: no
  for (const c of cells) {
    const i = c.index;
    energy[i] = c.measures[0];
    weight[i] = weightOf(c);
    keep[i] = keepOf(c) ? 1 : 0;
    primary[i] = c.primary ? 1 : 0;
    withheld[i] = primary[i];
    values.set(c.measures, i * measureCount);
  }
  let hypercubes = 0;
  const unprotected = new Map<number, number[]>();

  /** The cell at t's coordinates with dimension d's coordinate replaced by n (-1: none). */
  const atOf = (d: number, t: number) => {
    const m = coords[0][t];
    const p = coords[1][t];
    const ch = coords[2][t];
    if (d === 0) return (n: number) => cellAt(n, p, ch);
    if (d === 1) return (n: number) => cellAt(m, n, ch);
    return (n: number) => cellAt(m, p, n);
  };

  /** Down from a node, one child per level: the child whose cell (at the others' coordinates) has the most energy. */
  const downChain = (d: number, node: number, at: (n: number) => number, first = -1): number[] => {
    const out = [node];
    let n = node;
    let pick = first;
    for (;;) {
      let next = -1;
      let best = -1;
      let pickFound = false;
      for (const k of children[d][n]) {
        const c = at(k);
        if (c < 0) continue;
        if (k === pick) pickFound = true;
        if (best < 0 || energy[c] > energy[best]) [next, best] = [k, c];
      }
      if (next < 0) break;
      if (pickFound) next = pick;
      pick = -1;
      out.push(next);
      n = next;
    }
    return out;
  };
  // The chain under a sibling depends only on the cell it starts from (energies do not change):
  // the siblings of one commune's cells are the siblings of its neighbours' too.
  const chains: number[][] = [];
  const chainOf = new Int32Array(N * 3).fill(-1);
  const chainFrom = (d: number, node: number, at: (n: number) => number): number[] => {
    const k = at(node) * 3 + d;
    if (chainOf[k] < 0) {
      chainOf[k] = chains.length;
      chains.push(downChain(d, node, at));
    }
    return chains[chainOf[k]];
  };

  const component = (pos: number[], neg: number[] = []): Component => ({
    nodes: [...pos, ...neg],
    signs: [...pos.map(() => 1 as Sign), ...neg.map(() => -1 as Sign)],
  });

  /** Candidate components of dimension d for the cell t, at most a few per level, made as needed. */
  function* components(d: number, t: number): Generator<Component> {
    const at = atOf(d, t);
    const x = coords[d][t];
    const v = energy[t];
    // Below t: one chain per child (at most 3, largest first), or t alone.
    const kids = children[d][x]
      .filter((k) => at(k) >= 0)
      .sort((a, b) => energy[at(b)] - energy[at(a)])
      .slice(0, 3);
    const downs = kids.length === 0 ? [[x]] : kids.map((k) => downChain(d, x, at, k));
    let up: number[] = [];
    let a = x;
    for (let level = 0; ; level++) {
      const p = parents[d][a];
      if (p < 0) {
        // A root: the chain alone is a null vector (nothing above it to balance).
        for (const down of downs) yield component([...down, ...up]);
        break;
      }
      // Already withheld siblings (free: up to 12, so that several hypercubes can cover different
      // hours of the day), largest first (a year or quarter is protected by a partner whose months
      // are large next to it); then, among the others, those closest in size to t.
      const free: { s: number; e: number; i: number }[] = [];
      const paid: { s: number; score: number; i: number }[] = [];
      for (const s of children[d][p]) {
        const c = s === a ? -1 : at(s);
        if (c < 0) continue;
        if (withheld[c]) free.push({ s, e: energy[c], i: free.length });
        else paid.push({ s, score: Math.abs(Math.log((energy[c] + 1) / (v + 1))), i: paid.length });
      }
      free.sort((x, y) => y.e - x.e || x.i - y.i);
      paid.sort((x, y) => x.score - y.score || x.i - y.i);
      const chosen = [...free.slice(0, level === 0 ? 12 : 4), ...paid.slice(0, level === 0 ? 4 : 2)];
      for (const { s } of chosen) {
        const neg = chainFrom(d, s, at);
        for (const down of downs.slice(0, level === 0 ? 3 : 1)) yield component([...down, ...up], neg);
      }
      up = [...up, p];
      a = p;
      if (level >= 3) break;
    }
  }

  const product = (t: number, m: Component, p: Component, ch: Component): Candidate | null => {
    const size = m.nodes.length * p.nodes.length * ch.nodes.length;
    const out = new Int32Array(size);
    const signs = new Int8Array(size);
    let k = 0;
    let cost = 0;
    for (let a = 0; a < m.nodes.length; a++)
      for (let b = 0; b < p.nodes.length; b++) {
        const base = (m.nodes[a] * P + p.nodes[b]) * C;
        const sab = m.signs[a] * p.signs[b];
        for (let c = 0; c < ch.nodes.length; c++) {
          const cell = lookup[base + ch.nodes[c]];
          if (cell < 0 || (!withheld[cell] && keep[cell])) return null;
          out[k] = cell;
          signs[k++] = sab * ch.signs[c];
          if (!withheld[cell]) cost += weight[cell] * (1 + energy[cell] / (energy[t] + 1));
        }
      }
    return { cells: out, signs, cost };
  };

  /** Whether the candidate lets measure j of t move by at least `protection` of its value. */
  const protects = (t: number, cand: Candidate, j: number): boolean => {
    const need = protection * values[t * measureCount + j];
    let up = true;
    let down = true;
    for (let k = 0; k < cand.cells.length; k++) {
      const cell = cand.cells[k];
      if (cell === t || values[cell * measureCount + j] >= need) continue;
      // A figure the cell does not publish is in no published sum: it constrains nothing.
      const q = cell * measureCount + j;
      if (publishes[q] === 0) publishes[q] = publishedOf(cellByIndex[cell], j) ? 1 : -1;
      if (publishes[q] < 0) continue;
      if (cand.signs[k] < 0) up = false;
      else down = false;
      if (!up && !down) return false;
    }
    return true;
  };

  // The hypercubes each primary cell took, with the figures they protect, and for each cell the
  // primaries whose hypercubes hold it (for the clean-up below).
  const chosen = new Map<number, { hypers: Candidate[]; covered: number[] }>();
  const users = new Map<number, Set<number>>();
  const recordUse = (t: number, cand: Candidate) => {
    for (const cell of cand.cells) {
      let set = users.get(cell);
      if (set === undefined) users.set(cell, (set = new Set()));
      set.add(t);
    }
  };

  // Largest primaries first: their hypercubes, made of large cells, protect the small ones.
  const primaries = cells.filter((c) => c.primary).sort((a, b) => b.measures[0] - a.measures[0] || a.index - b.index);
  for (const tc of primaries) {
    const t = tc.index;
    let todo = required.filter((j) => tc.measures[j] > 0 && publishedOf(tc, j));
    const wanted = todo;
    const mine: Candidate[] = [];
    // Mesh components one at a time: most small cells find a free hypercube with the first.
    const ms = components(0, t);
    const ps = [...components(1, t)];
    const cs = [...components(2, t)];
    const take = (cand: Candidate) => {
      hypercubes++;
      for (const cell of cand.cells) withheld[cell] = 1;
      cand.cost = 0;
      mine.push(cand);
      recordUse(t, cand);
    };
    const candidates: Candidate[] = [];
    // A free hypercube (every cell already withheld) that protects everything ends the search.
    let freeFull: Candidate | null = null;
    search: for (const m of ms)
      for (const p of ps)
        for (const c of cs) {
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
    // What a candidate protects does not change as cells are withheld: computed once.
    const all = todo;
    const left = new Uint8Array(all.length).fill(1);
    for (let extra = 0; todo.length > 0 && extra < 8; extra++) {
      let best: Candidate | null = null;
      let bestScore = 0;
      for (const cand of candidates) {
        cand.covers ??= Uint8Array.from(all, (j) => (protects(t, cand, j) ? 1 : 0));
        let gain = 0;
        for (let i = 0; i < all.length; i++) gain += cand.covers[i] & left[i];
        const score = gain / (1 + cand.cost);
        if (gain > 0 && score > bestScore) [best, bestScore] = [cand, score];
      }
      if (!best) break;
      take(best);
      placed = true;
      for (let i = 0; i < all.length; i++) if (best.covers![i]) left[i] = 0;
      todo = all.filter((_, i) => left[i]);
    }
    if (!placed && candidates.length > 0) take(candidates[0]);
    if (freeFull) candidates.push(freeFull);
    if (todo.length > 0 || candidates.length === 0) unprotected.set(t, todo);
    if (mine.length > 0) chosen.set(t, { hypers: mine, covered: wanted.filter((j) => !todo.includes(j)) });
  }

  // Clean-up (as τ-ARGUS's "singleton" and over-suppression passes): a hypercube chosen early
  // may have withheld a cell that the hypercubes chosen later made unnecessary. Each secondary
  // cell, the most valuable first (aggregates, then large cells), is published again when every
  // primary cell whose hypercube holds it finds another hypercube made only of cells still
  // withheld that protects the same figures; then the secondary cells left in no hypercube are
  // published too. Every primary cell keeps a hypercube as protective as before and every
  // withheld cell stays in one: the guarantees are those of the first pass.
  const findFree = (t: number, covered: number[]): Candidate | null => {
    const ps = [...components(1, t)];
    const cs = [...components(2, t)];
    for (const m of components(0, t))
      for (const p of ps)
        for (const c of cs) {
          const cand = product(t, m, p, c);
          if (cand && cand.cost === 0 && covered.every((j) => protects(t, cand, j))) return cand;
        }
    return null;
  };
  const value = (i: number) => weight[i] * (1 + energy[i]);
  const secondaries = cells
    .filter((c) => withheld[c.index] && !c.primary)
    .map((c) => c.index)
    .sort((a, b) => value(b) - value(a) || a - b);
  for (const s of secondaries) {
    if (!withheld[s]) continue;
    withheld[s] = 0;
    const replacements = new Map<number, Candidate>();
    for (const t of users.get(s) ?? []) {
      const cand = findFree(t, chosen.get(t)!.covered);
      if (!cand) break;
      replacements.set(t, cand);
    }
    if (replacements.size < (users.get(s)?.size ?? 0)) {
      withheld[s] = 1;
      continue;
    }
    const dropped = new Set<number>();
    for (const [t, cand] of replacements) {
      const entry = chosen.get(t)!;
      for (const h of entry.hypers)
        for (const cell of h.cells) {
          users.get(cell)!.delete(t);
          dropped.add(cell);
        }
      entry.hypers = [cand];
      recordUse(t, cand);
    }
    for (const cell of dropped) if (withheld[cell] && !primary[cell] && users.get(cell)!.size === 0) withheld[cell] = 0;
  }

  const secondary: number[] = [];
  for (const c of cells) if (withheld[c.index] && !c.primary) secondary.push(c.index);
  return { secondary, unprotected, hypercubes };
}
