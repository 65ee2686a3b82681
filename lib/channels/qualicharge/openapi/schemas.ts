// JSON Schemas (2020-12, OpenAPI 3.1's dialect) of the QualiCharge API's bodies and answers, as
// ../shared/docs/QUALICHARGE.md describes them and QualiCharge's models (api/qualicharge/models/
// static.py, dynamic.py) name them. Descriptions are in French (the portal's documentation page);
// field names, enumerations and error messages are QualiCharge's.

type JsonSchema = Record<string, unknown>;
export const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

const STATION_ID = "^FR[A-Z0-9]{3}P[A-Z0-9]{1,29}$";
const PDC_ID = "^FR[A-Z0-9]{3}E[A-Z0-9]{1,29}$";
const trimmed = (description: string): JsonSchema => ({ type: "string", minLength: 1, description });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: "null" }] });
const bool = (description: string): JsonSchema => ({ type: "boolean", description });
const connectorState = (plug: string): JsonSchema =>
  nullable({ type: "string", enum: ["fonctionnel", "hors_service", "inconnu"], description: `État de la prise ${plug}` });

export const ID_PDC_ITINERANCE: JsonSchema = {
  type: "string",
  pattern: PDC_ID,
  description: "Identifiant eMI3 du point de recharge ; ses 5 premiers caractères (préfixe AFIREV) désignent l'unité opérationnelle",
  examples: ["FRXYZE0001"],
};

const statique: JsonSchema = {
  type: "object",
  description:
    "Un point de recharge et sa station (schéma IRVE statique aplati, une ligne par point). Les textes sont rognés ; " +
    "id_station_itinerance et id_pdc_itinerance partagent leurs 5 premiers caractères.",
  properties: {
    nom_amenageur: trimmed("Nom de l'aménageur"),
    siren_amenageur: { type: "string", pattern: "^(?!000000000)\\d{9}$", description: "SIREN de l'aménageur : 9 chiffres, clé de Luhn valide" },
    contact_amenageur: { type: "string", format: "email", description: "Adresse e-mail de l'aménageur" },
    nom_operateur: trimmed("Nom de l'opérateur"),
    contact_operateur: { type: "string", format: "email", description: "Adresse e-mail de l'opérateur" },
    telephone_operateur: { type: "string", description: "Numéro de téléphone français de l'opérateur" },
    nom_enseigne: trimmed("Enseigne"),
    id_station_itinerance: { anyOf: [{ type: "string", pattern: STATION_ID }, { const: "Non concerné" }], description: "Identifiant eMI3 de la station" },
    id_station_local: nullable({ type: "string", description: "Identifiant local de la station" }),
    nom_station: trimmed("Nom de la station"),
    implantation_station: {
      type: "string",
      enum: ["Voirie", "Parking public", "Parking privé à usage public", "Parking privé réservé à la clientèle", "Station dédiée à la recharge rapide"],
    },
    adresse_station: trimmed("Adresse de la station (une coordonnée, une adresse)"),
    code_insee_commune: { type: "string", pattern: "^([013-9]\\d|2[AB1-9])\\d{3}$", description: "Code INSEE de la commune" },
    coordonneesXY: {
      type: "string",
      pattern: "^\\[\\s*-?\\d+(\\.\\d+)?\\s*,\\s*-?\\d+(\\.\\d+)?\\s*\\]$",
      description: "« [longitude, latitude] », en France (métropole, Corse, les cinq DROM)",
    },
    nbre_pdc: { type: "integer", minimum: 1, description: "Nombre de points de recharge de la station" },
    id_pdc_itinerance: ID_PDC_ITINERANCE,
    id_pdc_local: nullable({ type: "string", description: "Identifiant local du point" }),
    puissance_nominale: { type: "number", minimum: 1.3, maximum: 4000, description: "Puissance nominale du point, en kW" },
    prise_type_ef: bool("Prise domestique E/F"),
    prise_type_2: bool("Prise type 2"),
    prise_type_combo_ccs: bool("Prise Combo CCS"),
    prise_type_chademo: bool("Prise CHAdeMO"),
    prise_type_autre: bool("Autre prise"),
    gratuit: nullable(bool("Recharge gratuite")),
    paiement_acte: bool("Paiement à l'acte possible"),
    paiement_cb: nullable(bool("Paiement par carte bancaire")),
    paiement_autre: nullable(bool("Autre moyen de paiement")),
    tarification: nullable({ type: "string" }),
    condition_acces: { type: "string", enum: ["Accès libre", "Accès réservé"] },
    reservation: bool("Réservation possible"),
    horaires: {
      type: "string",
      pattern: "(\\d{1,2}:\\d{2})-(\\d{1,2}:\\d{2})|24/7",
      description: "Horaires d'ouverture, p. ex. « 24/7 » ou « Mo-Fr 08:00-19:00 »",
    },
    accessibilite_pmr: { type: "string", enum: ["Réservé PMR", "Accessible mais non réservé PMR", "Non accessible", "Accessibilité inconnue"] },
    restriction_gabarit: { type: "string", minLength: 2, description: "Restriction de gabarit" },
    station_deux_roues: bool("Station réservée aux deux-roues"),
    raccordement: { type: "string", enum: ["Direct", "Indirect"] },
    num_pdl: nullable({
      type: "string",
      maxLength: 64,
      description: "Point de livraison Enedis : présent (éventuellement null), non vide en raccordement direct",
    }),
    date_mise_en_service: nullable({ type: "string", format: "date", description: "Pas dans le futur" }),
    observations: nullable({ type: "string" }),
    date_maj: { type: "string", format: "date", description: "Date de mise à jour ; pas dans le futur" },
    cable_t2_attache: nullable(bool("Câble type 2 attaché")),
  },
  required: [
    "nom_amenageur",
    "siren_amenageur",
    "contact_amenageur",
    "nom_operateur",
    "contact_operateur",
    "telephone_operateur",
    "nom_enseigne",
    "id_station_itinerance",
    "nom_station",
    "implantation_station",
    "adresse_station",
    "code_insee_commune",
    "coordonneesXY",
    "nbre_pdc",
    "id_pdc_itinerance",
    "puissance_nominale",
    "prise_type_ef",
    "prise_type_2",
    "prise_type_combo_ccs",
    "prise_type_chademo",
    "prise_type_autre",
    "paiement_acte",
    "condition_acces",
    "reservation",
    "horaires",
    "accessibilite_pmr",
    "restriction_gabarit",
    "station_deux_roues",
    "raccordement",
    "num_pdl",
    "date_maj",
  ],
};

const status: JsonSchema = {
  type: "object",
  description: "Un état d'un point de recharge à un instant (horodatage avec fuseau, pas dans le futur, 24 h au plus)",
  properties: {
    id_pdc_itinerance: ID_PDC_ITINERANCE,
    etat_pdc: { type: "string", enum: ["en_service", "hors_service", "inconnu"] },
    occupation_pdc: { type: "string", enum: ["libre", "occupe", "reserve", "inconnu"] },
    horodatage: { type: "string", format: "date-time", description: "Instant de l'état, avec son fuseau horaire" },
    etat_prise_type_2: connectorState("type 2"),
    etat_prise_type_combo_ccs: connectorState("Combo CCS"),
    etat_prise_type_chademo: connectorState("CHAdeMO"),
    etat_prise_type_ef: connectorState("E/F"),
  },
  required: ["id_pdc_itinerance", "etat_pdc", "occupation_pdc", "horodatage"],
};

const session: JsonSchema = {
  type: "object",
  description: "Une session de recharge : début et fin avec fuseau, pas dans le futur, début de moins de 365 jours, 7 jours au plus, énergie en kWh",
  properties: {
    id_pdc_itinerance: ID_PDC_ITINERANCE,
    start: { type: "string", format: "date-time" },
    end: { type: "string", format: "date-time" },
    energy: { type: "number", minimum: 0, maximum: 1000, description: "Énergie délivrée, en kWh" },
  },
  required: ["id_pdc_itinerance", "start", "end", "energy"],
};

const page = (item: string): JsonSchema => ({
  type: "object",
  description: "Une page de la liste : next et previous sont des URL absolues (offset en dernier), null en bout de liste",
  properties: {
    limit: { type: "integer", minimum: 0, maximum: 100 },
    offset: { type: "integer", minimum: 0 },
    total: { type: "integer", minimum: 0 },
    size: { type: "integer", minimum: 0 },
    previous: nullable({ type: "string", format: "uri" }),
    next: nullable({ type: "string", format: "uri" }),
    items: { type: "array", items: ref(item) },
  },
  required: ["limit", "offset", "total", "size", "previous", "next", "items"],
});

const detail = (description: string): JsonSchema => ({
  type: "object",
  description,
  properties: { detail: { type: "string" } },
  required: ["detail"],
});

export const qualichargeSchemas: Record<string, JsonSchema> = {
  Statique: statique,
  StatiquePage: page("Statique"),
  StatiqueItemsCreated: {
    type: "object",
    properties: { message: { const: "Statique items created" }, items: { type: "array", items: { type: "string" } }, size: { type: "integer", minimum: 0 } },
    required: ["message", "items", "size"],
  },
  Status: status,
  Session: session,
  DynamiqueItemCreated: { type: "object", properties: { id: { type: "string", format: "uuid" } }, required: ["id"] },
  DynamiqueItemsCreated: {
    type: "object",
    properties: { size: { type: "integer", minimum: 1 }, items: { type: "array", items: { type: "string", format: "uuid" } } },
    required: ["size", "items"],
  },
  TokenRequest: {
    type: "object",
    description: "Formulaire OAuth2 « password » (application/x-www-form-urlencoded)",
    properties: {
      grant_type: { type: "string", pattern: "^password$" },
      username: { type: "string" },
      password: { type: "string", format: "password" },
      scope: { type: "string", default: "" },
      client_id: nullable({ type: "string" }),
      client_secret: nullable({ type: "string" }),
    },
    required: ["username", "password"],
  },
  Token: {
    type: "object",
    properties: { access_token: { type: "string", description: "JWT valable 30 minutes" }, token_type: { const: "bearer" } },
    required: ["access_token", "token_type"],
  },
  WhoAmI: {
    type: "object",
    properties: {
      username: { type: "string" },
      email: { type: "string", format: "email" },
      first_name: { type: "string" },
      last_name: { type: "string" },
      is_active: { type: "boolean" },
      is_staff: { type: "boolean" },
      is_superuser: { type: "boolean" },
      scopes: { type: "array", items: { type: "string" } },
      groups: { type: "array", items: { type: "string" } },
      operational_units: {
        type: "array",
        items: { type: "string", pattern: "^FR[A-Z0-9]{3}$" },
        description: "Codes des unités opérationnelles (préfixes AFIREV)",
      },
    },
    required: ["username", "email", "is_active", "is_superuser", "scopes", "groups", "operational_units"],
  },
  StationWithPdl: {
    type: "object",
    properties: {
      id_station_itinerance: { type: "string" },
      nom_station: { type: "string" },
      num_pdl: { type: "string" },
      updated_at: { type: "string", format: "date-time" },
    },
    required: ["id_station_itinerance", "nom_station", "num_pdl", "updated_at"],
  },
  NotAuthenticated: { type: "object", properties: { detail: { const: "Not authenticated" } }, required: ["detail"] },
  AuthenticationFailed: {
    type: "object",
    properties: { message: { type: "string", pattern: "^Authentication failed: " } },
    required: ["message"],
  },
  InsufficientPermissions: {
    type: "object",
    description: "Portée manquante ou point hors des unités opérationnelles de l'utilisateur (orthographe de QualiCharge)",
    properties: { message: { type: "string", pattern: "^Unsufficient permissions: " } },
    required: ["message"],
  },
  ValidationError: {
    type: "object",
    properties: { detail: { type: "array", items: ref("ValidationDetail") } },
    required: ["detail"],
  },
  ValidationDetail: {
    type: "object",
    description: 'Une erreur de validation : loc vaut ["body", champ], dans un envoi groupé ["body", rang, champ], ou ["query", paramètre]',
    properties: {
      type: { type: "string" },
      loc: { type: "array", items: { type: ["string", "integer"] } },
      msg: { type: "string" },
      input: {},
    },
    required: ["type", "loc", "msg"],
  },
  DetailError: detail("Autre erreur : un texte en anglais, celui de QualiCharge"),
};
