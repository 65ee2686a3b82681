// Display formats: French, times in Europe/Paris (stored in UTC). A page shows its dates in one
// format: jj/mm/aaaa (formatDay, formatDateTime adds the time) or the long form (formatLongDay).
import { PARIS_TIME_ZONE } from "@/lib/platform/time/paris-time";

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: PARIS_TIME_ZONE });
const number = new Intl.NumberFormat("fr-FR");

export function formatDateTime(d: Date | null | undefined): string {
  return d ? dateTime.format(d) : "—";
}

const shortDay = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeZone: PARIS_TIME_ZONE });

/** "30/06/2026": an instant's day in Paris, or a calendar day given as "YYYY-MM-DD" (or a date column). */
export function formatDay(d: Date | string | null | undefined): string {
  if (!d) return "—";
  return shortDay.format(typeof d === "string" ? new Date(`${d}T12:00:00Z`) : d);
}

const longDay = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: PARIS_TIME_ZONE });

/** "30 juin 2026": an instant's day in Paris, or a calendar day given as "YYYY-MM-DD". */
export function formatLongDay(d: Date | string): string {
  // Noon UTC falls on the same calendar day in Paris, whatever the season.
  return longDay.format(typeof d === "string" ? new Date(`${d}T12:00:00Z`) : d);
}

export function formatNumber(n: number): string {
  return number.format(n);
}

/** "1 h 05 min", "45 min", "30 s": a duration given in seconds, rounded to the minute past one minute. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  if (Math.round(seconds) < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return `${number.format(h)} h ${String(m).padStart(2, "0")} min`;
}
