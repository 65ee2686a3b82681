import { describe, expect, it } from "vitest";
import { resolveMonths, wholeYears } from "@/lib/indicators/resolve-period";

describe("periods of a computation, in the Paris calendar", () => {
  it("reads instants as Paris days: 23:30 UTC on 31 March is already April in Paris", () => {
    expect(resolveMonths("2026-01", "2026-04")).toEqual({ firstMonth: "2026-01-01", endMonth: "2026-04-01" });
    expect(resolveMonths(new Date("2026-03-31T22:30:00Z"), new Date("2026-06-30T22:00:00Z"))).toEqual({ firstMonth: "2026-04-01", endMonth: "2026-07-01" });
    expect(resolveMonths(new Date("2026-03-31T21:30:00Z"), new Date("2026-06-30T21:59:00Z"))).toEqual({ firstMonth: "2026-03-01", endMonth: "2026-07-01" });
  });

  it("widens to whole years, up to the end of the current Paris month", () => {
    // 31 December 23:30 UTC is 1 January in Paris: the current month is January 2027.
    expect(wholeYears({ firstMonth: "2026-03-01", endMonth: "2026-05-01" }, new Date("2026-12-31T23:30:00Z"))).toEqual({
      firstMonth: "2026-01-01",
      endMonth: "2027-01-01",
    });
    expect(wholeYears({ firstMonth: "2026-03-01", endMonth: "2026-05-01" }, new Date("2026-06-15T12:00:00Z"))).toEqual({
      firstMonth: "2026-01-01",
      endMonth: "2026-07-01",
    });
  });
});
