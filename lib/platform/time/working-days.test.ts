import { describe, expect, it } from "vitest";
import { addWorkingDays, easterSunday, isWorkingDay, publicHolidays, workingDaysBetween } from "@/lib/platform/time/working-days";

describe("French public holidays", () => {
  it("computes Easter Sunday", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2038)).toBe("2038-04-25");
  });

  it("lists the eleven holidays of 2025 with the moving ones", () => {
    expect([...publicHolidays(2025)].sort()).toEqual([
      "2025-01-01",
      "2025-04-21",
      "2025-05-01",
      "2025-05-08",
      "2025-05-29",
      "2025-06-09",
      "2025-07-14",
      "2025-08-15",
      "2025-11-01",
      "2025-11-11",
      "2025-12-25",
    ]);
  });

  it("does not treat weekends and holidays as working days", () => {
    expect(isWorkingDay("2025-04-21")).toBe(false); // Easter Monday
    expect(isWorkingDay("2025-05-29")).toBe(false); // Ascension (Thursday)
    expect(isWorkingDay("2025-06-09")).toBe(false); // Whit Monday
    expect(isWorkingDay("2025-07-14")).toBe(false); // Monday
    expect(isWorkingDay("2025-08-15")).toBe(false); // Friday
    expect(isWorkingDay("2025-05-01")).toBe(false); // Thursday
    expect(isWorkingDay("2025-11-22")).toBe(false); // Saturday
    expect(isWorkingDay("2025-04-22")).toBe(true);
  });
});

describe("addWorkingDays", () => {
  it("skips the weekend", () => {
    expect(addWorkingDays("2025-11-21", 1)).toBe("2025-11-24"); // Friday → Monday
    expect(addWorkingDays("2025-11-03", 10)).toBe("2025-11-18"); // 11 November skipped
  });

  it("skips Easter Monday", () => {
    expect(addWorkingDays("2025-04-17", 2)).toBe("2025-04-22"); // Thu → Fri, (Sat, Sun, Mon off) → Tue
  });

  it("skips 1 May, 8 May and Ascension in one stretch", () => {
    // 2025-04-30 (Wed): Fri 2, Mon 5, Tue 6, Wed 7, Fri 9, Mon 12, Tue 13, Wed 14, Thu 15, Fri 16
    expect(addWorkingDays("2025-04-30", 10)).toBe("2025-05-16");
    // Ascension 2025-05-29 and the bridge Friday is worked
    expect(addWorkingDays("2025-05-28", 1)).toBe("2025-05-30");
  });

  it("skips Whit Monday, 14 July and 15 August", () => {
    expect(addWorkingDays("2025-06-06", 1)).toBe("2025-06-10");
    expect(addWorkingDays("2025-07-11", 1)).toBe("2025-07-15");
    expect(addWorkingDays("2025-08-14", 1)).toBe("2025-08-18");
  });

  it("crosses the year end (25 December, 1 January)", () => {
    // 2025-12-24 (Wed): Fri 26, Mon 29, Tue 30, Wed 31, Fri Jan 2, Mon 5, Tue 6, Wed 7, Thu 8, Fri 9
    expect(addWorkingDays("2025-12-24", 10)).toBe("2026-01-09");
  });

  it("counts back what it added", () => {
    expect(workingDaysBetween("2025-12-24", "2026-01-09")).toBe(10);
    expect(workingDaysBetween("2025-05-01", "2025-04-01")).toBe(0);
  });
});
