import { describe, expect, it } from "vitest";
import { assertKnownCommune, isKnownCommune } from "@/lib/dossiers/commune-codes";

describe("official INSEE commune list", () => {
  it("knows communes, arrondissements, Corsica and overseas", () => {
    for (const code of ["69123", "75056", "75101", "2A004", "97411"]) expect(isKnownCommune(code), code).toBe(true);
  });
  it("refuses well-formed codes that are not communes, such as postal codes", () => {
    expect(isKnownCommune("69000")).toBe(false); // a Lyon postal code
    expect(isKnownCommune("75000")).toBe(false);
    expect(() => assertKnownCommune("13000")).toThrow("Le code INSEE 13000 n'existe pas dans le code officiel géographique 2024.");
  });
});
