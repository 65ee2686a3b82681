import { parisDay, parisMonth } from "@/lib/platform/time/paris-time";

/** Paris calendar day "YYYY-MM-DD" of an input date (string as given, Date as its Paris day). */
function dayOf(v: string | Date): string {
  if (v instanceof Date) return parisDay(v);
  return v.length === 7 ? `${v}-01` : v;
}

/**
 * Whole months covered by [from, to): the first month is the one containing `from`, the last the
 * one containing the day before `to` (Paris calendar). Returned as "YYYY-MM-01" local dates.
 */
export function resolveMonths(from: string | Date, to: string | Date): { firstMonth: string; endMonth: string } {
  const f = dayOf(from);
  const t = dayOf(to);
  const [ty, tm, td] = t.split("-").map(Number);
  const last = new Date(Date.UTC(ty, tm - 1, td - 1));
  const end = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 1));
  const endMonth = end.toISOString().slice(0, 10);
  const firstMonth = `${f.slice(0, 7)}-01`;
  return { firstMonth, endMonth };
}

/** The first month of the current Paris month's successor ("YYYY-MM-01"). */
function nextParisMonth(now: Date): string {
  const [y, m] = parisMonth(now).split("-").map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/**
 * The range of a published run: whole calendar years around [firstMonth, endMonth), the last one
 * up to the end of the current month when it is not over (a year not over has no year figure).
 * Never shorter than asked.
 */
export function wholeYears(r: { firstMonth: string; endMonth: string }, now: Date): { firstMonth: string; endMonth: string } {
  const lastYear = Number(r.endMonth.slice(0, 4)) - (r.endMonth.slice(5, 7) === "01" ? 1 : 0);
  const yearEnd = `${lastYear + 1}-01-01`;
  const cap = nextParisMonth(now);
  const end = yearEnd < cap ? yearEnd : cap;
  return { firstMonth: `${r.firstMonth.slice(0, 4)}-01-01`, endMonth: end > r.endMonth ? end : r.endMonth };
}
