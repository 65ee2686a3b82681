import { sql, type SqlFragment } from "@/lib/platform/db/sql";
import { METHOD_CHANGES } from "@/lib/indicators/revisions";
import type { RunStatement } from "@/lib/indicators/sql/run-statements";

// The SQL of revised figures (lib/indicators/revisions.ts says what a revision is). Aliases go
// through sql.identifier; the run id and the method changes are bound.

/** SQL: the reason code of a figure `code` revised from a run of method version `version`. */
export function revisionReasonSql(code: SqlFragment, version: SqlFragment): SqlFragment {
  const cases = METHOD_CHANGES.map((c) => sql`WHEN ${version} < ${c.version}::int AND ${code} = ANY(${c.codes}::text[]) THEN ${c.reason}::text`);
  return sql`CASE ${sql.join(cases, sql` `)} ELSE 'donnees' END`;
}

/** SQL: whether two published figures differ (relative 1e-9: float noise of the sums is no revision). */
export function figuresDifferSql(a: string, b: string): SqlFragment {
  const differ = (x: SqlFragment, y: SqlFragment) =>
    sql`(${x} IS DISTINCT FROM ${y} AND NOT coalesce(abs(${x} - ${y}) <= 1e-9 * greatest(1, abs(${x}), abs(${y})), false))`;
  return sql`(${differ(sql.identifier(a, "value"), sql.identifier(b, "value"))}
           OR cardinality(${sql.identifier(a, "series")}) <> cardinality(${sql.identifier(b, "series")})
           OR EXISTS (SELECT 1 FROM unnest(${sql.identifier(a, "series")}, ${sql.identifier(b, "series")}) AS u(x, y) WHERE ${differ(sql`u.x`, sql`u.y`)}))`;
}

const PARIS = sql`'Europe/Paris'`;

/** SQL: the years (timestamps of 1 January, Paris) that the run aliased `r` covers. */
export function runYearsSql(r: string): SqlFragment {
  return sql`generate_series(date_trunc('year', ${sql.identifier(r, "period_from")} AT TIME ZONE ${PARIS}),
                          (${sql.identifier(r, "period_to")} AT TIME ZONE ${PARIS}) - interval '1 day', interval '1 year')`;
}

/** SQL condition: the full finished run aliased `r` covers some month of the year `y` (timestamp, Paris). */
export function runTouchesYearSql(r: string, y: SqlFragment): SqlFragment {
  const [from, to] = [sql.identifier(r, "period_from"), sql.identifier(r, "period_to")];
  return sql`${from} < ((${y} + interval '1 year') AT TIME ZONE ${PARIS}) AND ${to} > (${y} AT TIME ZONE ${PARIS})`;
}

/** SQL condition: no full run finished after the run aliased `r` covers the year `y`: `r` is the one published for `y`. */
export function publishedForYearSql(r: string, y: SqlFragment): SqlFragment {
  return sql`NOT EXISTS (SELECT 1 FROM indicator_run newer
                       WHERE newer.scope = 'full' AND newer.finished_at IS NOT NULL AND newer.finished_at > ${sql.identifier(r, "finished_at")}
                         AND ${runTouchesYearSql("newer", y)})`;
}

/**
 * Statements run by a full run once its values are stored and its finish time set: the revision
 * of each figure against the run it replaces for the figure's year, and the earlier runs now
 * replaced for every year they covered.
 */
export function revisionStatements(runId: string): RunStatement[] {
  const run = sql`${runId}::uuid`;
  const reasonFrom = (version: SqlFragment) => revisionReasonSql(sql`n.indicator_code`, version);
  const sameCell = (a: string, b: string) =>
    sql.join(
      ["indicator_code", "mesh_level", "mesh_code", "period_kind", "period_start", "channel"].map(
        (c) => sql`${sql.identifier(a, c)} = ${sql.identifier(b, c)}`,
      ),
      sql` AND `,
    );
  return [
    {
      name: "revisions-previous",
      sql: sql`CREATE TEMP TABLE ix_prev ON COMMIT DROP AS
        SELECT y.y::date AS year, prev.id AS run_id, prev.method_version, r.finished_at AS now
          FROM indicator_run r
         CROSS JOIN LATERAL ${runYearsSql("r")} AS y(y)
         CROSS JOIN LATERAL (SELECT p.id, p.method_version FROM indicator_run p
                              WHERE p.scope = 'full' AND p.finished_at IS NOT NULL AND p.id <> r.id AND ${runTouchesYearSql("p", sql`y.y`)}
                              ORDER BY p.finished_at DESC LIMIT 1) prev
         WHERE r.id = ${run}`,
    },
    {
      // Published in both: revised now when it changed, else it keeps its earlier revision.
      name: "revisions-published",
      sql: sql`UPDATE indicator_value n
               SET revised_at = CASE WHEN ${figuresDifferSql("n", "p")} THEN pr.now ELSE p.revised_at END,
                   revision_reason = CASE WHEN ${figuresDifferSql("n", "p")} THEN ${reasonFrom(sql`pr.method_version`)} ELSE p.revision_reason END
              FROM ix_prev pr
              JOIN indicator_value p ON p.run_id = pr.run_id
             WHERE n.run_id = ${run} AND NOT n.withheld AND NOT p.withheld
               AND date_trunc('year', n.period_start)::date = pr.year AND ${sameCell("n", "p")}
               AND (p.revised_at IS NOT NULL OR ${figuresDifferSql("n", "p")})`,
    },
    {
      // Published now, withheld before: compared with the last figure published before that.
      name: "revisions-republished",
      sql: sql`UPDATE indicator_value n
               SET revised_at = CASE WHEN ${figuresDifferSql("n", "q")} THEN pr.now ELSE p.revised_at END,
                   revision_reason = CASE WHEN ${figuresDifferSql("n", "q")} THEN ${reasonFrom(sql`lr.method_version`)} ELSE p.revision_reason END
              FROM ix_prev pr
              JOIN indicator_value p ON p.run_id = pr.run_id
              JOIN indicator_run lr ON lr.id = p.last_published_run_id
              JOIN indicator_value q ON q.run_id = p.last_published_run_id
             WHERE n.run_id = ${run} AND NOT n.withheld AND p.withheld
               AND date_trunc('year', n.period_start)::date = pr.year AND ${sameCell("n", "p")} AND ${sameCell("q", "n")}
               AND (p.revised_at IS NOT NULL OR ${figuresDifferSql("n", "q")})`,
    },
    {
      // Withheld now: remember which run holds the last published figure of the cell.
      name: "revisions-withheld",
      sql: sql`UPDATE indicator_value n
               SET last_published_run_id = CASE WHEN p.withheld THEN p.last_published_run_id ELSE p.run_id END,
                   revised_at = p.revised_at, revision_reason = p.revision_reason
              FROM ix_prev pr
              JOIN indicator_value p ON p.run_id = pr.run_id
             WHERE n.run_id = ${run} AND n.withheld
               AND date_trunc('year', n.period_start)::date = pr.year AND ${sameCell("n", "p")}
               AND (NOT p.withheld OR p.last_published_run_id IS NOT NULL OR p.revised_at IS NOT NULL)`,
    },
    {
      name: "revisions-replaced-runs",
      sql: sql`UPDATE indicator_run q SET revised_at = r.finished_at, revised_by_run_id = r.id
              FROM indicator_run r
             WHERE r.id = ${run} AND q.id <> r.id AND q.scope = 'full' AND q.finished_at IS NOT NULL AND q.revised_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM ${runYearsSql("q")} AS y(y) WHERE ${publishedForYearSql("q", sql`y.y`)})`,
    },
  ];
}
