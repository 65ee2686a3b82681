import { describe, expect, it } from "vitest";
import { addCalendarMonths, calendarDaysBetween, sendingStatus } from "@/lib/monthly-sending/sending-deadline";

const at = (iso: string) => new Date(iso);

describe("addCalendarMonths", () => {
  it("keeps the day of the month, or the month's last day when it has no such day", () => {
    expect(addCalendarMonths("2026-01-15", 1)).toBe("2026-02-15");
    expect(addCalendarMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addCalendarMonths("2028-01-31", 1)).toBe("2028-02-29"); // leap year
    expect(addCalendarMonths("2026-03-31", 1)).toBe("2026-04-30");
    expect(addCalendarMonths("2026-02-28", 1)).toBe("2026-03-28");
    expect(addCalendarMonths("2026-12-31", 1)).toBe("2027-01-31");
    expect(addCalendarMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addCalendarMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(() => addCalendarMonths("31/03/2026", 1)).toThrow("Jour invalide");
  });

  it("counts calendar days across month and year ends", () => {
    expect(calendarDaysBetween("2026-02-28", "2026-03-01")).toBe(1);
    expect(calendarDaysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(calendarDaysBetween("2026-12-31", "2027-01-31")).toBe(31);
    expect(calendarDaysBetween("2026-03-02", "2026-03-01")).toBe(-1);
  });
});

describe("sendingStatus (monthly rule, Paris calendar)", () => {
  const months = 1;
  const started = at("2020-01-01T00:00:00Z");

  it("is on time through the same day of the next month, late from the next day", () => {
    const lastDataAt = at("2026-01-15T10:00:00Z");
    const onDue = sendingStatus({ lastDataAt, startedAt: started, now: at("2026-02-15T22:59:59Z"), months });
    expect(onDue).toMatchObject({ sinceDay: "2026-01-15", dueDay: "2026-02-15", late: false, silentDays: 31 });
    // 16 February starts at 23:00 UTC on the 15th (winter time, UTC+1).
    const next = sendingStatus({ lastDataAt, startedAt: started, now: at("2026-02-15T23:00:00Z"), months });
    expect(next).toMatchObject({ late: true, silentDays: 32 });
    expect(next.lateFrom.toISOString()).toBe("2026-02-15T23:00:00.000Z");
  });

  it("gives 31 January until the end of February (28th, or 29th in a leap year)", () => {
    const jan31 = at("2026-01-31T12:00:00Z");
    expect(sendingStatus({ lastDataAt: jan31, startedAt: started, now: at("2026-02-28T12:00:00Z"), months }).late).toBe(false);
    expect(sendingStatus({ lastDataAt: jan31, startedAt: started, now: at("2026-03-01T12:00:00Z"), months }).late).toBe(true);
    const leap = at("2028-01-31T12:00:00Z");
    expect(sendingStatus({ lastDataAt: leap, startedAt: started, now: at("2028-02-29T12:00:00Z"), months })).toMatchObject({
      dueDay: "2028-02-29",
      late: false,
    });
    expect(sendingStatus({ lastDataAt: leap, startedAt: started, now: at("2028-03-01T12:00:00Z"), months }).late).toBe(true);
  });

  it("gives 31 March until 30 April, and 28 February until 28 March", () => {
    const mar31 = at("2026-03-31T09:00:00Z");
    expect(sendingStatus({ lastDataAt: mar31, startedAt: started, now: at("2026-04-30T20:00:00Z"), months })).toMatchObject({
      dueDay: "2026-04-30",
      late: false,
    });
    expect(sendingStatus({ lastDataAt: mar31, startedAt: started, now: at("2026-04-30T22:00:00Z"), months })).toMatchObject({ late: true, silentDays: 31 });
    const feb28 = at("2026-02-28T09:00:00Z");
    expect(sendingStatus({ lastDataAt: feb28, startedAt: started, now: at("2026-03-28T12:00:00Z"), months })).toMatchObject({
      dueDay: "2026-03-28",
      late: false,
    });
    expect(sendingStatus({ lastDataAt: feb28, startedAt: started, now: at("2026-03-29T12:00:00Z"), months }).late).toBe(true);
  });

  it("reads days in Paris time across the clock changes (UTC+1 in winter, UTC+2 in summer)", () => {
    // 22:30 UTC on 31 March is already 00:30 on 1 April in Paris (summer time).
    const s = sendingStatus({ lastDataAt: at("2026-03-31T22:30:00Z"), startedAt: started, now: at("2026-05-01T21:59:59Z"), months });
    expect(s).toMatchObject({ sinceDay: "2026-04-01", dueDay: "2026-05-01", late: false });
    expect(s.lateFrom.toISOString()).toBe("2026-05-01T22:00:00.000Z");
    expect(sendingStatus({ lastDataAt: at("2026-03-31T22:30:00Z"), startedAt: started, now: at("2026-05-01T22:00:00Z"), months }).late).toBe(true);
    // Received in summer time, due in winter time: late from 00:00 Paris = 23:00 UTC.
    const autumn = sendingStatus({ lastDataAt: at("2026-10-24T21:30:00Z"), startedAt: started, now: at("2026-11-24T22:59:59Z"), months });
    expect(autumn).toMatchObject({ sinceDay: "2026-10-24", dueDay: "2026-11-24", late: false });
    expect(autumn.lateFrom.toISOString()).toBe("2026-11-24T23:00:00.000Z");
    // The night of the March change (a 23-hour day) is one calendar day like any other.
    const spring = sendingStatus({ lastDataAt: at("2026-02-28T23:30:00Z"), startedAt: started, now: at("2026-03-29T21:59:59Z"), months });
    expect(spring).toMatchObject({ sinceDay: "2026-03-01", dueDay: "2026-04-01", late: false, silentDays: 28 });
  });

  it("counts a station that never sent from when it could first send", () => {
    const startedAt = at("2026-05-10T08:00:00Z");
    expect(sendingStatus({ lastDataAt: null, startedAt, now: at("2026-06-10T12:00:00Z"), months })).toMatchObject({
      sinceDay: "2026-05-10",
      late: false,
      silentDays: 31,
    });
    expect(sendingStatus({ lastDataAt: null, startedAt, now: at("2026-06-11T12:00:00Z"), months })).toMatchObject({ late: true, silentDays: 32 });
  });

  it("takes the threshold in months", () => {
    const lastDataAt = at("2026-01-31T12:00:00Z");
    const now = at("2026-03-15T12:00:00Z");
    expect(sendingStatus({ lastDataAt, startedAt: started, now, months: 1 }).late).toBe(true);
    expect(sendingStatus({ lastDataAt, startedAt: started, now, months: 2 })).toMatchObject({ dueDay: "2026-03-31", late: false });
  });

  it("never counts negative silence (data received after `now`, a clock ahead)", () => {
    expect(sendingStatus({ lastDataAt: at("2026-06-02T12:00:00Z"), startedAt: started, now: at("2026-06-01T12:00:00Z"), months })).toMatchObject({
      late: false,
      silentDays: 0,
    });
  });
});
