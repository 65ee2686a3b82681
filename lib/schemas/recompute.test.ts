import { describe, expect, it } from "vitest";
import { recomputeMonthsSchema } from "@/lib/schemas/recompute";

function issues(input: Record<string, string>) {
  const r = recomputeMonthsSchema.safeParse(input);
  return r.success ? r.data : r.error.issues.map((i) => [i.path.join("."), i.message]);
}

describe("recompute months", () => {
  it("accepts real months, or nothing (the computation's defaults)", () => {
    expect(issues({ from: "2023-01", to: "2024-01" })).toEqual({ from: "2023-01", to: "2024-01" });
    expect(issues({ from: " ", to: "" })).toEqual({ from: undefined, to: undefined });
  });

  it("refuses a month 13, a bad format and an end before the start, in French, per field", () => {
    expect(issues({ from: "2023-13", to: "2023-1" })).toEqual([
      ["from", "Premier mois : le mois va de 01 à 12 (« 2023-13 » n'existe pas)"],
      ["to", "Mois de fin : format AAAA-MM attendu, par exemple 2023-01"],
    ]);
    expect(issues({ from: "2024-01", to: "2023-06" })).toEqual([
      ["to", "Mois de fin : le mois de fin est exclu, il doit venir après le premier mois (2024-01)"],
    ]);
    expect(issues({ from: "1999-12" })).toEqual([["from", "Premier mois : année entre 2000 et 2100 attendue"]]);
  });
});
