import { addCalendarDays } from "@/lib/platform/time/paris-time";
import type { QosPeriodKind } from "@/lib/schemas/quality-of-service";

// Periods of the quality-of-service figures, in Paris days: a day, an ISO week (Monday to
// Sunday), a calendar month, quarter or year. Pure.

export interface QosPeriod {
  kind: QosPeriodKind;
  /** First Paris day and the day after the last ("YYYY-MM-DD"). */
  fromDay: string;
  toDay: string;
}

function monthStart(y: number, m: number): string {
  const t = y * 12 + m;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, "0")}-01`;
}

/** The period of `kind` that contains `day`. */
export function periodContaining(kind: QosPeriodKind, day: string): QosPeriod {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1;
  switch (kind) {
    case "day":
      return { kind, fromDay: day, toDay: addCalendarDays(day, 1) };
    case "week": {
      const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
      const fromDay = addCalendarDays(day, -weekday);
      return { kind, fromDay, toDay: addCalendarDays(fromDay, 7) };
    }
    case "month":
      return { kind, fromDay: monthStart(y, m), toDay: monthStart(y, m + 1) };
    case "quarter": {
      const q = m - (m % 3);
      return { kind, fromDay: monthStart(y, q), toDay: monthStart(y, q + 3) };
    }
    case "year":
      return { kind, fromDay: `${y}-01-01`, toDay: `${y + 1}-01-01` };
  }
}

/** The period of the same kind just before. */
export function previousPeriod(p: QosPeriod): QosPeriod {
  return periodContaining(p.kind, addCalendarDays(p.fromDay, -1));
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

function frenchDay(day: string): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}

/** "novembre 2026", "T4 2026", "semaine du 9 novembre 2026", "10 novembre 2026", "2026". */
export function periodLabel(p: QosPeriod): string {
  const y = p.fromDay.slice(0, 4);
  const m = Number(p.fromDay.slice(5, 7));
  switch (p.kind) {
    case "day":
      return frenchDay(p.fromDay);
    case "week":
      return `semaine du ${frenchDay(p.fromDay)}`;
    case "month":
      return `${MONTHS[m - 1]} ${y}`;
    case "quarter":
      return `T${Math.floor((m - 1) / 3) + 1} ${y}`;
    case "year":
      return y;
  }
}
