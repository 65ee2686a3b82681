import { describe, expect, it } from "vitest";
import { curvePoints, curveStepFor, monthStartUtc } from "@/lib/indicators/load-curve-steps";
import { parisOffsetMinutes } from "@/lib/platform/time/paris-time";

// A month of 30-minute steps: `perDay(day, step)` gives each step's kW.
function month(periodStart: string, steps: number, kw: (i: number) => number) {
  return { periodStart, values: Array.from({ length: steps }, (_, i) => kw(i)) };
}

describe("load curve of a period", () => {
  it("follows Paris summer time", () => {
    expect(parisOffsetMinutes(Date.UTC(2023, 2, 26, 0, 59))).toBe(60);
    expect(parisOffsetMinutes(Date.UTC(2023, 2, 26, 1, 0))).toBe(120);
    expect(parisOffsetMinutes(Date.UTC(2023, 9, 29, 0, 59))).toBe(120);
    expect(parisOffsetMinutes(Date.UTC(2023, 9, 29, 1, 0))).toBe(60);
    expect(new Date(monthStartUtc("2023-07-01")).toISOString()).toBe("2023-06-30T22:00:00.000Z");
  });

  it("draws a month at 30 minutes, and a quarter or a year as each day's mean and peak", () => {
    expect(curveStepFor("month")).toBe("30min");
    expect(curveStepFor("quarter")).toBe("day");
    expect(curveStepFor("year")).toBe("day");
    const jan = month("2023-01-01", 31 * 48, (i) => (i % 48 === 37 ? 100 : 4));
    const half = curvePoints([jan], "30min");
    expect(half).toHaveLength(31 * 48);
    expect(half[37]).toEqual({ at: "2023-01-01 18:30", mean: 100 });
    const days = curvePoints([jan], "day");
    expect(days).toHaveLength(31);
    expect(days[0]).toEqual({ at: "2023-01-01", mean: (47 * 4 + 100) / 48, peak: 100 });
  });

  it("covers every month of the period, not the first one only, including the change-of-time days", () => {
    // March 2023 has 31 × 48 − 2 steps (26 March is 23 hours long); each day's steps are its own.
    const mar = month("2023-03-01", 31 * 48 - 2, () => 10);
    const apr = month("2023-04-01", 30 * 48, (i) => (i < 48 ? 20 : 30));
    const points = curvePoints([apr, mar], "day");
    expect(points.map((p) => p.at)).toEqual([
      ...Array.from({ length: 31 }, (_, d) => `2023-03-${String(d + 1).padStart(2, "0")}`),
      ...Array.from({ length: 30 }, (_, d) => `2023-04-${String(d + 1).padStart(2, "0")}`),
    ]);
    expect(points[30]).toEqual({ at: "2023-03-31", mean: 10, peak: 10 });
    expect(points[31]).toEqual({ at: "2023-04-01", mean: 20, peak: 20 });
    expect(points[32]).toEqual({ at: "2023-04-02", mean: 30, peak: 30 });
  });

  it("keeps a withheld month withheld, day by day, and derives nothing for it", () => {
    const points = curvePoints([{ periodStart: "2023-02-01", values: null }, month("2023-01-01", 31 * 48, () => 5)], "day");
    expect(points).toHaveLength(31 + 28);
    expect(points[31]).toEqual({ at: "2023-02-01", mean: "secret statistique", peak: "secret statistique" });
    expect(points.slice(31).every((p) => p.mean === "secret statistique")).toBe(true);
  });
});
