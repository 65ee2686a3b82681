import type { IndicatorCode } from "@/lib/schemas/indicator-catalogue";

// Revised figures (issue 14, docs/indicators.md § Runs, publication and revisions).
//
// A full run publishes every figure of the calendar years it covers and replaces, for those
// years, the run published before it: the earlier run stays stored as it was published (its
// figures are never rewritten) and is marked revised once newer runs have replaced it for every
// year it covered. A figure of the new run is "revised" when it differs from the last figure
// published for the same cell (indicator × mesh × period × channel); it then carries the time of
// the run that changed it and why, and keeps them in later runs as long as it does not change
// again. Why: a change of the computation method that touches the indicator, else data received
// or corrected since.

/** Version of the computation method written on each run. */
export const METHOD_VERSION = 2;

/** Changes of method: from `version` on, the indicators listed are computed differently. */
export const METHOD_CHANGES: { version: number; reason: string; codes: IndicatorCode[] }[] = [
  { version: 2, reason: "puissance_par_point", codes: ["installed_power_kw", "coincidence_factor", "load_factor"] },
];

/** The short French note shown next to a revised figure and in the CSV exports. */
export const REVISION_NOTES: Record<string, string> = {
  puissance_par_point:
    "puissance installée recalculée point de charge par point de charge (puissance par point × nombre de points) ; elle ne comptait qu'un point par station",
  donnees: "données reçues ou corrigées après le calcul précédent",
};

export function revisionNote(reason: string | null | undefined): string {
  return (reason && REVISION_NOTES[reason]) ?? REVISION_NOTES.donnees;
}

/** SQL: the reason code of a figure `code` revised from a run of method version `version`. */
export function revisionReasonSql(code: string, version: string): string {
  const cases = METHOD_CHANGES.map(
    (c) => `WHEN ${version} < ${c.version} AND ${code} IN (${c.codes.map((x) => `'${x}'`).join(", ")}) THEN '${c.reason}'`,
  ).join(" ");
  return `CASE ${cases} ELSE 'donnees' END`;
}

/** SQL: whether two published figures differ (relative 1e-9: float noise of the sums is no revision). */
export function figuresDifferSql(a: string, b: string): string {
  const differ = (x: string, y: string) => `(${x} IS DISTINCT FROM ${y} AND NOT coalesce(abs(${x} - ${y}) <= 1e-9 * greatest(1, abs(${x}), abs(${y})), false))`;
  return `(${differ(`${a}.value`, `${b}.value`)}
           OR cardinality(${a}.series) <> cardinality(${b}.series)
           OR EXISTS (SELECT 1 FROM unnest(${a}.series, ${b}.series) AS u(x, y) WHERE ${differ("u.x", "u.y")}))`;
}

const PARIS = "'Europe/Paris'";

/** SQL: the years (timestamps of 1 January, Paris) that the run aliased `r` covers. */
export function runYearsSql(r: string): string {
  return `generate_series(date_trunc('year', ${r}.period_from AT TIME ZONE ${PARIS}),
                          (${r}.period_to AT TIME ZONE ${PARIS}) - interval '1 day', interval '1 year')`;
}

/** SQL condition: the full finished run aliased `r` covers some month of the year `y` (timestamp, Paris). */
export function runTouchesYearSql(r: string, y: string): string {
  return `${r}.period_from < ((${y} + interval '1 year') AT TIME ZONE ${PARIS}) AND ${r}.period_to > (${y} AT TIME ZONE ${PARIS})`;
}

/** SQL condition: no full run finished after the run aliased `r` covers the year `y`: `r` is the one published for `y`. */
export function publishedForYearSql(r: string, y: string): string {
  return `NOT EXISTS (SELECT 1 FROM indicator_run newer
                       WHERE newer.scope = 'full' AND newer.finished_at IS NOT NULL AND newer.finished_at > ${r}.finished_at
                         AND ${runTouchesYearSql("newer", y)})`;
}

/**
 * Statements run by a full run once its values are stored and its finish time set: the revision
 * of each figure against the run it replaces for the figure's year, and the earlier runs now
 * replaced for every year they covered. `$1` is the run id.
 */
export function revisionStatements(): { name: string; sql: string }[] {
  const sameCell = (a: string, b: string) =>
    `${a}.indicator_code = ${b}.indicator_code AND ${a}.mesh_level = ${b}.mesh_level AND ${a}.mesh_code = ${b}.mesh_code
     AND ${a}.period_kind = ${b}.period_kind AND ${a}.period_start = ${b}.period_start AND ${a}.channel = ${b}.channel`;
  return [
    {
      name: "revisions-previous",
      sql: `CREATE TEMP TABLE ix_prev ON COMMIT DROP AS
        SELECT y.y::date AS year, prev.id AS run_id, prev.method_version, r.finished_at AS now
          FROM indicator_run r
         CROSS JOIN LATERAL ${runYearsSql("r")} AS y(y)
         CROSS JOIN LATERAL (SELECT p.id, p.method_version FROM indicator_run p
                              WHERE p.scope = 'full' AND p.finished_at IS NOT NULL AND p.id <> r.id AND ${runTouchesYearSql("p", "y.y")}
                              ORDER BY p.finished_at DESC LIMIT 1) prev
         WHERE r.id = $1::uuid`,
    },
    {
      // Published in both: revised now when it changed, else it keeps its earlier revision.
      name: "revisions-published",
      sql: `UPDATE indicator_value n
               SET revised_at = CASE WHEN ${figuresDifferSql("n", "p")} THEN pr.now ELSE p.revised_at END,
                   revision_reason = CASE WHEN ${figuresDifferSql("n", "p")} THEN ${revisionReasonSql("n.indicator_code", "pr.method_version")} ELSE p.revision_reason END
              FROM ix_prev pr
              JOIN indicator_value p ON p.run_id = pr.run_id
             WHERE n.run_id = $1::uuid AND NOT n.withheld AND NOT p.withheld
               AND date_trunc('year', n.period_start)::date = pr.year AND ${sameCell("n", "p")}
               AND (p.revised_at IS NOT NULL OR ${figuresDifferSql("n", "p")})`,
    },
    {
      // Published now, withheld before: compared with the last figure published before that.
      name: "revisions-republished",
      sql: `UPDATE indicator_value n
               SET revised_at = CASE WHEN ${figuresDifferSql("n", "q")} THEN pr.now ELSE p.revised_at END,
                   revision_reason = CASE WHEN ${figuresDifferSql("n", "q")} THEN ${revisionReasonSql("n.indicator_code", "lr.method_version")} ELSE p.revision_reason END
              FROM ix_prev pr
              JOIN indicator_value p ON p.run_id = pr.run_id
              JOIN indicator_run lr ON lr.id = p.last_published_run_id
              JOIN indicator_value q ON q.run_id = p.last_published_run_id
             WHERE n.run_id = $1::uuid AND NOT n.withheld AND p.withheld
               AND date_trunc('year', n.period_start)::date = pr.year AND ${sameCell("n", "p")} AND ${sameCell("q", "n")}
               AND (p.revised_at IS NOT NULL OR ${figuresDifferSql("n", "q")})`,
    },
    {
      // Withheld now: remember which run holds the last published figure of the cell.
      name: "revisions-withheld",
      sql: `UPDATE indicator_value n
               SET last_published_run_id = CASE WHEN p.withheld THEN p.last_published_run_id ELSE p.run_id END,
                   revised_at = p.revised_at, revision_reason = p.revision_reason
              FROM ix_prev pr
              JOIN indicator_value p ON p.run_id = pr.run_id
             WHERE n.run_id = $1::uuid AND n.withheld
               AND date_trunc('year', n.period_start)::date = pr.year AND ${sameCell("n", "p")}
               AND (NOT p.withheld OR p.last_published_run_id IS NOT NULL OR p.revised_at IS NOT NULL)`,
    },
    {
      name: "revisions-replaced-runs",
      sql: `UPDATE indicator_run q SET revised_at = r.finished_at, revised_by_run_id = r.id
              FROM indicator_run r
             WHERE r.id = $1::uuid AND q.id <> r.id AND q.scope = 'full' AND q.finished_at IS NOT NULL AND q.revised_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM ${runYearsSql("q")} AS y(y) WHERE ${publishedForYearSql("q", "y.y")})`,
    },
  ];
}
