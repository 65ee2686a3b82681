import { describe, expect, it } from "vitest";
import { securityFiltersSchema } from "@/lib/schemas/security-filters";
import { auditFiltersSchema } from "@/lib/schemas/audit-filters";

describe("security-log and audit-log filters", () => {
  it("refuses an impossible date in French without throwing, even when the other date is set", () => {
    for (const schema of [securityFiltersSchema, auditFiltersSchema]) {
      const r = schema.safeParse({ du: "2026-13-01", au: "2026-01-01" });
      expect(r.success).toBe(false);
      expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["du", "Du : date invalide (jj/mm/aaaa)"]]);
    }
  });

  it("refuses an end before the start on the end field, and reads login and address parts", () => {
    expect(securityFiltersSchema.safeParse({ du: "2026-02-01", au: "2026-01-01" }).error!.issues.map((i) => i.path.join("."))).toEqual(["au"]);
    expect(securityFiltersSchema.parse({ identifiant: " op-1 ", adresse: "", page: "3" })).toEqual({
      identifiant: "op-1",
      adresse: undefined,
      du: undefined,
      au: undefined,
      page: 3,
    });
    expect(securityFiltersSchema.safeParse({ identifiant: "x".repeat(201) }).error!.issues[0].message).toBe("Identifiant : 200 caractères au plus");
  });
});
