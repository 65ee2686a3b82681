import { addCalendarDays, parisDay, parisLocalToUtc } from "@/lib/platform/time/paris-time";

// When a job runs: every day at a Paris wall-clock time, or every N minutes. Occurrences are
// computed from the clock alone, so every instance agrees on them.

export type JobSchedule = { dailyAt: string } | { everyMinutes: number };

const HOUR_MS = 3_600_000;

/** The first occurrence strictly after `after`. */
export function nextOccurrence(schedule: JobSchedule, after: Date): Date {
  const t = after.getTime();
  if ("everyMinutes" in schedule) {
    // On a grid from the epoch: the same boundaries on every instance, whatever its start time.
    if (!Number.isInteger(schedule.everyMinutes) || schedule.everyMinutes < 1) throw new Error(`Période de tâche invalide : ${schedule.everyMinutes} minutes`);
    const step = schedule.everyMinutes * 60_000;
    return new Date((Math.floor(t / step) + 1) * step);
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(schedule.dailyAt)) throw new Error(`Heure de tâche invalide : « ${schedule.dailyAt} » (HH:MM attendu)`);
  for (let i = 0; ; i++) {
    const day = addCalendarDays(parisDay(after), i);
    const at = dailyInstant(day, schedule.dailyAt);
    if (at > t) return new Date(at);
  }
}

/**
 * The day's one occurrence of a Paris time: the first of the two in the repeated October hour
 * (never both), and one hour later (summer time) when the clock skips it in March.
 */
function dailyInstant(day: string, time: string): number {
  const [first] = parisLocalToUtc(day, time);
  return first ?? Date.parse(`${day}T${time}:00Z`) - HOUR_MS;
}

/** "chaque jour à 3 h 30 (heure de Paris)", "toutes les 15 minutes". */
export function describeSchedule(schedule: JobSchedule): string {
  if ("everyMinutes" in schedule) return schedule.everyMinutes === 1 ? "chaque minute" : `toutes les ${schedule.everyMinutes} minutes`;
  const [h, m] = schedule.dailyAt.split(":");
  return `chaque jour à ${Number(h)} h${m === "00" ? "" : ` ${m}`} (heure de Paris)`;
}
