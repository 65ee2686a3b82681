import { describe, expect, it } from "vitest";
import { irveRowSchema, type IrveRowInput } from "@/lib/schemas/irve";

const today = "2026-11-23";
const valid: IrveRowInput = {
  contact_operateur: "hello@powerdot.fr",
  nom_enseigne: "Power Dot France",
  id_station_itinerance: "FRPD1PCORGLG",
  nom_station: "Carrefour",
  implantation_station: "Parking privé à usage public",
  adresse_station: "Bd de la Muette",
  code_insee_commune: "95268",
  coordonneesXY: "[2.418161, 48.97489]",
  nbre_pdc: "11",
  id_pdc_itinerance: "FRPD1ECORGLGSLM100013",
  puissance_nominale: "50.0",
  prise_type_ef: "False",
  prise_type_2: "False",
  prise_type_combo_ccs: "True",
  prise_type_chademo: "False",
  prise_type_autre: "False",
  paiement_acte: "True",
  condition_acces: "Accès libre",
  reservation: "False",
  horaires: "24/7",
  accessibilite_pmr: "Accessibilité inconnue",
  restriction_gabarit: "Aucune",
  station_deux_roues: "False",
  raccordement: "Direct",
  num_pdl: "50025843262120",
  date_mise_en_service: "2023-01-18",
  date_maj: "2025-03-28",
};

function errors(row: IrveRowInput): Record<string, string> {
  const r = irveRowSchema({ today }).safeParse(row);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("IRVE static row", () => {
  it("accepts a real row and types its values", () => {
    const r = irveRowSchema({ today }).parse(valid);
    expect(r.puissance_nominale).toBe(50);
    expect(r.prise_type_combo_ccs).toBe(true);
    expect(r.coordonneesXY).toEqual({ lon: 2.418161, lat: 48.97489 });
  });

  it("names each offending column in French", () => {
    expect(errors({ ...valid, id_pdc_itinerance: "FRXYZE123" })).toEqual({
      id_pdc_itinerance: "Identifiant eMI3 du point de charge : il doit commencer comme celui de la station (FRPD1), pas par FRXYZ",
    });
    expect(errors({ ...valid, raccordement: "Direct", num_pdl: "" })).toEqual({ num_pdl: "Numéro de PDL est obligatoire quand le raccordement est direct" });
    expect(Object.keys(errors({ ...valid, coordonneesXY: "[48.97489, 2.418161]" }))).toEqual(["coordonneesXY"]);
    expect(errors({ ...valid, date_mise_en_service: "2027-01-01" })).toEqual({
      date_mise_en_service: "Date de mise en service ne peut pas être dans le futur",
    });
    expect(Object.keys(errors({ ...valid, horaires: "tous les jours" }))).toEqual(["horaires"]);
    expect(Object.keys(errors({ ...valid, prise_type_2: "peut-être" }))).toEqual(["prise_type_2"]);
    expect(Object.keys(errors({ ...valid, implantation_station: "Garage" }))).toEqual(["implantation_station"]);
    expect(Object.keys(errors({ ...valid, puissance_nominale: "22000" }))).toEqual(["puissance_nominale"]);
    expect(Object.keys(errors({ ...valid, date_maj: "2025-02-30" }))).toEqual(["date_maj"]);
  });

  it("speaks the field's label, Oui or Non, and no column names or developer words", () => {
    const all = errors({
      ...valid,
      condition_acces: "",
      prise_type_2: "",
      gratuit: "peut-être",
      contact_operateur: "Service client",
      contact_amenageur: "x@",
      nbre_pdc: "0",
      code_insee_commune: "7510",
    });
    expect(all).toEqual({
      condition_acces: "Condition d'accès est obligatoire : choisissez une valeur dans la liste",
      prise_type_2: "Prise type 2 est obligatoire : Oui ou Non",
      gratuit: "Gratuit : « peut-être » n'est ni Oui ni Non",
      contact_operateur: "Contact de l'opérateur : adresse e-mail attendue (exemple : contact@operateur.fr)",
      contact_amenageur: "Contact de l'aménageur : adresse e-mail attendue (exemple : contact@operateur.fr)",
      nbre_pdc: "Nombre de points de charge de la station : au moins 1",
      code_insee_commune: "Code INSEE de la commune : 5 caractères attendus, par exemple 75056 ou 2A004 (ce n'est pas le code postal)",
    });
    for (const message of Object.values(all)) expect(message).not.toMatch(/true|false|_|UUID/);
  });

  it("checks the INSEE code against the official list when given one", () => {
    const known = (code: string) => code === "95268";
    const r = irveRowSchema({ today, isKnownCommune: known }).safeParse({ ...valid, code_insee_commune: "75001" });
    expect(r.success ? [] : r.error.issues.map((i) => [i.path[0], i.message])).toEqual([
      [
        "code_insee_commune",
        "Code INSEE de la commune : ce code n'existe pas dans le code officiel géographique (vérifiez : ce n'est pas le code postal ; Paris 1er est 75101)",
      ],
    ]);
    expect(irveRowSchema({ today, isKnownCommune: known }).safeParse(valid).success).toBe(true);
  });

  it("reports cross-column errors together with column errors, never twice on one column", () => {
    // An unreadable number stops zod's own refinements: the cross-column checks still run.
    expect(errors({ ...valid, puissance_nominale: "cinquante", num_pdl: "", date_maj: "2030-01-01", id_pdc_itinerance: "FRXYZE123" })).toEqual({
      puissance_nominale: "Puissance nominale (kW) : nombre attendu, par exemple 22",
      num_pdl: "Numéro de PDL est obligatoire quand le raccordement est direct",
      date_maj: "Date de mise à jour ne peut pas être dans le futur",
      id_pdc_itinerance: "Identifiant eMI3 du point de charge : il doit commencer comme celui de la station (FRPD1), pas par FRXYZ",
    });
    // A malformed point identifier or date gets its own message only.
    const malformed = irveRowSchema({ today }).safeParse({ ...valid, horaires: "x", id_pdc_itinerance: "XX", date_maj: "2030-02-30" });
    expect(malformed.success ? [] : malformed.error.issues.map((i) => i.path.join("."))).toEqual(["id_pdc_itinerance", "horaires", "date_maj"]);
  });

  it("requires the mandatory columns", () => {
    expect(Object.keys(errors({ ...valid, nom_enseigne: "", horaires: undefined })).sort()).toEqual(["horaires", "nom_enseigne"]);
  });
});
