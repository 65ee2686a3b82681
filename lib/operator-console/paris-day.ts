// Day boundaries in Europe/Paris (the console's filters are days as the operator reads them).

const hourInParis = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", hourCycle: "h23" });

/** The UTC instant of 00:00 in Paris on `day` (YYYY-MM-DD). */
export function parisMidnight(day: string): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  // Paris is UTC+1 or UTC+2: at 00:00 UTC it is 01:00 or 02:00 there.
  const offsetHours = Number(hourInParis.format(utcMidnight));
  return new Date(utcMidnight.getTime() - offsetHours * 3_600_000);
}

/** The UTC instant of 00:00 in Paris on the day after `day`. */
export function parisNextMidnight(day: string): Date {
  const next = new Date(`${day}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return parisMidnight(next.toISOString().slice(0, 10));
}
