import { parisWallClock } from "@/lib/carbon/paris-time";

/** Paris calendar day "YYYY-MM-DD" of an input date (string as given, Date as its Paris day). */
function parisDay(v: string | Date): string {
  if (v instanceof Date) return parisWallClock(v.getTime()).slice(0, 10);
  return v.length === 7 ? `${v}-01` : v;
}

/**
 * Whole months covered by [from, to): the first month is the one containing `from`, the last the
 * one containing the day before `to` (Paris calendar). Returned as "YYYY-MM-01" local dates.
 */
export function resolveMonths(from: string | Date, to: string | Date): { firstMonth: string; endMonth: string } {
  const f = parisDay(from);
  const t = parisDay(to);
  const [ty, tm, td] = t.split("-").map(Number);
  const last = new Date(Date.UTC(ty, tm - 1, td - 1));
  const end = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 1));
  const endMonth = end.toISOString().slice(0, 10);
  const firstMonth = `${f.slice(0, 7)}-01`;
  return { firstMonth, endMonth };
}
