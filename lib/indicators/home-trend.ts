import { isShare, type IndicatorCode } from "@/lib/schemas/indicator-catalogue";
import type { Cell } from "@/lib/indicators/read-cells";

// The trend of a key figure against the same period a year earlier, on the committee's home
// (issue 15). Computed from two published figures only: when either is withheld, missing or
// empty, the trend is "n.d.", never estimated. Shares compare in percentage points. Pure.

export type Trend = { kind: "nd" } | { kind: "percent"; value: number } | { kind: "points"; value: number };

export function trendOf(code: IndicatorCode, current: Cell<number | null> | null | undefined, previous: Cell<number | null> | null | undefined): Trend {
  if (!current || !previous || current.secret || previous.secret) return { kind: "nd" };
  const a = current.value;
  const b = previous.value;
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return { kind: "nd" };
  if (isShare(code)) return { kind: "points", value: Math.round((a - b) * 1000) / 10 };
  if (b === 0) return { kind: "nd" };
  return { kind: "percent", value: Math.round(((a - b) / Math.abs(b)) * 1000) / 10 };
}

const signed = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: "exceptZero" });

/** "+12,3 %", "−4,0 pts", "n.d.". */
export function trendText(t: Trend): string {
  if (t.kind === "nd") return "n.d.";
  return `${signed.format(t.value)} ${t.kind === "percent" ? "%" : "pts"}`;
}
