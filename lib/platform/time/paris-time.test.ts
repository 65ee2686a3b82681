import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  parisDay,
  parisHour,
  parisLocalToUtc,
  parisMidnight,
  parisMonth,
  parisNextMidnight,
  parisOffsetMinutes,
  parisParts,
  parisWallClock,
} from "@/lib/platform/time/paris-time";

const at = (iso: string) => new Date(iso);

// 2026: summer time starts on Sunday 29 March at 01:00 UTC (02:00 → 03:00 in Paris) and ends on
// Sunday 25 October at 01:00 UTC (03:00 → 02:00).
describe("Paris time", () => {
  it("reads an instant's Paris day, month, hour and weekday, which are not the UTC ones near midnight", () => {
    expect(parisDay(at("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(parisMonth(at("2026-12-31T23:30:00Z"))).toBe("2027-01");
    expect(parisHour(at("2026-12-31T23:30:00Z"))).toBe(0);
    expect(parisDay(at("2026-06-30T21:59:59Z"))).toBe("2026-06-30");
    expect(parisDay(at("2026-06-30T22:00:00Z"))).toBe("2026-07-01");
    expect(parisParts(at("2026-03-29T00:59:59Z"))).toEqual({ year: "2026", month: "03", day: "29", hour: "01", minute: "59", second: "59", weekday: 7 });
    expect(parisParts(at("2026-03-30T10:00:00Z")).weekday).toBe(1);
  });

  it("has the winter and summer offsets, changing at 01:00 UTC on the last Sundays of March and October", () => {
    expect(parisOffsetMinutes(at("2026-01-15T12:00:00Z"))).toBe(60);
    expect(parisOffsetMinutes(at("2026-07-15T12:00:00Z"))).toBe(120);
    expect(parisOffsetMinutes(at("2026-03-29T00:59:59.999Z"))).toBe(60);
    expect(parisOffsetMinutes(at("2026-03-29T01:00:00Z"))).toBe(120);
    expect(parisOffsetMinutes(at("2026-10-25T00:59:59.999Z"))).toBe(120);
    expect(parisOffsetMinutes(at("2026-10-25T01:00:00Z"))).toBe(60);
    // The hour after the March change: 01:59 winter time is followed by 03:00 summer time.
    expect(parisWallClock(Date.parse("2026-03-29T00:59:00Z"))).toBe("2026-03-29 01:59");
    expect(parisWallClock(Date.parse("2026-03-29T01:00:00Z"))).toBe("2026-03-29 03:00");
    // The October hour shows twice.
    expect(parisWallClock(Date.parse("2026-10-25T00:30:00Z"))).toBe("2026-10-25 02:30");
    expect(parisWallClock(Date.parse("2026-10-25T01:30:00Z"))).toBe("2026-10-25 02:30");
  });

  it("computes the offset by the EU rule exactly as Intl reads the zone, around every change from 1996 to 2040, and before", () => {
    const intlOffset = (t: number) => {
      const p = parisParts(t);
      return (Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - t) / 60_000;
    };
    const checked: number[] = [];
    for (let year = 1996; year <= 2040; year++) {
      for (const month of [2, 9]) {
        const last = new Date(Date.UTC(year, month + 1, 0));
        const change = Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
        for (let t = change - 3 * 3_600_000; t <= change + 3 * 3_600_000; t += 15 * 60_000) {
          expect(parisOffsetMinutes(t), new Date(t).toISOString()).toBe(intlOffset(t));
          checked.push(t);
        }
      }
      for (const mid of [Date.UTC(year, 0, 15, 12), Date.UTC(year, 6, 15, 12)]) expect(parisOffsetMinutes(mid)).toBe(intlOffset(mid));
    }
    expect(checked).toHaveLength(45 * 2 * 25);
    // 1995: summer time still ended on the last Sunday of September.
    expect(parisOffsetMinutes(at("1995-10-15T12:00:00Z"))).toBe(60);
    expect(intlOffset(Date.parse("1995-10-15T12:00:00Z"))).toBe(60);
  });

  it("turns a Paris wall clock into its instants: none in the skipped March hour, two in the repeated October hour", () => {
    expect(parisLocalToUtc("2026-01-15", "08:00")).toEqual([Date.parse("2026-01-15T07:00:00Z")]);
    expect(parisLocalToUtc("2026-07-15", "08:00")).toEqual([Date.parse("2026-07-15T06:00:00Z")]);
    expect(parisLocalToUtc("2026-03-29", "02:30")).toEqual([]);
    expect(parisLocalToUtc("2026-03-29", "03:00")).toEqual([Date.parse("2026-03-29T01:00:00Z")]);
    expect(parisLocalToUtc("2026-10-25", "02:30")).toEqual([Date.parse("2026-10-25T00:30:00Z"), Date.parse("2026-10-25T01:30:00Z")]);
    expect(parisLocalToUtc("2026-02-30", "08:00")).toEqual([]);
  });

  it("bounds a Paris day in UTC: 24 hours, 23 on the last Sunday of March, 25 on the last Sunday of October", () => {
    expect(parisMidnight("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(parisNextMidnight("2026-01-15").toISOString()).toBe("2026-01-15T23:00:00.000Z");
    expect(parisMidnight("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(parisNextMidnight("2026-03-29").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(parisMidnight("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(parisNextMidnight("2026-10-25").toISOString()).toBe("2026-10-25T23:00:00.000Z");
    const hours = (day: string) => (parisNextMidnight(day).getTime() - parisMidnight(day).getTime()) / 3_600_000;
    expect([hours("2026-03-28"), hours("2026-03-29"), hours("2026-10-25"), hours("2026-10-26")]).toEqual([24, 23, 25, 24]);
    // A year's last day ends at the next year's Paris midnight.
    expect(parisNextMidnight("2026-12-31").toISOString()).toBe("2026-12-31T23:00:00.000Z");
    expect(() => parisMidnight("2026-13-01")).toThrow("Jour invalide");
  });

  it("adds calendar days across months, years and leap days", () => {
    expect(addCalendarDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCalendarDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
