// Examples of the QualiCharge part of the OpenAPI document: one operator's operational unit
// FRXYZ, two stations in Lyon and Bordeaux with three points, an aménageur whose SIREN passes
// the Luhn check. Fixed dates in the past: the document is static (a client's own statuses and
// sessions must be recent, see the schemas' descriptions).

export const EXAMPLE_UNIT = "FRXYZ";
export const EXAMPLE_SIREN = "123456782";

const developer = {
  nom_amenageur: "Recharge Exemple SAS",
  siren_amenageur: EXAMPLE_SIREN,
  contact_amenageur: "contact@recharge-exemple.fr",
  nom_operateur: "Opérateur Exemple",
  contact_operateur: "supervision@operateur-exemple.fr",
  telephone_operateur: "+33 4 72 00 00 00",
  nom_enseigne: "Recharge Exemple",
};

const point = {
  gratuit: false,
  paiement_acte: true,
  paiement_cb: true,
  paiement_autre: false,
  tarification: "0,45 € par kWh",
  condition_acces: "Accès libre",
  reservation: false,
  horaires: "24/7",
  accessibilite_pmr: "Accessible mais non réservé PMR",
  restriction_gabarit: "Hauteur maximale 2,10 m",
  station_deux_roues: false,
  observations: null,
  date_maj: "2026-03-02",
  cable_t2_attache: true,
};

const lyon = {
  ...developer,
  id_station_itinerance: "FRXYZP0001",
  id_station_local: "LYON-01",
  nom_station: "Parking Bellecour",
  implantation_station: "Parking public",
  adresse_station: "Place Bellecour, 69002 Lyon",
  code_insee_commune: "69382",
  coordonneesXY: "[4.832, 45.7578]",
  nbre_pdc: 2,
  raccordement: "Direct",
  num_pdl: "24512345678901",
  date_mise_en_service: "2025-06-15",
};

const bordeaux = {
  ...developer,
  id_station_itinerance: "FRXYZP0002",
  id_station_local: "BDX-01",
  nom_station: "Quai des Chartrons",
  implantation_station: "Voirie",
  adresse_station: "Quai des Chartrons, 33000 Bordeaux",
  code_insee_commune: "33063",
  coordonneesXY: "[-0.5698, 44.8519]",
  nbre_pdc: 1,
  raccordement: "Indirect",
  num_pdl: null,
  date_mise_en_service: "2025-09-01",
};

const plugs = (ac: boolean) => ({ prise_type_ef: false, prise_type_2: ac, prise_type_combo_ccs: !ac, prise_type_chademo: false, prise_type_autre: false });

/** Three points: two DC 150 kW points in Lyon, one AC 22 kW point in Bordeaux. */
export const statiqueExamples = [
  { ...lyon, id_pdc_itinerance: "FRXYZE0001", id_pdc_local: "LYON-01-A", puissance_nominale: 150, ...plugs(false), ...point },
  { ...lyon, id_pdc_itinerance: "FRXYZE0002", id_pdc_local: "LYON-01-B", puissance_nominale: 150, ...plugs(false), ...point },
  { ...bordeaux, id_pdc_itinerance: "FRXYZE0003", id_pdc_local: "BDX-01-A", puissance_nominale: 22, ...plugs(true), ...point },
];

export const statusExamples = [
  {
    id_pdc_itinerance: "FRXYZE0001",
    etat_pdc: "en_service",
    occupation_pdc: "occupe",
    horodatage: "2026-03-02T08:15:00+01:00",
    etat_prise_type_2: null,
    etat_prise_type_combo_ccs: "fonctionnel",
    etat_prise_type_chademo: null,
    etat_prise_type_ef: null,
  },
  {
    id_pdc_itinerance: "FRXYZE0003",
    etat_pdc: "hors_service",
    occupation_pdc: "inconnu",
    horodatage: "2026-03-02T08:20:00+01:00",
    etat_prise_type_2: "hors_service",
  },
];

export const sessionExamples = [
  { id_pdc_itinerance: "FRXYZE0001", start: "2026-03-02T08:15:00+01:00", end: "2026-03-02T08:52:00+01:00", energy: 41.7 },
  { id_pdc_itinerance: "FRXYZE0003", start: "2026-03-01T18:30:00+01:00", end: "2026-03-01T21:05:00+01:00", energy: 17.2 },
];

export const UUID_EXAMPLES = ["6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f", "0d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70"];

export const whoamiExample = {
  username: "supervision-xyz",
  email: "supervision@operateur-exemple.fr",
  first_name: "Camille",
  last_name: "Martin",
  is_active: true,
  is_staff: false,
  is_superuser: false,
  scopes: ["static:create", "static:read", "static:update", "dynamic:create", "dynamic:read"],
  groups: ["operateur-exemple"],
  operational_units: [EXAMPLE_UNIT],
};

export const tokenExample = {
  access_token: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI…",
  token_type: "bearer",
};

export const stationWithPdlExample = [
  { id_station_itinerance: "FRXYZP0001", nom_station: "Parking Bellecour", num_pdl: "24512345678901", updated_at: "2026-03-02T09:00:00+00:00" },
];

/** A page of two items out of three (offset 0, limit 2). */
export const statiquePageExample = {
  limit: 2,
  offset: 0,
  total: 3,
  size: 2,
  previous: null,
  next: "https://portail.example.fr/api/v1/statique/?limit=2&offset=2",
  items: statiqueExamples.slice(0, 2),
};
