import { periodHours } from "@/lib/indicators/audit/paris-hours";

// The anonymity auditor's attacker (issue 14; docs/decisions/0010). Given everything a comité
// member can read — every published figure of every published run, the "secret statistique"
// markers, and public knowledge (geography, calendar: a cell that does not exist has no data) —
// it tries to recover each withheld cell:
//   1. exact differencing: along every parent–child relation (mesh, period, channel), a sum with
//      one unknown member gives it; recovered cells become known; repeated to a fixed point;
//   2. bounds: every figure is ≥ 0 (a withheld cell has ≥ 1 station), every relation bounds each
//      member by the others' bounds; repeated to a fixed point. A withheld primary cell whose
//      interval lies within ±10 % of its true value is pinned; any withheld cell whose interval
//      is a single value is recovered.
// Figures attacked, each with the relations it obeys: energy, emissions, carbon-covered energy,
// peak-window and off-peak energy (share × energy: a ratio of two published figures reveals its
// numerator), charges, energy per hour of day (profile × hours), emissions per hour of day
// (additive everywhere); stations reporting and installed power (sums over meshes and channels,
// between the largest month and the sum of the months over periods); stations registered (at
// least the sum of the published children: cells without data have registered stations too);
// peak power (a child's is at most its parent's, a parent's at most the sum of its children's,
// a period's is the largest of its sub-periods'); the 30-minute curves (national = Σ régions,
// all channels = Σ channels).

export type Level = "national" | "region" | "departement" | "commune";
export type Kind = "month" | "quarter" | "year";

export interface ReadCell {
  level: Level;
  code: string;
  kind: Kind;
  pstart: string;
  channel: string;
  /** Withheld: only its label and kind of secret are read. */
  secret: boolean;
  reason?: "primaire" | "secondaire";
  /** Published figures by indicator code (scalars) … */
  values: Record<string, number | null>;
  /** … and profiles or curves. */
  series: Record<string, (number | null)[]>;
  coverage?: { stationsReporting: number; stationsRegistered: number; energyKwh: number; chargeCount: number };
}

export interface Finding {
  cell: string;
  measure: string;
  attack: "differencing" | "bounds";
  truth: number;
  lo: number;
  hi: number;
  reason: "primaire" | "secondaire";
}

export const cellKey = (c: { level: string; code: string; kind: string; pstart: string; channel: string }) =>
  `${c.level}|${c.code}|${c.kind}|${c.pstart}|${c.channel}`;

type MeasureClass = "add" | "count" | "registered" | "peak" | "curve";

/** The additive (or bounded) figures an attacker derives from a cell's published indicators. */
export function measuresOf(c: Pick<ReadCell, "kind" | "pstart" | "values" | "series" | "coverage">): Map<string, number | null> {
  const m = new Map<string, number | null>();
  const v = (code: string) => (c.values[code] === undefined ? null : c.values[code]);
  const E = v("energy_kwh");
  const times = (a: number | null, b: number | null) => (a === null || b === null ? null : a * b);
  m.set("energy", E);
  m.set("emissions", v("emissions_t"));
  m.set("covered", times(E, v("carbon_coverage_share")));
  m.set("peak_window", times(E, v("peak_window_energy_share")));
  m.set("offpeak", times(E, v("offpeak_energy_share")));
  m.set("charges", c.coverage ? c.coverage.chargeCount : null);
  m.set("stations", c.coverage ? c.coverage.stationsReporting : null);
  m.set("registered", c.coverage ? c.coverage.stationsRegistered : null);
  m.set("installed", v("installed_power_kw"));
  m.set("peak", v("peak_power_kw"));
  const hours = periodHours(c.kind, c.pstart);
  const wd = c.series.profile_weekday_kw;
  const we = c.series.profile_weekend_kw;
  const ci = c.series.carbon_by_hour_charging;
  const fullCarbon = (v("carbon_coverage_share") ?? 0) > 1 - 1e-9;
  for (let h = 0; h < 24; h++) {
    const ewd = wd && wd[h] !== null && wd[h] !== undefined ? wd[h]! * hours.weekday[h] : null;
    const ewe = we && we[h] !== null && we[h] !== undefined ? we[h]! * hours.weekend[h] : null;
    m.set(`weekday_h${h}`, ewd);
    m.set(`weekend_h${h}`, ewe);
    const cih = ci?.[h];
    m.set(
      `emissions_h${h}`,
      fullCarbon && ewd !== null && ewe !== null ? (cih === null || cih === undefined ? (ewd + ewe > 1e-9 ? null : 0) : cih * (ewd + ewe)) : null,
    );
  }
  const curve = c.series.load_curve_kw;
  if (curve) curve.forEach((x, i) => m.set(`curve_${i}`, x));
  return m;
}

function classOf(measure: string): MeasureClass {
  if (measure === "stations" || measure === "installed") return "count";
  if (measure === "registered") return "registered";
  if (measure === "peak") return "peak";
  if (measure.startsWith("curve_")) return "curve";
  return "add";
}

interface Relation {
  dim: "mesh" | "period" | "channel";
  parent: number;
  children: number[];
}

export interface AuditResult {
  findings: Finding[];
  withheld: number;
  primary: number;
  published: number;
  measuresAttacked: number;
}

/**
 * Runs both attacks on what was read. `meshParent` is public geography; `truth` gives the real
 * figures of withheld cells (read by the test from the database: the attacker never sees them,
 * they only judge whether an attack succeeded).
 */
export function attack(input: {
  cells: ReadCell[];
  meshParent: (level: Level, code: string) => { level: Level; code: string } | null;
  truth: Map<string, Map<string, number | null>>;
  protection?: number;
}): AuditResult {
  const protection = input.protection ?? 0.1;
  const cells = input.cells;
  const index = new Map(cells.map((c, i) => [cellKey(c), i]));
  const measures = cells.map((c) => (c.secret ? new Map<string, number | null>() : measuresOf(c)));

  // Relations among the cells read: every present child under its present parent (absent ones are zeros).
  const groups = new Map<string, Relation>();
  const add = (dim: Relation["dim"], parent: string, child: number) => {
    const p = index.get(parent);
    if (p === undefined) return;
    const k = `${dim}|${parent}`;
    const r = groups.get(k) ?? { dim, parent: p, children: [] };
    r.children.push(child);
    groups.set(k, r);
  };
  cells.forEach((c, i) => {
    const mp = input.meshParent(c.level, c.code);
    if (mp) add("mesh", cellKey({ ...c, level: mp.level, code: mp.code }), i);
    if (c.channel !== "all") add("channel", cellKey({ ...c, channel: "all" }), i);
    if (c.kind === "month") {
      const [y, m] = c.pstart.split("-").map(Number);
      add("period", cellKey({ ...c, kind: "quarter", pstart: `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, "0")}-01` }), i);
    }
    if (c.kind === "quarter") add("period", cellKey({ ...c, kind: "year", pstart: `${c.pstart.slice(0, 4)}-01-01` }), i);
  });
  const relations = [...groups.values()];

  const names = new Set<string>();
  for (const m of measures) for (const k of m.keys()) names.add(k);
  for (const t of input.truth.values()) for (const k of t.keys()) names.add(k);

  const findings: Finding[] = [];
  const n = cells.length;
  for (const name of names) {
    const cls = classOf(name);
    // Curves exist for national and régions (all channels) and the national channels only.
    const lo = new Float64Array(n);
    const hi = new Float64Array(n).fill(Infinity);
    const known = new Uint8Array(n);
    const present = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = cells[i];
      if (c.secret) {
        const t = input.truth.get(cellKey(c))?.get(name);
        if (t === undefined) continue; // the figure does not exist for this cell (no curve at this level)
        present[i] = 1;
        if (name === "stations") lo[i] = 1;
        continue;
      }
      if (!measures[i].has(name)) continue;
      present[i] = 1;
      const x = measures[i].get(name);
      if (x === null || x === undefined) continue;
      lo[i] = hi[i] = x;
      known[i] = 1;
    }
    // A relation holds for a figure only if every member has it (a child read without it, e.g. a
    // département's cell has no 30-minute curve, is unknown, not zero).
    const rels = relations.filter((r) => present[r.parent] && r.children.every((c) => present[c]) && (cls !== "curve" || r.dim !== "period"));
    const isEq = (r: Relation) => cls === "add" || cls === "curve" || (cls === "count" && r.dim !== "period");
    const truthOf = (i: number) => input.truth.get(cellKey(cells[i]))?.get(name) ?? null;

    // 1. Exact differencing to a fixed point.
    for (let changed = true; changed;) {
      changed = false;
      for (const r of rels) {
        if (isEq(r)) {
          const members = [r.parent, ...r.children];
          const unknown = members.filter((i) => !known[i]);
          if (unknown.length !== 1) continue;
          const u = unknown[0];
          const sumChildren = r.children.reduce((a, i) => a + (i === u ? 0 : lo[i]), 0);
          const value = u === r.parent ? sumChildren : lo[r.parent] - sumChildren;
          lo[u] = hi[u] = value;
          known[u] = 1;
          changed = true;
          if (cells[u].secret) {
            findings.push({
              cell: cellKey(cells[u]),
              measure: name,
              attack: "differencing",
              truth: truthOf(u) ?? NaN,
              lo: value,
              hi: value,
              reason: cells[u].reason ?? "primaire",
            });
          }
        } else if (cls === "peak" && r.dim === "period" && known[r.parent]) {
          // A period's peak is the largest of its sub-periods': the only sub-period that can reach it does.
          const candidates = r.children.filter((i) => !known[i] || lo[i] >= lo[r.parent] - 1e-9 * Math.max(1, lo[r.parent]));
          if (candidates.length === 1 && !known[candidates[0]]) {
            const u = candidates[0];
            lo[u] = hi[u] = lo[r.parent];
            known[u] = 1;
            changed = true;
            if (cells[u].secret)
              findings.push({
                cell: cellKey(cells[u]),
                measure: name,
                attack: "differencing",
                truth: truthOf(u) ?? NaN,
                lo: lo[u],
                hi: hi[u],
                reason: cells[u].reason ?? "primaire",
              });
          }
        }
      }
    }

    // 2. Bounds to a fixed point.
    const tighten = (i: number, l: number, h: number) => {
      let moved = false;
      if (l > lo[i] + 1e-9 * Math.max(1, Math.abs(l))) {
        lo[i] = l;
        moved = true;
      }
      if (h < hi[i] - 1e-9 * Math.max(1, Math.abs(h))) {
        hi[i] = h;
        moved = true;
      }
      return moved;
    };
    for (let round = 0; round < 200; round++) {
      let moved = false;
      for (const r of rels) {
        const p = r.parent;
        const sumLo = r.children.reduce((a, i) => a + lo[i], 0);
        const sumHi = r.children.reduce((a, i) => a + hi[i], 0);
        const eq = isEq(r);
        if (eq) {
          moved = tighten(p, sumLo, sumHi) || moved;
          for (const c of r.children) moved = tighten(c, lo[p] - (sumHi - hi[c]), hi[p] - (sumLo - lo[c])) || moved;
        } else if (cls === "count") {
          // Over periods: max(children) ≤ parent ≤ Σ children.
          for (const c of r.children) moved = tighten(c, lo[p] - (sumHi - hi[c]), hi[p]) || moved;
          moved = tighten(p, Math.max(...r.children.map((c) => lo[c]), 0), sumHi) || moved;
        } else if (cls === "registered") {
          // Cells without data have registered stations too: parent ≥ Σ children read.
          for (const c of r.children) moved = tighten(c, lo[c], hi[p] - (sumLo - lo[c])) || moved;
          moved = tighten(p, r.dim === "period" ? Math.max(0, ...r.children.map((c) => lo[c])) : sumLo, hi[p]) || moved;
        } else if (cls === "peak") {
          for (const c of r.children) moved = tighten(c, lo[c], hi[p]) || moved;
          if (r.dim === "period") {
            moved = tighten(p, Math.max(0, ...r.children.map((c) => lo[c])), Math.max(0, ...r.children.map((c) => hi[c]))) || moved;
            const others = (c: number) => Math.max(0, ...r.children.filter((x) => x !== c).map((x) => hi[x]));
            for (const c of r.children) if (others(c) < lo[p]) moved = tighten(c, lo[p], hi[c]) || moved;
          } else {
            for (const c of r.children) moved = tighten(c, lo[p] - (sumHi - hi[c]), hi[c]) || moved;
            moved = tighten(p, Math.max(0, ...r.children.map((c) => lo[c])), sumHi) || moved;
          }
        }
      }
      if (!moved) break;
    }
    for (let i = 0; i < n; i++) {
      const c = cells[i];
      if (!c.secret || !present[i] || known[i]) continue;
      const t = truthOf(i);
      // Bounds judge the primary cells, the confidential ones (secondary cells are safe cells
      // withheld so that no primary is the only unknown of a sum), on the magnitudes of use:
      // zeros tell nothing about anyone, and the equipment — numbers of stations reporting or
      // registered, their installed power — is not confidential (the label itself says "under
      // the threshold"; every public charge point and its power is in the national IRVE file)
      // and, not additive over periods, is bounded by the largest month's anyway.
      if (c.reason !== "primaire" || cls === "registered" || cls === "count") continue;
      if (t === null || !(t > 1e-6)) continue;
      const pinned = lo[i] >= (1 - protection) * t - 1e-9 * t && hi[i] <= (1 + protection) * t + 1e-9 * t;
      if (pinned) findings.push({ cell: cellKey(c), measure: name, attack: "bounds", truth: t, lo: lo[i], hi: hi[i], reason: c.reason ?? "primaire" });
    }
  }
  return {
    findings,
    withheld: cells.filter((c) => c.secret).length,
    primary: cells.filter((c) => c.secret && c.reason === "primaire").length,
    published: cells.filter((c) => !c.secret).length,
    measuresAttacked: names.size,
  };
}
