import { describe, expect, it } from "vitest";
import { periodWindow } from "@/lib/indicators/period-window";

const months = ["2022-01-01", "2022-02-01", "2022-03-01", "2023-01-01", "2023-02-01", "2023-03-01"].map((periodStart) => ({ periodStart }));

describe("period window of the charts by period", () => {
  it("follows the month selected: the 12 months ending with it", () => {
    expect(periodWindow("month", "2023-02-01", months).map((p) => p.periodStart)).toEqual(["2022-03-01", "2023-01-01", "2023-02-01"]);
    expect(periodWindow("month", "2022-02-01", months).map((p) => p.periodStart)).toEqual(["2022-01-01", "2022-02-01"]);
  });

  it("takes 4 quarters for a quarter, every year up to it for a year", () => {
    const quarters = ["2022-01-01", "2022-04-01", "2023-01-01", "2023-04-01"].map((periodStart) => ({ periodStart }));
    expect(periodWindow("quarter", "2023-01-01", quarters).map((p) => p.periodStart)).toEqual(["2022-04-01", "2023-01-01"]);
    const years = ["2021-01-01", "2022-01-01", "2023-01-01"].map((periodStart) => ({ periodStart }));
    expect(periodWindow("year", "2022-01-01", years).map((p) => p.periodStart)).toEqual(["2021-01-01", "2022-01-01"]);
  });
});
