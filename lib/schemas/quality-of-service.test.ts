import { describe, expect, it } from "vitest";
import { qosLevelInText, qosOperatorCode, qosQuery } from "@/lib/schemas/quality-of-service";

describe("quality-of-service inputs", () => {
  it("reads an operator's code from a path segment, encoded or not, and refuses anything else without throwing", () => {
    const id = "op:0b6c1c2e-8d43-4a43-9f6e-2f1f9b1d2c3a";
    expect(qosOperatorCode.safeParse("FRABC").data).toBe("FRABC");
    expect(qosOperatorCode.safeParse(encodeURIComponent(id)).data).toBe(id);
    for (const bad of ["%", "%E0%A4%A", "FRabc", "op:x", "", "FRABC\u0000"]) expect(qosOperatorCode.safeParse(bad).success).toBe(false);
  });

  it("falls back to defaults on unknown choices instead of failing", () => {
    expect(qosQuery.parse({ periode: "jour?", debut: "2026-02-30", maille: "<script>" })).toEqual({
      periode: "month",
      debut: undefined,
      maille: "departement",
      indicateur: undefined,
    });
    expect(qosQuery.parse({ periode: "quarter", debut: "2026-02-28", maille: "region", indicateur: "saturation" })).toMatchObject({
      periode: "quarter",
      debut: "2026-02-28",
    });
  });

  it("accepts the EPCI level and names it in a sentence with its capitals", () => {
    expect(qosQuery.parse({ maille: "epci" }).maille).toBe("epci");
    expect(["departement", "epci", "commune"].map((l) => qosLevelInText(l as "departement" | "epci" | "commune"))).toEqual(["département", "EPCI", "commune"]);
  });
});
