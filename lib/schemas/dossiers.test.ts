import { describe, expect, it } from "vitest";
import { inseeCodeSchema, isInseeCodeFormat } from "@/lib/schemas/dossiers";

describe("INSEE commune code format", () => {
  it.each(["75101", "69123", "01001", "21231", "95500", "2A004", "2B033", "97101", "97411", "97611", "97701"])("accepts %s", (code) => {
    expect(isInseeCodeFormat(code)).toBe(true);
  });

  it.each([
    ["Corsica is never 20xxx", "20004"],
    ["no département 00", "00123"],
    ["no département 96", "96001"],
    ["98x is not a commune of France's départements", "98735"],
    ["4 characters", "7510"],
    ["6 characters", "751011"],
    ["2C", "2C004"],
    ["letters", "ABCDE"],
  ])("refuses %s (%s)", (_label, code) => {
    expect(isInseeCodeFormat(code)).toBe(false);
  });

  it("upper-cases Corsican codes and explains in French", () => {
    expect(inseeCodeSchema.parse(" 2a004 ")).toBe("2A004");
    const r = inseeCodeSchema.safeParse("20004");
    expect(r.error?.issues[0].message).toMatch(/^Code INSEE de la commune : 5 caractères attendus/);
  });
});
