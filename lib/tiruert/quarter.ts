import { parisMidnight, parisParts } from "@/lib/platform/time/paris-time";

// The calendar quarters of the electric TIRUERT, in Paris time (docs/decisions/0028-tiruert-quarter-rule.md).
// A session belongs to the quarter in which it ENDS, in Paris time: [00:00 Paris on the quarter's
// first day, 00:00 Paris on the next quarter's first day). Quarter boundaries never fall on a
// clock change (last Sundays of March and October), but the offset differs at each boundary
// (1 January: UTC+1, 1 April, 1 July, 1 October: UTC+2), and Q1 lasts one hour less, Q4 one more.

export type Quarter = 1 | 2 | 3 | 4;

export interface QuarterRef {
  year: number;
  quarter: Quarter;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The first Paris day of a quarter, "YYYY-MM-DD". */
export function quarterFirstDay({ year, quarter }: QuarterRef): string {
  return `${year}-${pad(3 * (quarter - 1) + 1)}-01`;
}

export function nextQuarter({ year, quarter }: QuarterRef): QuarterRef {
  return quarter === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: (quarter + 1) as Quarter };
}

/** The quarter as UTC instants: start included, end excluded. */
export function quarterBounds(q: QuarterRef): { start: Date; end: Date } {
  return { start: parisMidnight(quarterFirstDay(q)), end: parisMidnight(quarterFirstDay(nextQuarter(q))) };
}

/** The quarter an instant falls in, in Paris time. */
export function quarterOf(instant: Date | number): QuarterRef {
  const p = parisParts(instant);
  return { year: Number(p.year), quarter: (Math.floor((Number(p.month) - 1) / 3) + 1) as Quarter };
}

/** The filing deadline of a quarter's statement (Paris day): 15 April, 15 July, 15 October, 15 January of the next year. */
export function filingDeadline(q: QuarterRef): string {
  const next = nextQuarter(q);
  return `${next.year}-${pad(3 * (next.quarter - 1) + 1)}-15`;
}

/** "T4 2024" */
export function quarterLabel({ year, quarter }: QuarterRef): string {
  return `T${quarter} ${year}`;
}
