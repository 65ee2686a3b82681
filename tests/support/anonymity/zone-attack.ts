// An attacker of the committee's zone tables: every cell with children is the sum of them, so a
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
