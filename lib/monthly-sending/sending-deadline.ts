import { parisDay, parisNextMidnight } from "@/lib/platform/time/paris-time";

// The monthly-sending rule (protocol §3.1: data is sent "at the frequency the operator wishes, as
// long as it is at least monthly"), on the Paris calendar, in whole days:
// - a station's clock starts on the Paris day of its last production data received (a charge
//   operation or a load curve, whatever the door), or, if it never sent any, on the day it became
//   able to send: its registration, or its dossier's attestation signature if that came later
//   (before it, the data API refuses the station's data);
// - it must send again by the same day `months` calendar months later; when that month has no
//   such day, by its last day (31 January → 28 or 29 February, 31 March → 30 April);
// - it is late ("en retard") from the next Paris day, until it sends again.
// Days, not instants: a charge received at 00:30 in Paris counts for that day whatever the UTC
// date, and the 23- or 25-hour days of the clock changes move nothing.

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate(); // month is 1-based: day 0 of the next month
}

/** `day` ("YYYY-MM-DD") plus `months` calendar months, clamped to the last day of the target month. */
export function addCalendarMonths(day: string, months: number): string {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`Jour invalide : « ${day} »`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const date = Math.min(Number(m[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}`;
}

/** Whole calendar days from `from` to `to` ("YYYY-MM-DD"; negative when `to` comes first). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface SendingStatus {
  /** The Paris day the clock starts from: last data received, else when the station could first send. */
  sinceDay: string;
  /** Last Paris day on which data keeps the station on time. */
  dueDay: string;
  /** The instant the station becomes late (00:00 in Paris the day after dueDay). */
  lateFrom: Date;
  late: boolean;
  /** Whole Paris days since sinceDay (0 on that day). */
  silentDays: number;
}

/**
 * Where a station stands at `now` under the monthly rule. `lastDataAt` is its latest production
 * data received (null: never), `startedAt` when it could first send (registration, or signature).
 */
export function sendingStatus(input: { lastDataAt: Date | null; startedAt: Date; now: Date; months: number }): SendingStatus {
  const sinceDay = parisDay(input.lastDataAt ?? input.startedAt);
  const dueDay = addCalendarMonths(sinceDay, input.months);
  const today = parisDay(input.now);
  return {
    sinceDay,
    dueDay,
    lateFrom: parisNextMidnight(dueDay),
    late: today > dueDay,
    silentDays: Math.max(0, calendarDaysBetween(sinceDay, today)),
  };
}
