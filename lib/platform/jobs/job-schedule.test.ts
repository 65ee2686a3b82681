import { describe, expect, it } from "vitest";
import { describeSchedule, nextOccurrence } from "@/lib/platform/jobs/job-schedule";

const next = (schedule: Parameters<typeof nextOccurrence>[0], after: string) => nextOccurrence(schedule, new Date(after)).toISOString();

describe("job schedules", () => {
  it("runs a daily job at its Paris time, winter and summer", () => {
    expect(next({ dailyAt: "04:00" }, "2026-01-15T02:59:59Z")).toBe("2026-01-15T03:00:00.000Z");
    expect(next({ dailyAt: "04:00" }, "2026-01-15T03:00:00Z")).toBe("2026-01-16T03:00:00.000Z");
    expect(next({ dailyAt: "04:00" }, "2026-07-15T01:00:00Z")).toBe("2026-07-15T02:00:00.000Z");
    // 23:30 UTC on 31 December is already 1 January in Paris: the next 04:00 is that morning.
    expect(next({ dailyAt: "04:00" }, "2026-12-31T23:30:00Z")).toBe("2027-01-01T03:00:00.000Z");
  });

  it("crosses the last Sundays of March and October: a skipped time runs an hour later, a repeated one once", () => {
    // 03:30 on the change days: after the change in both cases (summer time in March, winter time in October).
    expect(next({ dailyAt: "03:30" }, "2026-03-28T12:00:00Z")).toBe("2026-03-29T01:30:00.000Z");
    expect(next({ dailyAt: "03:30" }, "2026-10-24T12:00:00Z")).toBe("2026-10-25T02:30:00.000Z");
    // 02:30 does not exist on 29 March 2026: 03:30 summer time instead, then 02:30 again the next day.
    expect(next({ dailyAt: "02:30" }, "2026-03-28T12:00:00Z")).toBe("2026-03-29T01:30:00.000Z");
    expect(next({ dailyAt: "02:30" }, "2026-03-29T01:30:00Z")).toBe("2026-03-30T00:30:00.000Z");
    // 02:30 shows twice on 25 October 2026: the first only, even just after it ran.
    expect(next({ dailyAt: "02:30" }, "2026-10-24T12:00:00Z")).toBe("2026-10-25T00:30:00.000Z");
    expect(next({ dailyAt: "02:30" }, "2026-10-25T00:30:00Z")).toBe("2026-10-26T01:30:00.000Z");
  });

  it("runs an every-N-minutes job on the same grid on every instance", () => {
    expect(next({ everyMinutes: 15 }, "2026-03-29T00:59:59Z")).toBe("2026-03-29T01:00:00.000Z");
    expect(next({ everyMinutes: 15 }, "2026-03-29T01:00:00Z")).toBe("2026-03-29T01:15:00.000Z");
    expect(next({ everyMinutes: 60 }, "2026-03-29T01:07:00Z")).toBe("2026-03-29T02:00:00.000Z");
  });

  it("refuses a malformed schedule rather than looping", () => {
    expect(() => nextOccurrence({ dailyAt: "4:00" }, new Date())).toThrow("Heure de tâche invalide : « 4:00 » (HH:MM attendu)");
    expect(() => nextOccurrence({ dailyAt: "24:00" }, new Date())).toThrow("Heure de tâche invalide");
    expect(() => nextOccurrence({ everyMinutes: 0 }, new Date())).toThrow("Période de tâche invalide : 0 minutes");
  });

  it("says when a job runs, in French", () => {
    expect(describeSchedule({ dailyAt: "04:00" })).toBe("chaque jour à 4 h (heure de Paris)");
    expect(describeSchedule({ dailyAt: "03:30" })).toBe("chaque jour à 3 h 30 (heure de Paris)");
    expect(describeSchedule({ everyMinutes: 15 })).toBe("toutes les 15 minutes");
  });
});
