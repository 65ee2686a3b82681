import { describe, expect, it } from "vitest";
import { etatPdcLabel, occupationPdcLabel } from "@/lib/statuses/status-labels";
import { formatDuration } from "@/lib/platform/format";

describe("French words of a point's status", () => {
  it("names every state and occupancy the core stores, and shows an unknown value as it is", () => {
    expect(["en_service", "hors_service", "planifie", "supprime", "inconnu"].map(etatPdcLabel)).toEqual([
      "En service",
      "Hors service",
      "Pas encore en service",
      "Supprimé",
      "État inconnu",
    ]);
    expect(["libre", "occupe", "reserve", "inconnu"].map(occupationPdcLabel)).toEqual(["Libre", "Occupé", "Réservé", "Occupation inconnue"]);
    expect(etatPdcLabel("constructor")).toBe("constructor");
    expect(occupationPdcLabel("autre")).toBe("autre");
  });

  it("writes a charge's duration in hours and minutes", () => {
    expect([30, 59.6, 60, 65 * 60, 3 * 3600 + 5 * 60 + 29, -1].map(formatDuration)).toEqual(["30 s", "1 min", "1 min", "1 h 05 min", "3 h 05 min", "—"]);
  });
});
