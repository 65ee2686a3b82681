import type { SqlFragment } from "@/lib/platform/db/sql";

// A data-quality rule (docs/data-quality.md): a stable code, what it checks in French for the
// operator's report, its tolerance and the SQL that lists the rows it checks.
//
// `rows(w)` reads the day's staged tables (staging.ts: dq_points, dq_charges, dq_statuses) and
// returns one row per row checked, with these columns:
//   scope_kind ('unit' | 'operator'), scope_code, operator_id, ref (what the operator looks for:
//   a point's id, a station, a charge, a status), at (its time, or NULL), detail (French, why it
//   breaks the rule), breaks (boolean).
// A rule fails when breaking / checked exceeds its tolerance (equal passes).

export type RuleFamily = "static" | "sessions" | "statuses" | "across";

export interface RuleWindow {
  /** The Paris day computed ("YYYY-MM-DD") and its bounds in UTC. */
  day: string;
  from: Date;
  to: Date;
}

export interface DataQualityRule {
  code: string;
  family: RuleFamily;
  /** Short French label (the rule). */
  label: string;
  /** French explanation for the operator: what is checked, on which rows, why it matters. */
  explanation: string;
  /** The share of rows breaking the rule above which it fails, as a decimal text ("0.001" = 0.1 %). */
  tolerance: string;
  /** Which scopes the rule applies to: units (QualiCharge data) and/or ADVENIR operators. */
  scopes: readonly ("unit" | "operator")[];
  rows(w: RuleWindow): SqlFragment;
}

/** A session's charge or a status may be a little before or after the other (clocks, latency): 5 minutes. */
export const MATCH_SLACK_S = 300;
