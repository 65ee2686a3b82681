import { describe, expect, it } from "vitest";
import { frenchPhone, irveToStatique, statiqueBulkSchema, statiqueSchema, statiqueToIrve } from "@/lib/schemas/qualicharge-statique";
import { isInFrance } from "@/lib/reference-data/is-in-france";
import { statiqueItem } from "@/tests/support/qualicharge/statique";

// Every rule of QualiCharge's Statique (../shared/docs/QUALICHARGE.md, "Models and their rules").

const schema = statiqueSchema({ today: "2026-12-05", isInFrance });
const valid = statiqueItem("FRFAS", {}, { station: "33004", point: "3300401" });

/** The paths and messages of the issues of `overrides` applied to a valid item. */
function issues(overrides: Record<string, unknown>, remove: string[] = []) {
  const input: Record<string, unknown> = { ...valid, ...overrides };
  for (const key of remove) delete input[key];
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]);
}

describe("Statique", () => {
  it("accepts QualiCharge's own example and trims strings", () => {
    const r = schema.parse({ ...valid, nom_station: "  Fastned  ", id_station_local: "   " });
    expect(r.nom_station).toBe("Fastned");
    expect(r.id_station_local).toBeNull();
    expect(r.coordonneesXY).toBe("[4.156034, 45.679959]");
    expect(r.puissance_nominale).toBe(150);
  });

  it.each(["nom_amenageur", "nom_operateur", "nom_enseigne", "nom_station", "adresse_station"])("requires %s (blank refused)", (field) => {
    expect(issues({ [field]: "   " })).toEqual([[field, "String should have at least 1 character"]]);
    expect(issues({}, [field])).toEqual([[field, "Field required"]]);
  });

  it("checks the SIREN: 9 digits, Luhn key, not all zeros", () => {
    expect(issues({ siren_amenageur: "853300011" })).toEqual([["siren_amenageur", "Value error, 853300011 is not a valid SIREN number"]]);
    expect(issues({ siren_amenageur: "000000000" })).toHaveLength(1);
    expect(issues({ siren_amenageur: "85330001" })).toHaveLength(1);
    expect(issues({ siren_amenageur: "732829320" })).toEqual([]);
  });

  it("checks e-mails and the French phone number, answered as RFC 3966", () => {
    expect(issues({ contact_amenageur: "support" })).toEqual([["contact_amenageur", "value is not a valid email address"]]);
    expect(issues({ contact_operateur: "a b@c.fr" })).toHaveLength(1);
    expect(issues({ telephone_operateur: "12345" })).toEqual([["telephone_operateur", "value is not a valid phone number"]]);
    expect(frenchPhone("01 84 71 00 62")).toBe("tel:+33-1-84-71-00-62");
    expect(frenchPhone("+33 (0)6.12.34.56.78")).toBe("tel:+33-6-12-34-56-78");
    expect(frenchPhone("+262 262 12 34 56")).toBe("tel:+262-262-12-34-56");
    expect(frenchPhone("+44 20 7946 0958")).toBeNull();
    expect(schema.parse({ ...valid, telephone_operateur: "0184710062" }).telephone_operateur).toBe("tel:+33-1-84-71-00-62");
  });

  it("checks the eMI3 ids, 'Non concerné', and their shared prefix", () => {
    expect(issues({ id_station_itinerance: "FRFASE33004" })[0]?.[0]).toBe("id_station_itinerance");
    expect(issues({ id_pdc_itinerance: "FRFASP3300401" })[0]?.[0]).toBe("id_pdc_itinerance");
    expect(issues({ id_pdc_itinerance: "FRFAS-E33" })).toHaveLength(1);
    expect(issues({ id_pdc_itinerance: "FRXYZE3300401" })).toEqual([
      ["", "Value error, AFIREV prefixes from id_station_itinerance and id_pdc_itinerance do not match"],
    ]);
    expect(issues({ id_station_itinerance: "Non concerné", id_pdc_itinerance: "Non concerné" })).toEqual([]);
  });

  it("checks the enumerations", () => {
    for (const field of ["implantation_station", "condition_acces", "accessibilite_pmr", "raccordement"])
      expect(issues({ [field]: "Autre" })).toEqual([[field, expect.stringMatching(/^Input should be '/)]]);
    expect(issues({ implantation_station: "Parking privé à usage public", accessibilite_pmr: "Réservé PMR", raccordement: "Indirect" })).toEqual([]);
  });

  it("checks the INSEE code and the coordinates (in France: metropole, Corse, DROM)", () => {
    expect(issues({ code_insee_commune: "42600 " })).toEqual([]);
    expect(issues({ code_insee_commune: "2C004" })).toHaveLength(1);
    expect(issues({ code_insee_commune: "20004" })).toHaveLength(1);
    expect(issues({ coordonneesXY: "[45.679959, 4.156034]" })).toEqual([
      ["coordonneesXY", "Value error, [45.679959, 4.156034] is not in France (metropole, Corse or DROM; longitude first)"],
    ]);
    expect(issues({ coordonneesXY: "[4.35, 50.85]" })).toHaveLength(1); // Brussels
    expect(issues({ coordonneesXY: "[-149.5, -17.6]" })).toHaveLength(1); // Tahiti: not a DROM
    expect(issues({ coordonneesXY: "4.15, 45.67" })).toHaveLength(1);
    for (const c of ["[8.7386, 41.9192]", "[-61.53, 16.24]", "[-61.07, 14.6]", "[-52.33, 4.93]", "[55.45, -20.88]", "[45.227, -12.78]", "POINT(2.35 48.85)"])
      expect(issues({ coordonneesXY: c })).toEqual([]);
  });

  it("checks numbers: nbre_pdc > 0, puissance_nominale in [1.3, 4000]", () => {
    expect(issues({ nbre_pdc: 0 })).toEqual([["nbre_pdc", "Input should be greater than 0"]]);
    expect(issues({ nbre_pdc: 1.5 })).toEqual([["nbre_pdc", "Input should be a valid integer"]]);
    expect(issues({ nbre_pdc: "3" })).toEqual([]);
    expect(issues({ puissance_nominale: 1.2 })).toEqual([["puissance_nominale", "Input should be greater than or equal to 1.3"]]);
    expect(issues({ puissance_nominale: 4000.5 })).toEqual([["puissance_nominale", "Input should be less than or equal to 4000"]]);
    expect(issues({ puissance_nominale: 1.3 })).toEqual([]);
    expect(issues({ puissance_nominale: "abc" })).toEqual([["puissance_nominale", "Input should be a valid number"]]);
  });

  it.each([
    "prise_type_ef",
    "prise_type_2",
    "prise_type_combo_ccs",
    "prise_type_chademo",
    "prise_type_autre",
    "paiement_acte",
    "reservation",
    "station_deux_roues",
  ])("requires the boolean %s", (field) => {
    expect(issues({}, [field])).toEqual([[field, "Field required"]]);
    expect(issues({ [field]: null })).toEqual([[field, "Input should be a valid boolean"]]);
    expect(issues({ [field]: "peut-être" })).toEqual([[field, "Input should be a valid boolean"]]);
    expect(schema.parse({ ...valid, [field]: "yes" })[field as "reservation"]).toBe(true);
  });

  it("requires num_pdl (nullable), at most 64 characters, non-empty when the connection is direct", () => {
    expect(issues({}, ["num_pdl"])).toEqual([["num_pdl", "Field required"]]);
    expect(issues({ num_pdl: "1".repeat(65) })).toEqual([["num_pdl", "String should have at most 64 characters"]]);
    expect(issues({ num_pdl: null })).toEqual([["num_pdl", "Value error, num_pdl is required when raccordement is Direct"]]);
    expect(issues({ num_pdl: "  " })).toHaveLength(1);
    expect(issues({ num_pdl: null, raccordement: "Indirect" })).toEqual([]);
  });

  it("refuses dates in the future and badly written dates", () => {
    expect(issues({ date_maj: "2026-12-06" })).toEqual([["date_maj", "Value error, 2026-12-06 is in the future"]]);
    expect(issues({ date_mise_en_service: "2027-01-01" })).toHaveLength(1);
    expect(issues({ date_maj: "2026-02-30" })).toHaveLength(1);
    expect(issues({ date_maj: "2026-12-05", date_mise_en_service: null })).toEqual([]);
  });

  it("round-trips through the stored IRVE text", () => {
    const s = schema.parse({ ...valid, gratuit: null, tarification: null });
    const irve = statiqueToIrve(s);
    expect(irve).toMatchObject({ gratuit: "", prise_type_2: "true", puissance_nominale: "150", nbre_pdc: "2" });
    expect(irveToStatique(irve)).toEqual({ ...s });
  });

  it("caps a bulk", () => {
    const bulk = statiqueBulkSchema({ today: "2026-12-05", isInFrance, max: 2 });
    expect(bulk.safeParse([valid, valid]).success).toBe(true);
    expect(bulk.safeParse([valid, valid, valid]).error?.issues[0].message).toBe("List should have at most 2 items after validation, not 3");
    expect(bulk.safeParse([]).error?.issues[0].message).toBe("List should have at least 1 item after validation, not 0");
  });
});
