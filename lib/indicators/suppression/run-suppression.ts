import type { Prisma } from "@/generated/prisma/client";
import { execute, queryRows } from "@/lib/platform/db/sql";
import { cellsAsTextSql, markSecondarySql, periodsSql, PLACES_SQL } from "@/lib/indicators/sql/suppression";
import { CHANNELS, MESH_LEVELS, PERIOD_KINDS, type MeshLevel, type PeriodKind } from "@/lib/schemas/indicator-catalogue";
import { dimension, suppressHypercubes, type SuppressionCell, type SuppressionResult } from "@/lib/indicators/suppression/hypercube";

// The run's side of the secondary suppression (docs/decisions/0010): reads the cells of the
// run's temporary table ix_cell that the run publishes, with their additive figures, builds the
// three hierarchies, runs the hypercube method and marks the secondary cells in ix_cell.

/** Figures protected for each primary cell, in this order (energy first). */
export const SCALAR_MEASURES = ["wh", "wh_ci", "wh_cov", "wh_peak", "wh_off", "charges", "stations", "kw"] as const;
/** Then the energy per hour of day, weekdays (24) and weekends (24), and the emissions per hour of day (24). */
export const MEASURE_COUNT = SCALAR_MEASURES.length + 72;
/** Protected for each primary cell: every magnitude, hour by hour too; not the counts of stations and installed power. */
const REQUIRED_MEASURES = Array.from({ length: MEASURE_COUNT }, (_, j) => j).filter((j) => j === 0 || j >= SCALAR_MEASURES.length);

/** The mesh level without hourly profiles (lib/indicators/sql/run-statements.ts, insert-profiles): its hours are not read. */
const PROFILELESS_LEVEL: MeshLevel = "commune";

const MESH_WEIGHT: Record<string, number> = { commune: 1, departement: 2, region: 4, national: 100 };
const PERIOD_WEIGHT: Record<string, number> = { month: 1, quarter: 1.5, year: 2 };

const meshNode = (level: string, code: string) => `${level}:${code}`;
const periodNode = (kind: string, start: string) => `${kind}:${start}`;

function quarterOf(start: string): string {
  const [y, m] = start.split("-").map(Number);
  return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, "0")}-01`;
}

export async function runSecondarySuppression(
  tx: Prisma.TransactionClient,
  plan: { levels: MeshLevel[]; kinds: PeriodKind[] },
  protection = 0.1,
  steps: Record<string, number> = {},
): Promise<SuppressionResult & { cells: number }> {
  let clock = Date.now();
  const lap = (name: string) => {
    const now = Date.now();
    steps[name] = (steps[name] ?? 0) + now - clock;
    clock = now;
  };
  const levels = MESH_LEVELS.filter((l) => plan.levels.includes(l));
  const kinds = PERIOD_KINDS.filter((k) => plan.kinds.includes(k));

  // Mesh: each computed level under the nearest computed level above it.
  const places = await queryRows<{ commune: string | null; dep: string | null; reg: string | null }>(tx, PLACES_SQL);
  const meshParents = new Map<string, string | null>();
  for (const p of places) {
    const chain: [MeshLevel, string | null][] = [
      ["commune", p.commune],
      ["departement", p.dep],
      ["region", p.reg],
      ["national", "FR"],
    ];
    const present = chain.filter(([l, c]) => c !== null && levels.includes(l)) as [MeshLevel, string][];
    for (let i = 0; i < present.length; i++) {
      const node = meshNode(present[i][0], present[i][1]);
      const parent = i + 1 < present.length ? meshNode(present[i + 1][0], present[i + 1][1]) : null;
      if (!meshParents.has(node) || meshParents.get(node) === null) meshParents.set(node, parent);
    }
  }

  // Periods: each computed kind under the nearest computed kind above it.
  const periods = await queryRows<{ kind: PeriodKind; pstart: string }>(tx, periodsSql(kinds));
  const computed = new Set(periods.map((p) => periodNode(p.kind, p.pstart)));
  const periodParents = new Map<string, string | null>();
  for (const p of periods) {
    const above: string[] = [];
    if (p.kind === "month") above.push(periodNode("quarter", quarterOf(p.pstart)));
    if (p.kind !== "year") above.push(periodNode("year", `${p.pstart.slice(0, 4)}-01-01`));
    periodParents.set(periodNode(p.kind, p.pstart), above.find((n) => computed.has(n)) ?? null);
  }

  const channelParents = new Map<string, string | null>(CHANNELS.map((c) => [c, c === "all" ? null : "all"]));

  lap("suppression-meta");
  // Two rows of text (lib/indicators/sql/suppression.ts), parsed here.
  const [{ cells: cellText, hours: hourText }] = await queryRows<{ cells: string | null; hours: string | null }>(tx, cellsAsTextSql(kinds, PROFILELESS_LEVEL));
  lap("suppression-read");
  const S = SCALAR_MEASURES.length;
  const ids: number[] = [];
  const indexOf = new Map<number, number>();
  const cells: SuppressionCell[] = (cellText ? cellText.split("\n") : []).map((line, index) => {
    const f = line.split(",");
    const m = new Float64Array(MEASURE_COUNT);
    for (let j = 0; j < S; j++) m[j] = Number(f[7 + j]);
    ids.push(Number(f[0]));
    indexOf.set(Number(f[0]), index);
    return { index, mesh: meshNode(f[1], f[2]), period: periodNode(f[4], f[5]), channel: f[3], primary: f[6] === "1", measures: m };
  });
  for (const line of hourText ? hourText.split("\n") : []) {
    const f = line.split(",");
    const m = cells[indexOf.get(Number(f[0]))!].measures;
    const idx = Number(f[1]);
    m[S + idx] += Number(f[2]);
    m[S + 48 + (idx % 24)] += Number(f[3]);
  }
  // Float noise of the running sums is no figure: anything under a milliwatt-hour is zero.
  for (const { measures: m } of cells) for (let j = 0; j < m.length; j++) if (Math.abs(m[j]) < 1e-3) m[j] = 0;
  // The solving is synchronous: the process's CPU time over it is its own, whatever else runs on
  // the machine (benchmarks on a shared machine report both).
  const cpu = process.cpuUsage();
  const result = suppressHypercubes({
    cells,
    mesh: dimension(meshParents),
    period: dimension(periodParents),
    channel: dimension(channelParents),
    protection,
    // The magnitudes: energy, emissions, energy with an intensity, in the peak windows and
    // off-peak, charges, energy and emissions per hour of day. Counts of stations and installed
    // power are not additive over periods (and public through IRVE) (docs/decisions/0010).
    requiredMeasures: REQUIRED_MEASURES,
    // Communes have no hourly profiles (lib/indicators/sql/run-statements.ts, insert-profiles).
    published: (c, j) => j < SCALAR_MEASURES.length || !c.mesh.startsWith(`${PROFILELESS_LEVEL}:`),
    // Aggregates are worth more than their parts: withheld only when nothing smaller protects.
    weight: (c) =>
      MESH_WEIGHT[c.mesh.slice(0, c.mesh.indexOf(":"))] * PERIOD_WEIGHT[c.period.slice(0, c.period.indexOf(":"))] * (c.channel === "all" ? 1.5 : 1),
    // The national total of all channels is withheld only when it is a primary secret itself.
    keep: (c) => c.mesh === "national:FR" && c.channel === "all",
  });
  steps["suppression-solve-cpu"] = Math.round(process.cpuUsage(cpu).user / 1000);
  lap("suppression-solve");
  if (result.secondary.length > 0) {
    await execute(tx, markSecondarySql(result.secondary.map((i) => ids[i])));
  }
  lap("suppression-write");
  return { ...result, cells: cells.length };
}
