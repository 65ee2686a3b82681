// Statistical secrecy for a table of counts that partitions a published total (late declarations
// per région, per age of the delay). A group is published only when it gathers at least
// `minStations` distinct stations and `minBeneficiaries` distinct beneficiaries (the thresholds
// of the indicators, ANON_MIN_STATIONS / ANON_MIN_BENEFICIARIES). Because the total is published,
// the withheld groups together are known by subtraction: so they are never a single group, and
// together they must pass the thresholds too; published groups, smallest first, are withheld
// until they do (secondary secrecy). When the total itself does not pass, nothing is published.

export interface Group<K extends string = string> {
  key: K;
  count: number;
  stations: ReadonlySet<string>;
  beneficiaries: ReadonlySet<string>;
}

export interface Thresholds {
  minStations: number;
  minBeneficiaries: number;
}

export type Suppressed<K extends string> =
  { key: K; secret: false; count: number; stationCount: number } | { key: K; secret: true; reason: "primaire" | "secondaire" };

function passes(stations: ReadonlySet<string>, beneficiaries: ReadonlySet<string>, t: Thresholds): boolean {
  return stations.size >= t.minStations && beneficiaries.size >= t.minBeneficiaries;
}

function union(groups: Group[], pick: (g: Group) => ReadonlySet<string>): Set<string> {
  const all = new Set<string>();
  for (const g of groups) for (const id of pick(g)) all.add(id);
  return all;
}

/** Whether the whole (the sum of the groups) may be published at all. */
export function totalPasses(groups: Group[], t: Thresholds): boolean {
  return passes(
    union(groups, (g) => g.stations),
    union(groups, (g) => g.beneficiaries),
    t,
  );
}

/**
 * Each group published with its count, or withheld with the reason; in the order given.
 * `withheldFirst`: groups withheld as primary for a reason of the caller's (too small in another
 * period), with their stations still counted in what the withheld groups gather together.
 */
export function suppressSmallGroups<K extends string>(groups: Group<K>[], t: Thresholds, withheldFirst: ReadonlySet<K> = new Set()): Suppressed<K>[] {
  const reason = new Map<K, "primaire" | "secondaire">();
  if (!totalPasses(groups, t)) {
    for (const g of groups) reason.set(g.key, "primaire");
  } else {
    for (const g of groups) if (withheldFirst.has(g.key) || !passes(g.stations, g.beneficiaries, t)) reason.set(g.key, "primaire");
    const withheld = () => groups.filter((g) => reason.has(g.key));
    const needsMore = () => {
      const w = withheld();
      if (w.length === 0) return false;
      if (w.length === 1) return true;
      return !passes(
        union(w, (g) => g.stations),
        union(w, (g) => g.beneficiaries),
        t,
      );
    };
    while (needsMore()) {
      const next = groups
        .filter((g) => !reason.has(g.key))
        .sort((a, b) => a.count - b.count || a.stations.size - b.stations.size || a.key.localeCompare(b.key))[0];
      if (!next) break; // everything withheld: their union is the total, which passes
      reason.set(next.key, "secondaire");
    }
  }
  return groups.map((g) => {
    const r = reason.get(g.key);
    return r ? { key: g.key, secret: true, reason: r } : { key: g.key, secret: false, count: g.count, stationCount: g.stations.size };
  });
}
