// Europe/Paris wall-clock time ↔ UTC without a time-zone library. France is UTC+1 in winter and
// UTC+2 in summer; a local time is resolved by trying both offsets and keeping those that
// format back to the same wall clock: two in the fall-back hour, none in the spring-forward hour.

const formatter = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "YYYY-MM-DD HH:MM" in Paris time for a UTC instant. */
export function parisWallClock(utcMs: number): string {
  const p = Object.fromEntries(formatter.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * UTC instants (ms, ascending) showing the given Paris wall clock: one normally, two during the
 * repeated hour of the October change (summer time first), none in the skipped hour of March.
 */
export function parisLocalToUtc(date: string, time: string): number[] {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(asUtc)) return [];
  const wanted = `${date} ${time}`;
  return [2, 1].map((h) => asUtc - h * 3_600_000).filter((t) => parisWallClock(t) === wanted);
}
