// Attackers of the committee's zone tables (single differences, then linear algebra).
// The first: every cell with children is the sum of them, so a
// relation with a single unknown term gives that term; repeated until nothing new comes.

export interface AttackedCell {
  code: string;
  /** Its zone one level up (ignored at the top level). */
  parent: string;
  withheld: boolean;
}

/** The withheld cells ("<level index>:<code>") that single differences of published cells give, levels from the top. */
export function deducedByDifferences(levels: AttackedCell[][]): string[] {
  const key = (i: number, code: string) => `${i}:${code}`;
  const relations: string[][] = [];
  for (let i = 0; i + 1 < levels.length; i++) {
    const children = new Map<string, string[]>();
    for (const c of levels[i + 1]) children.set(c.parent, [...(children.get(c.parent) ?? []), key(i + 1, c.code)]);
    for (const [parent, list] of children) relations.push([key(i, parent), ...list]);
  }
  const published = new Set(levels.flatMap((cells, i) => cells.filter((c) => !c.withheld).map((c) => key(i, c.code))));
  const known = new Set(published);
  for (let changed = true; changed;) {
    changed = false;
    for (const r of relations) {
      const unknown = r.filter((v) => !known.has(v));
      if (unknown.length === 1) {
        known.add(unknown[0]);
        changed = true;
      }
    }
  }
  return [...known].filter((k) => !published.has(k));
}

// A stronger attacker: every zone cell is the sum of its communes (an incidence vector over the
// communes that have a cell), and any linear combination of published cells is known. A withheld
// cell is exposed exactly when its vector lies in the span of the published cells' vectors:
// exact Gaussian elimination over the integers (fraction-free, BigInt), no tolerance.

export interface CellOverCommunes {
  /** A name for the report ("<level>:<code>"). */
  key: string;
  /** The communes it sums (each commune cell: itself). */
  communes: readonly string[];
  withheld: boolean;
}

/** The withheld cells that linear combinations of the published ones give. */
export function exposedByLinearAlgebra(cells: readonly CellOverCommunes[]): string[] {
  // A published commune is known: its column drops out of every vector (fewer columns, same answer).
  const known = new Set(cells.filter((c) => !c.withheld && new Set(c.communes).size === 1).map((c) => c.communes[0]));
  const columns = [...new Set(cells.flatMap((c) => c.communes))].filter((c) => !known.has(c)).sort();
  const index = new Map(columns.map((c, i) => [c, i]));
  const vector = (c: CellOverCommunes) => {
    const v: bigint[] = columns.map(() => 0n);
    for (const commune of c.communes) if (!known.has(commune)) v[index.get(commune)!] += 1n;
    return v;
  };
  // Echelon rows by their leading column.
  const basis = new Map<number, bigint[]>();
  const reduce = (input: bigint[]): bigint[] => {
    let v = input;
    for (let col = 0; col < v.length; col++) {
      const b = basis.get(col);
      if (v[col] === 0n || !b) continue;
      const [f, g] = [b[col], v[col]];
      v = v.map((x, i) => f * x - g * b[i]);
      const d = v.reduce((acc, x) => gcd(acc, x < 0n ? -x : x), 0n);
      if (d > 1n) v = v.map((x) => x / d);
    }
    return v;
  };
  for (const c of cells.filter((x) => !x.withheld)) {
    const v = reduce(vector(c));
    const lead = v.findIndex((x) => x !== 0n);
    if (lead >= 0) basis.set(lead, v);
  }
  return cells.filter((c) => c.withheld && reduce(vector(c)).every((x) => x === 0n)).map((c) => c.key);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
