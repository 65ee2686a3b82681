// French working days: Monday to Friday, except the eleven national public holidays (Easter
// Monday, Ascension and Whit Monday included). Alsace-Moselle's two extra days (Good Friday,
// 26 December) are not counted: the ADVENIR deadline is national. Dates are calendar days
// (ISO "YYYY-MM-DD"), with no time zone.

export type IsoDate = string;

function toUtcDate(iso: IsoDate): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function toIso(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Easter Sunday (Gregorian calendar, anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toIso(new Date(Date.UTC(year, month - 1, day)));
}

const holidayCache = new Map<number, Set<IsoDate>>();

/** The French national public holidays of a year. */
export function publicHolidays(year: number): Set<IsoDate> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = toUtcDate(easterSunday(year));
  const fixed = ["01-01", "05-01", "05-08", "07-14", "08-15", "11-01", "11-11", "12-25"].map((md) => `${year}-${md}`);
  const moving = [1, 39, 50].map((offset) => toIso(addDays(easter, offset))); // Easter Monday, Ascension, Whit Monday
  const set = new Set([...fixed, ...moving]);
  holidayCache.set(year, set);
  return set;
}

export function isWorkingDay(iso: IsoDate): boolean {
  const date = toUtcDate(iso);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(date.getUTCFullYear()).has(iso);
}

/** The date `count` working days after `from` (the day of the event itself is not counted). */
export function addWorkingDays(from: IsoDate, count: number): IsoDate {
  let date = toUtcDate(from);
  let left = count;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(toIso(date))) left -= 1;
  }
  return toIso(date);
}

/** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  let date = toUtcDate(from);
  const end = toUtcDate(to);
  let count = 0;
  while (date < end) {
    date = addDays(date, 1);
    if (isWorkingDay(toIso(date))) count += 1;
  }
  return count;
}
