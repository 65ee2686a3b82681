import { describe, expect, it } from "vitest";
import { parseUsageQuery } from "@/lib/schemas/usage-indicators";

describe("parseUsageQuery", () => {
  it("gives the committee months only, and refuses other kinds with a French message", () => {
    const month = parseUsageQuery({ type: "month", periode: "2016-03-15", maille: "region" });
    expect(month.success && month.data.type).toBe("month");
    for (const type of ["day", "week", "quarter", "year"]) {
      const r = parseUsageQuery({ type, periode: "2016-03-15" });
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.message)).toEqual(["type de période : le comité lit des mois"]);
    }
  });
});
