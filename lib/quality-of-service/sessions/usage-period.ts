import { addCalendarDays, parisMidnight } from "@/lib/platform/time/paris-time";
import type { UsagePeriodKind } from "@/lib/schemas/usage-indicators";

// A period of the usage indicators in the Paris calendar: a day, an ISO week (Monday to Sunday),
// a month, a quarter or a year, from Paris midnight to Paris midnight. Its length in hours is
// the true one (a day of the March change lasts 23 hours, of October 25), which the load factor
// divides by.

export interface UsagePeriod {
  kind: UsagePeriodKind;
  /** First day, "YYYY-MM-DD". */
  firstDay: string;
  /** First day of the next period. */
  nextDay: string;
  from: Date;
  to: Date;
  hours: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

function firstDayOf(kind: UsagePeriodKind, day: string): string {
  const [y, m] = day.split("-").map(Number);
  switch (kind) {
    case "day":
      return day;
    case "week": {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
      return addCalendarDays(day, -((weekday + 6) % 7));
    }
    case "month":
      return `${y}-${pad(m)}-01`;
    case "quarter":
      return `${y}-${pad(m - ((m - 1) % 3))}-01`;
    case "year":
      return `${y}-01-01`;
  }
}

function nextFirstDay(kind: UsagePeriodKind, first: string): string {
  const [y, m] = first.split("-").map(Number);
  const plusMonths = (n: number) => {
    const total = y * 12 + (m - 1) + n;
    return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}-01`;
  };
  switch (kind) {
    case "day":
      return addCalendarDays(first, 1);
    case "week":
      return addCalendarDays(first, 7);
    case "month":
      return plusMonths(1);
    case "quarter":
      return plusMonths(3);
    case "year":
      return `${y + 1}-01-01`;
  }
}

/** The period of `kind` containing `day` ("YYYY-MM-DD", Paris calendar). */
export function usagePeriod(kind: UsagePeriodKind, day: string): UsagePeriod {
  const firstDay = firstDayOf(kind, day);
  const nextDay = nextFirstDay(kind, firstDay);
  const from = parisMidnight(firstDay);
  const to = parisMidnight(nextDay);
  return { kind, firstDay, nextDay, from, to, hours: (to.getTime() - from.getTime()) / 3_600_000 };
}

/** The last whole month before `now` (Paris calendar): the default period of the page. */
export function previousMonthDay(now: Date): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const [y, m] = today.split("-").map(Number);
  return m === 1 ? `${y - 1}-12-01` : `${y}-${pad(m - 1)}-01`;
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** "mars 2025", "1er trimestre 2025", "semaine du 6 janvier 2025", "15 janvier 2025", "2025". */
export function usagePeriodLabel(p: UsagePeriod): string {
  const [y, m, d] = p.firstDay.split("-").map(Number);
  const dayLabel = `${d === 1 ? "1er" : d} ${MONTHS[m - 1]} ${y}`;
  switch (p.kind) {
    case "day":
      return dayLabel;
    case "week":
      return `semaine du ${dayLabel}`;
    case "month":
      return `${MONTHS[m - 1]} ${y}`;
    case "quarter":
      return `${(m - 1) / 3 + 1 === 1 ? "1er" : `${(m - 1) / 3 + 1}e`} trimestre ${y}`;
    case "year":
      return String(y);
  }
}
