import { sql } from "@/lib/platform/db/sql";
import type { DataQualityRule } from "@/lib/data-quality/rule";

// Static data (QualiCharge's statique, stored in charge_point.irve and its columns), per
// operational unit: the points declared and not decommissioned at the day's end. Rules on the
// IRVE fields read the points that have static data (irve not null); a point only known from an
// ADVENIR dossier has none. Rows are points, except S6 and S7 (stations).

const IRVE = (field: string) => sql`coalesce(trim(p.irve ->> ${field}), '')`;

/** The points of the units with static data, as rows of a rule. */
const pointRows = (detail: ReturnType<typeof sql>, breaks: ReturnType<typeof sql>, where = sql`p.irve IS NOT NULL`) =>
  sql`SELECT 'unit' AS scope_kind, p.scope_code, p.operator_id, p.id_pdc AS ref, NULL::timestamptz AS at, ${detail} AS detail, ${breaks} AS breaks
        FROM dq_points p WHERE ${where}`;

// Luhn's check of a 9-digit SIREN: from the right, every second digit doubled (its digits summed).
const SIREN_OK = sql`(${IRVE("siren_amenageur")} ~ '^[0-9]{9}$' AND ${IRVE("siren_amenageur")} <> '000000000'
  AND (SELECT sum(CASE WHEN i % 2 = 0 THEN (substr(${IRVE("siren_amenageur")}, i, 1)::int * 2) / 10 + (substr(${IRVE("siren_amenageur")}, i, 1)::int * 2) % 10
                       ELSE substr(${IRVE("siren_amenageur")}, i, 1)::int END)
         FROM generate_series(1, 9) AS i) % 10 = 0)`;

const IS_DC = sql`(p.power_kw >= 50 OR ${IRVE("prise_type_combo_ccs")} = 'true' OR ${IRVE("prise_type_chademo")} = 'true')`;

export const STATIC_RULES: readonly DataQualityRule[] = [
  {
    code: "S1",
    family: "static",
    label: "Puissance nominale hors limites",
    explanation:
      "La puissance nominale du point est inférieure ou égale à 1,3 kW ou supérieure ou égale à 4 000 kW : elle est presque toujours saisie dans la mauvaise unité (W au lieu de kW).",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () => pointRows(sql`'puissance_nominale = ' || p.power_kw || ' kW'`, sql`(p.power_kw <= 1.3 OR p.power_kw >= 4000)`, sql`true`),
  },
  {
    code: "S2",
    family: "static",
    label: "Aménageur ou opérateur non renseigné",
    explanation: "Le nom de l'aménageur (nom_amenageur) ou celui de l'opérateur (nom_operateur) est vide : le point ne peut être rattaché à personne.",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () =>
      pointRows(
        sql`CASE WHEN ${IRVE("nom_amenageur")} = '' THEN 'nom_amenageur vide' ELSE 'nom_operateur vide' END`,
        sql`(${IRVE("nom_amenageur")} = '' OR ${IRVE("nom_operateur")} = '')`,
      ),
  },
  {
    code: "S3",
    family: "static",
    label: "SIREN de l'aménageur invalide",
    explanation: "Le SIREN de l'aménageur n'a pas 9 chiffres, ne respecte pas la clé de Luhn ou ne contient que des zéros.",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () => pointRows(sql`'siren_amenageur = « ' || ${IRVE("siren_amenageur")} || ' »'`, sql`NOT ${SIREN_OK}`),
  },
  {
    code: "S4",
    family: "static",
    label: "Coordonnées hors de la métropole",
    explanation:
      "Pour un point de métropole (code INSEE hors 97…), les coordonnées sont absentes ou hors du cadre longitude −5 à 10, latitude 41 à 52 : souvent la longitude et la latitude inversées.",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () =>
      pointRows(
        sql`'coordonnées [' || coalesce(p.lon::text, '?') || ', ' || coalesce(p.lat::text, '?') || ']'`,
        sql`(p.lon IS NULL OR p.lat IS NULL OR p.lon NOT BETWEEN -5 AND 10 OR p.lat NOT BETWEEN 41 AND 52)`,
        sql`p.irve IS NOT NULL AND ${IRVE("code_insee_commune")} NOT LIKE '97%'`,
      ),
  },
  {
    code: "S5",
    family: "static",
    label: "Identifiants mal formés",
    explanation:
      "L'identifiant du point (FRxxxE…) ou de sa station (FRxxxP…) ne suit pas le format AFIREV, ou les deux ne commencent pas par les mêmes 5 caractères.",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () =>
      pointRows(
        sql`p.id_pdc || ' / station ' || ${IRVE("id_station_itinerance")}`,
        sql`NOT (p.id_pdc ~ '^FR[A-Z0-9]{3}E[A-Z0-9]{1,29}$'
                 AND (${IRVE("id_station_itinerance")} = 'Non concerné'
                      OR (${IRVE("id_station_itinerance")} ~ '^FR[A-Z0-9]{3}P[A-Z0-9]{1,29}$'
                          AND left(${IRVE("id_station_itinerance")}, 5) = left(p.id_pdc, 5))))`,
      ),
  },
  {
    code: "S6",
    family: "static",
    label: "Plus de 50 points par station",
    explanation: "Une station déclare plus de 50 points de charge : il s'agit en général de plusieurs stations regroupées sous un même identifiant.",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () =>
      sql`SELECT 'unit' AS scope_kind, p.scope_code, p.operator_id, min(p.station_code) AS ref, NULL::timestamptz AS at,
                 count(*) || ' points' AS detail, count(*) > 50 AS breaks
            FROM dq_points p GROUP BY p.scope_code, p.operator_id, p.station_id`,
  },
  {
    code: "S7",
    family: "static",
    label: "Moins de points que nbre_pdc",
    explanation: "La station annonce dans nbre_pdc plus de points qu'elle n'en a de déclarés : des points manquent dans les données statiques.",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () =>
      sql`SELECT 'unit' AS scope_kind, p.scope_code, p.operator_id, min(p.station_code) AS ref, NULL::timestamptz AS at,
                 count(*) || ' point(s) déclaré(s) pour nbre_pdc = ' || max(n.nbre) AS detail, count(*) < max(n.nbre) AS breaks
            FROM dq_points p
            CROSS JOIN LATERAL (SELECT CASE WHEN ${IRVE("nbre_pdc")} ~ '^[0-9]{1,6}$' THEN ${IRVE("nbre_pdc")}::int END AS nbre) n
           WHERE p.irve IS NOT NULL
           GROUP BY p.scope_code, p.operator_id, p.station_id
          HAVING max(n.nbre) IS NOT NULL`,
  },
  {
    code: "S8",
    family: "static",
    label: "Code INSEE inconnu",
    explanation:
      "Le code INSEE de la commune (code_insee_commune) n'est pas celui d'une commune du référentiel : le point ne peut être placé dans son territoire.",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () =>
      pointRows(
        sql`'code_insee_commune = « ' || ${IRVE("code_insee_commune")} || ' »'`,
        sql`NOT EXISTS (SELECT 1 FROM commune c WHERE c.insee_code = ${IRVE("code_insee_commune")})`,
      ),
  },
  {
    code: "S9",
    family: "static",
    label: "Plusieurs adresses pour une coordonnée",
    explanation: "Des points de l'unité aux mêmes coordonnées (coordonneesXY) déclarent des adresses différentes : une des deux est fausse.",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () =>
      sql`SELECT 'unit' AS scope_kind, p.scope_code, p.operator_id, p.id_pdc AS ref, NULL::timestamptz AS at,
                 ${IRVE("coordonneesXY")} || ' : ' || a.addresses || ' adresses' AS detail, a.addresses > 1 AS breaks
            FROM dq_points p
            JOIN (SELECT p.scope_code, ${IRVE("coordonneesXY")} AS xy, count(DISTINCT lower(${IRVE("adresse_station")})) AS addresses
                    FROM dq_points p WHERE p.irve IS NOT NULL GROUP BY 1, 2) a
              ON a.scope_code = p.scope_code AND a.xy = ${IRVE("coordonneesXY")}
           WHERE p.irve IS NOT NULL AND ${IRVE("coordonneesXY")} <> ''`,
  },
  {
    code: "S10",
    family: "static",
    label: "Point DC raccordé en direct sans PDL valide",
    explanation:
      "Un point en courant continu (50 kW et plus, ou prise CCS ou CHAdeMO) raccordé en direct au réseau n'a pas de numéro de PDL valide (14 chiffres) : son énergie ne peut être rapprochée du compteur.",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () =>
      pointRows(
        sql`'num_pdl = « ' || ${IRVE("num_pdl")} || ' »'`,
        sql`${IRVE("num_pdl")} !~ '^[0-9]{14}$'`,
        sql`p.irve IS NOT NULL AND ${IRVE("raccordement")} = 'Direct' AND ${IS_DC}`,
      ),
  },
  {
    code: "S11",
    family: "static",
    label: "PDL qui n'a pas 14 chiffres",
    explanation: "Le numéro de point de livraison (num_pdl) renseigné n'est pas fait de 14 chiffres.",
    tolerance: "0.1",
    scopes: ["unit"],
    rows: () =>
      pointRows(
        sql`'num_pdl = « ' || ${IRVE("num_pdl")} || ' »'`,
        sql`${IRVE("num_pdl")} !~ '^[0-9]{14}$'`,
        sql`p.irve IS NOT NULL AND ${IRVE("num_pdl")} <> ''`,
      ),
  },
];
