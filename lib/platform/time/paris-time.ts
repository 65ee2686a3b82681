// Europe/Paris time, in one module: the portal stores instants in UTC and reads days, months and
// hours as people in metropolitan France do. France is UTC+1 in winter and UTC+2 in summer (the
// clocks change at 01:00 UTC on the last Sundays of March and October). Nothing else in the
// portal writes an offset or a change-of-time rule; SQL reads the same zone with AT TIME ZONE and
// PARIS_TIME_ZONE_SQL.

/** The zone's IANA name, for Intl formatters and Playwright contexts. */
export const PARIS_TIME_ZONE = "Europe/Paris";

/** The zone as a SQL literal: `… AT TIME ZONE ${PARIS_TIME_ZONE_SQL}` in statements built in code. */
export const PARIS_TIME_ZONE_SQL = `'${PARIS_TIME_ZONE}'`;

const HOUR_MS = 3_600_000;

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: PARIS_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  weekday: "short",
  hourCycle: "h23",
});

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export interface ParisParts {
  /** Two-digit (four for the year) strings, as they are written: "2026", "03", "29", "02", "30", "00". */
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
}

/** The Paris wall clock of an instant, field by field. */
export function parisParts(instant: Date | number): ParisParts {
  const p = Object.fromEntries(partsFormatter.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second, weekday: WEEKDAYS[p.weekday] };
}

/** "YYYY-MM-DD": the Paris calendar day of an instant. */
export function parisDay(instant: Date | number): string {
  const p = parisParts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "YYYY-MM": the Paris month of an instant. */
export function parisMonth(instant: Date | number): string {
  return parisDay(instant).slice(0, 7);
}

/** The Paris hour of an instant (0–23). */
export function parisHour(instant: Date | number): number {
  return Number(parisParts(instant).hour);
}

/** "YYYY-MM-DD HH:MM" in Paris time for a UTC instant (fast: curves call it for every half-hour of a year). */
export function parisWallClock(utcMs: number): string {
  return new Date(utcMs + parisOffsetMinutes(utcMs) * 60_000).toISOString().slice(0, 16).replace("T", " ");
}

/** Last Sunday of a month (0-based), as its UTC day of the month. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/**
 * Minutes Paris is ahead of UTC at an instant: 60 in winter, 120 in summer. From 1996 on, the EU
 * rule (summer time from the last Sunday of March to the last Sunday of October, at 01:00 UTC) is
 * computed, which loops over many instants can afford; earlier instants ask Intl. The tests check
 * the rule against Intl around every change until 2040.
 */
export function parisOffsetMinutes(instant: Date | number): 60 | 120 {
  const t = new Date(instant).getTime();
  const year = new Date(t).getUTCFullYear();
  if (year < 1996) return intlOffsetMinutes(t);
  const start = Date.UTC(year, 2, lastSunday(year, 2), 1);
  const end = Date.UTC(year, 9, lastSunday(year, 9), 1);
  return t >= start && t < end ? 120 : 60;
}

function intlOffsetMinutes(t: number): 60 | 120 {
  const p = parisParts(t);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(t / 1000) * 1000) / 60_000) === 120 ? 120 : 60;
}

/**
 * UTC instants (ms, ascending) showing the given Paris wall clock ("YYYY-MM-DD", "HH:MM"): one
 * normally, two during the repeated hour of the October change (summer time first), none in the
 * skipped hour of March. Both offsets are tried and kept when they format back to the same clock.
 */
export function parisLocalToUtc(date: string, time: string): number[] {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(asUtc)) return [];
  const wanted = `${date} ${time}`;
  return [2, 1].map((h) => asUtc - h * HOUR_MS).filter((t) => parisWallClock(t) === wanted);
}

/** The UTC instant of 00:00 in Paris on `day` ("YYYY-MM-DD"); midnight always exists (the clocks change at 02:00/03:00). */
export function parisMidnight(day: string): Date {
  const [t] = parisLocalToUtc(day, "00:00");
  if (t === undefined) throw new Error(`Jour invalide : « ${day} »`);
  return new Date(t);
}

/** The UTC instant of 00:00 in Paris on the day after `day`: the end of a Paris day (23 or 25 hours long on change days). */
export function parisNextMidnight(day: string): Date {
  return parisMidnight(addCalendarDays(day, 1));
}

/** A calendar day ("YYYY-MM-DD") plus `days` (negative: before); no time zone involved. */
export function addCalendarDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
