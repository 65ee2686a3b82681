import { describe, expect, it } from "vitest";
import { anomalyFiltersSchema, submissionFiltersSchema } from "@/lib/schemas/operator-console";

// The console's filters come from a query string anyone can edit: malformed values are ignored
// (the list shows everything) and never reach the date arithmetic, where they would throw.
describe("operator console filters", () => {
  it("keeps valid days and ignores impossible ones (month 13, 30 February) instead of throwing later", () => {
    expect(submissionFiltersSchema.parse({ du: "2026-02-28", au: "2026-03-01" })).toMatchObject({ du: "2026-02-28", au: "2026-03-01" });
    const bad = submissionFiltersSchema.parse({ du: "2026-13-01", au: "2026-02-30" });
    expect(bad.du).toBeUndefined();
    expect(bad.au).toBeUndefined();
  });

  it("ignores unknown values and pages out of range", () => {
    expect(submissionFiltersSchema.parse({ env: "prod", outcome: "KO", endpoint: "/x", page: "0" })).toEqual({ page: 1 });
    expect(anomalyFiltersSchema.parse({ env: "sandbox", page: "3" })).toEqual({ env: "sandbox", page: 3 });
  });
});
