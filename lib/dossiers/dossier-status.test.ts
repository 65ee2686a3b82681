import { describe, expect, it } from "vitest";
import { dossierState, missingSteps } from "@/lib/dossiers/dossier-status";

const base = { signed: false, stationCount: 0, declaredPointCount: 0, channel: "ADVENIR" as const, stationsWithData: 0 };

describe("dossier state", () => {
  it("moves from draft to data received", () => {
    expect(dossierState(base)).toBe("brouillon");
    expect(dossierState({ ...base, signed: true })).toBe("attestation_signee");
    expect(dossierState({ ...base, signed: true, stationCount: 2 })).toBe("stations_declarees");
    expect(dossierState({ ...base, signed: true, stationCount: 2, stationsWithData: 1 })).toBe("donnees_recues");
  });

  it("needs static data for a GIREVE dossier", () => {
    expect(dossierState({ ...base, channel: "GIREVE", signed: true, stationCount: 1 })).toBe("attestation_signee");
    expect(dossierState({ ...base, channel: "GIREVE", signed: true, stationCount: 1, declaredPointCount: 2 })).toBe("stations_declarees");
  });

  it("says what is missing", () => {
    expect(missingSteps(base)).toEqual([
      "Signer l'attestation sur l'honneur : aucune donnée n'est acceptée avant.",
      "Déclarer les stations et les identifiants (StationID) que l'opérateur enverra.",
    ]);
    expect(missingSteps({ ...base, signed: true, stationCount: 3, stationsWithData: 1 })).toEqual([
      "2 station(s) sans données reçues : vérifiez avec votre opérateur.",
    ]);
  });
});
