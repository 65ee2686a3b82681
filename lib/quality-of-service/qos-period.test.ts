import { describe, expect, it } from "vitest";
import { periodContaining, periodLabel, previousPeriod } from "@/lib/quality-of-service/qos-period";

describe("quality-of-service periods", () => {
  it("finds the day, ISO week, month, quarter and year of a day", () => {
    expect(periodContaining("day", "2026-12-31")).toEqual({ kind: "day", fromDay: "2026-12-31", toDay: "2027-01-01" });
    // Thursday 31 December 2026: the week from Monday 28 December to Sunday 3 January.
    expect(periodContaining("week", "2026-12-31")).toEqual({ kind: "week", fromDay: "2026-12-28", toDay: "2027-01-04" });
    expect(periodContaining("week", "2026-12-28")).toEqual({ kind: "week", fromDay: "2026-12-28", toDay: "2027-01-04" });
    expect(periodContaining("week", "2027-01-03")).toEqual({ kind: "week", fromDay: "2026-12-28", toDay: "2027-01-04" });
    expect(periodContaining("month", "2026-02-15")).toEqual({ kind: "month", fromDay: "2026-02-01", toDay: "2026-03-01" });
    expect(periodContaining("quarter", "2026-12-31")).toEqual({ kind: "quarter", fromDay: "2026-10-01", toDay: "2027-01-01" });
    expect(periodContaining("year", "2026-03-29")).toEqual({ kind: "year", fromDay: "2026-01-01", toDay: "2027-01-01" });
  });

  it("steps back one period and names periods in French", () => {
    expect(previousPeriod(periodContaining("month", "2026-01-10"))).toEqual({ kind: "month", fromDay: "2025-12-01", toDay: "2026-01-01" });
    expect(previousPeriod(periodContaining("quarter", "2026-02-10"))).toEqual({ kind: "quarter", fromDay: "2025-10-01", toDay: "2026-01-01" });
    expect(periodLabel(periodContaining("month", "2026-11-10"))).toBe("novembre 2026");
    expect(periodLabel(periodContaining("quarter", "2026-11-10"))).toBe("T4 2026");
    expect(periodLabel(periodContaining("week", "2026-11-12"))).toBe("semaine du 9 novembre 2026");
    expect(periodLabel(periodContaining("day", "2026-11-01"))).toBe("1 novembre 2026");
  });
});
