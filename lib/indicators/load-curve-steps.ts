import { SECRET_LABEL } from "@/lib/schemas/indicator-catalogue";
import { parisMidnight, parisWallClock } from "@/lib/platform/time/paris-time";

// The aggregated load curve of a period (issue 15): stored as one 30-minute curve per month, it
// is drawn at 30 minutes for a month, and for a quarter or a year as each day's mean power and
// 30-minute peak (4 000 to 17 500 steps are unreadable on a page). A withheld month stays
// withheld: its days are "secret statistique", never filled from the other months or the total.
// Pure: the months arrive read (lib/indicators/get-load-curve.ts).

export type CurveStep = "30min" | "day";

export interface MonthCurve {
  /** "YYYY-MM-01". */
  periodStart: string;
  /** The month's 30-minute steps from Paris midnight on the 1st (kW), or null when withheld. */
  values: (number | null)[] | null;
}

export interface CurvePoint {
  /** "YYYY-MM-DD HH:MM" (Paris) for 30-minute steps, "YYYY-MM-DD" for days. */
  at: string;
  /** Mean power over the step (kW); for a 30-minute step, the step's power. */
  mean: number | null | typeof SECRET_LABEL;
  /** Highest 30-minute power of the day (kW); absent for 30-minute steps. */
  peak?: number | null | typeof SECRET_LABEL;
}

/** UTC instant of Paris midnight on the 1st of the month "YYYY-MM-01". */
export function monthStartUtc(periodStart: string): number {
  return parisMidnight(periodStart.slice(0, 10)).getTime();
}

function daysOf(periodStart: string): string[] {
  const [y, m] = periodStart.split("-").map(Number);
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, d) => `${periodStart.slice(0, 8)}${String(d + 1).padStart(2, "0")}`);
}

/** The step to draw a period's curve at: 30 minutes for a month, a day for longer periods. */
export function curveStepFor(periodKind: "month" | "quarter" | "year"): CurveStep {
  return periodKind === "month" ? "30min" : "day";
}

/** The months' curves as points of the given step, in time order. */
export function curvePoints(months: MonthCurve[], step: CurveStep): CurvePoint[] {
  const out: CurvePoint[] = [];
  for (const month of [...months].sort((a, b) => a.periodStart.localeCompare(b.periodStart))) {
    if (!month.values) {
      // Withheld: the month's days (or its one row) say so; nothing is derived for them.
      if (step === "day") for (const day of daysOf(month.periodStart)) out.push({ at: day, mean: SECRET_LABEL, peak: SECRET_LABEL });
      else out.push({ at: `${month.periodStart} 00:00`, mean: SECRET_LABEL });
      continue;
    }
    const t0 = monthStartUtc(month.periodStart);
    if (step === "30min") {
      month.values.forEach((v, i) => out.push({ at: parisWallClock(t0 + i * 1_800_000), mean: v }));
      continue;
    }
    const byDay = new Map<string, (number | null)[]>();
    month.values.forEach((v, i) => {
      const day = parisWallClock(t0 + i * 1_800_000).slice(0, 10);
      const list = byDay.get(day) ?? [];
      list.push(v);
      byDay.set(day, list);
    });
    for (const day of daysOf(month.periodStart)) {
      const known = (byDay.get(day) ?? []).filter((v): v is number => v !== null);
      out.push({
        at: day,
        mean: known.length ? known.reduce((a, b) => a + b, 0) / known.length : null,
        peak: known.length ? Math.max(...known) : null,
      });
    }
  }
  return out;
}
