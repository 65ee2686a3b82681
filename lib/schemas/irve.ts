import { z } from "zod";
import {
  EMAIL,
  EMI3_POINT,
  EMI3_STATION,
  HORAIRES,
  INSEE_CODE,
  PDL,
  emi3Prefix,
  parseBoolean,
  parseCoordinates,
  territoryOf,
} from "@/lib/schemas/irve-validators";

// One charge point in the national IRVE static schema v2.3.0 (40 fields), read from text (CSV
// cells or form inputs). Every error carries the schema's column name as its path.

export const IRVE_COLUMNS = [
  "nom_amenageur",
  "siren_amenageur",
  "contact_amenageur",
  "nom_operateur",
  "contact_operateur",
  "telephone_operateur",
  "nom_enseigne",
  "id_station_itinerance",
  "id_station_local",
  "nom_station",
  "implantation_station",
  "adresse_station",
  "code_insee_commune",
  "coordonneesXY",
  "nbre_pdc",
  "id_pdc_itinerance",
  "id_pdc_local",
  "puissance_nominale",
  "prise_type_ef",
  "prise_type_2",
  "prise_type_combo_ccs",
  "prise_type_chademo",
  "prise_type_autre",
  "gratuit",
  "paiement_acte",
  "paiement_cb",
  "paiement_autre",
  "tarification",
  "condition_acces",
  "reservation",
  "horaires",
  "accessibilite_pmr",
  "restriction_gabarit",
  "station_deux_roues",
  "raccordement",
  "num_pdl",
  "date_mise_en_service",
  "observations",
  "date_maj",
  "cable_t2_attache",
] as const;

export type IrveColumn = (typeof IRVE_COLUMNS)[number];

export const IMPLANTATIONS = [
  "Voirie",
  "Parking public",
  "Parking privé à usage public",
  "Parking privé réservé à la clientèle",
  "Station dédiée à la recharge rapide",
] as const;
export const CONDITIONS_ACCES = ["Accès libre", "Accès réservé"] as const;
export const ACCESSIBILITES_PMR = ["Réservé PMR", "Accessible mais non réservé PMR", "Non accessible", "Accessibilité inconnue"] as const;
export const RACCORDEMENTS = ["Direct", "Indirect"] as const;

/** Each column's label in the portal's form, used in every message (form and CSV report). */
export const IRVE_LABELS: Record<IrveColumn, string> = {
  nom_amenageur: "Nom de l'aménageur",
  siren_amenageur: "SIREN de l'aménageur",
  contact_amenageur: "Contact de l'aménageur",
  nom_operateur: "Nom de l'opérateur",
  contact_operateur: "Contact de l'opérateur",
  telephone_operateur: "Téléphone de l'opérateur",
  nom_enseigne: "Enseigne",
  id_station_itinerance: "Identifiant eMI3 de la station",
  id_station_local: "Identifiant local de la station",
  nom_station: "Nom de la station",
  implantation_station: "Implantation",
  adresse_station: "Adresse",
  code_insee_commune: "Code INSEE de la commune",
  coordonneesXY: "Coordonnées [longitude, latitude]",
  nbre_pdc: "Nombre de points de charge de la station",
  id_pdc_itinerance: "Identifiant eMI3 du point de charge",
  id_pdc_local: "Identifiant local du point",
  puissance_nominale: "Puissance nominale (kW)",
  prise_type_ef: "Prise type E/F",
  prise_type_2: "Prise type 2",
  prise_type_combo_ccs: "Prise Combo CCS",
  prise_type_chademo: "Prise CHAdeMO",
  prise_type_autre: "Autre prise",
  gratuit: "Gratuit",
  paiement_acte: "Paiement à l'acte",
  paiement_cb: "Paiement par carte bancaire",
  paiement_autre: "Autre paiement",
  tarification: "Tarification",
  condition_acces: "Condition d'accès",
  reservation: "Réservation possible",
  horaires: "Horaires",
  accessibilite_pmr: "Accessibilité PMR",
  restriction_gabarit: "Restriction de gabarit",
  station_deux_roues: "Station pour deux-roues",
  raccordement: "Raccordement",
  num_pdl: "Numéro de PDL",
  date_mise_en_service: "Date de mise en service",
  observations: "Observations",
  date_maj: "Date de mise à jour",
  cable_t2_attache: "Câble T2 attaché",
};

const L = IRVE_LABELS;

const text = (c: IrveColumn) => z.string({ error: `${L[c]} : texte attendu` }).trim();
const required = (c: IrveColumn) => text(c).min(1, { error: `${L[c]} est obligatoire` });
const optional = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined));

const emailCheck = (c: IrveColumn) =>
  [(v: string | undefined) => !v || EMAIL.test(v), { error: `${L[c]} : adresse e-mail attendue (exemple : contact@operateur.fr)` }] as const;
const email = (c: IrveColumn, isRequired: boolean) => (isRequired ? required(c).refine(...emailCheck(c)) : optional().refine(...emailCheck(c)));

const bool = (c: IrveColumn, isRequired: boolean) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (isRequired) ctx.addIssue({ code: "custom", message: `${L[c]} est obligatoire : Oui ou Non` });
        return undefined;
      }
      const b = parseBoolean(v);
      if (b === null) ctx.addIssue({ code: "custom", message: `${L[c]} : « ${v} » n'est ni Oui ni Non` });
      return b ?? undefined;
    });

const oneOf = <T extends readonly string[]>(c: IrveColumn, values: T, isRequired = true) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (isRequired) ctx.addIssue({ code: "custom", message: `${L[c]} est obligatoire : choisissez une valeur dans la liste` });
        return undefined;
      }
      if (!(values as readonly string[]).includes(v))
        ctx.addIssue({ code: "custom", message: `${L[c]} : « ${v} » n'est pas une valeur admise (valeurs possibles : ${values.join(" ; ")})` });
      return v as T[number];
    });

const isoDate = (c: IrveColumn, isRequired: boolean) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (isRequired) ctx.addIssue({ code: "custom", message: `${L[c]} est obligatoire` });
        return undefined;
      }
      const d = new Date(`${v}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v)
        ctx.addIssue({ code: "custom", message: `${L[c]} : « ${v} » n'est pas une date valide (AAAA-MM-JJ dans un fichier)` });
      return v;
    });

export interface IrveSchemaOptions {
  /** Today in Paris ("AAAA-MM-JJ"): dates after it are refused. */
  today: string;
  /** Whether an INSEE code exists in the official list (server side: lib/dossiers/commune-codes.ts). */
  isKnownCommune?: (code: string) => boolean;
}

export function irveRowSchema(options: IrveSchemaOptions) {
  return (
    z
      .object({
        nom_amenageur: optional(),
        siren_amenageur: optional().refine((v) => !v || /^\d{9}$/.test(v), { error: `${L.siren_amenageur} : 9 chiffres attendus` }),
        contact_amenageur: email("contact_amenageur", false),
        nom_operateur: optional(),
        contact_operateur: email("contact_operateur", true),
        telephone_operateur: optional(),
        nom_enseigne: required("nom_enseigne"),
        id_station_itinerance: required("id_station_itinerance").refine((v) => EMI3_STATION.test(v), {
          error: `${L.id_station_itinerance} : FR, les 3 caractères AFIREV de l'opérateur, P puis l'identifiant, sans séparateur (par exemple FRA68P68021001 ; « Non concerné » n'est pas admis pour la collecte)`,
        }),
        id_station_local: optional(),
        nom_station: required("nom_station"),
        implantation_station: oneOf("implantation_station", IMPLANTATIONS),
        adresse_station: required("adresse_station"),
        code_insee_commune: optional()
          .refine((v) => !v || INSEE_CODE.test(v), {
            error: `${L.code_insee_commune} : 5 caractères attendus, par exemple 75056 ou 2A004 (ce n'est pas le code postal)`,
          })
          .refine((v) => !v || !INSEE_CODE.test(v) || !options.isKnownCommune || options.isKnownCommune(v), {
            error: `${L.code_insee_commune} : ce code n'existe pas dans le code officiel géographique (vérifiez : ce n'est pas le code postal ; Paris 1er est 75101)`,
          }),
        coordonneesXY: required("coordonneesXY").transform((v, ctx) => {
          const c = parseCoordinates(v);
          if (!c) {
            ctx.addIssue({ code: "custom", message: `${L.coordonneesXY} : format [longitude, latitude] attendu, par exemple [2.35, 48.85]` });
            return z.NEVER;
          }
          if (!territoryOf(c.lon, c.lat)) {
            ctx.addIssue({
              code: "custom",
              message: `${L.coordonneesXY} : le point [${c.lon}, ${c.lat}] n'est pas en France (longitude et latitude inversées ?)`,
            });
            return z.NEVER;
          }
          return c;
        }),
        nbre_pdc: required("nbre_pdc").pipe(
          z.coerce
            .number<string>({ error: `${L.nbre_pdc} : nombre entier attendu` })
            .int({ error: `${L.nbre_pdc} : nombre entier attendu` })
            .min(1, { error: `${L.nbre_pdc} : au moins 1` }),
        ),
        id_pdc_itinerance: required("id_pdc_itinerance").refine((v) => EMI3_POINT.test(v), {
          error: `${L.id_pdc_itinerance} : FR, les 3 caractères AFIREV de l'opérateur, E puis l'identifiant, sans séparateur (par exemple FRA68E680210015 ; « Non concerné » n'est pas admis pour la collecte)`,
        }),
        id_pdc_local: optional(),
        puissance_nominale: required("puissance_nominale").pipe(
          z.coerce
            .number<string>({ error: `${L.puissance_nominale} : nombre attendu, par exemple 22` })
            .positive({ error: `${L.puissance_nominale} : doit être supérieure à 0 kW` })
            .max(1000, { error: `${L.puissance_nominale} : au plus 1 000 kW (valeur en kW, pas en W ?)` }),
        ),
        prise_type_ef: bool("prise_type_ef", true),
        prise_type_2: bool("prise_type_2", true),
        prise_type_combo_ccs: bool("prise_type_combo_ccs", true),
        prise_type_chademo: bool("prise_type_chademo", true),
        prise_type_autre: bool("prise_type_autre", true),
        gratuit: bool("gratuit", false),
        paiement_acte: bool("paiement_acte", true),
        paiement_cb: bool("paiement_cb", false),
        paiement_autre: bool("paiement_autre", false),
        tarification: optional(),
        condition_acces: oneOf("condition_acces", CONDITIONS_ACCES),
        reservation: bool("reservation", true),
        horaires: required("horaires").refine((v) => HORAIRES.test(v), {
          error: `${L.horaires} : « 24/7 » ou des plages comme « Mo-Fr 08:00-18:00 » attendues`,
        }),
        accessibilite_pmr: oneOf("accessibilite_pmr", ACCESSIBILITES_PMR),
        restriction_gabarit: required("restriction_gabarit"),
        station_deux_roues: bool("station_deux_roues", true),
        raccordement: oneOf("raccordement", RACCORDEMENTS, false),
        num_pdl: optional().refine((v) => !v || PDL.test(v), { error: `${L.num_pdl} : 14 chiffres attendus` }),
        date_mise_en_service: isoDate("date_mise_en_service", false),
        observations: optional(),
        date_maj: isoDate("date_maj", true),
        cable_t2_attache: bool("cable_t2_attache", false),
      })
      // Cross-field checks run even when other columns are wrong (`when`), so a form or an import
      // shows every error at once; each runs only once the columns it compares are valid, so it
      // never adds a second message to a column already in error.
      .superRefine(
        (row, ctx) => {
          const valid = (...columns: string[]) => !ctx.issues.some((i) => columns.includes(String(i.path?.[0])));
          if (
            valid("id_station_itinerance", "id_pdc_itinerance") &&
            row.id_station_itinerance &&
            row.id_pdc_itinerance &&
            emi3Prefix(row.id_station_itinerance) !== emi3Prefix(row.id_pdc_itinerance)
          )
            ctx.addIssue({
              code: "custom",
              path: ["id_pdc_itinerance"],
              message: `${L.id_pdc_itinerance} : il doit commencer comme celui de la station (${emi3Prefix(row.id_station_itinerance)}), pas par ${emi3Prefix(row.id_pdc_itinerance)}`,
            });
          if (valid("raccordement", "num_pdl") && row.raccordement === "Direct" && !row.num_pdl)
            ctx.addIssue({ code: "custom", path: ["num_pdl"], message: `${L.num_pdl} est obligatoire quand le raccordement est direct` });
          if (valid("date_mise_en_service") && row.date_mise_en_service && row.date_mise_en_service > options.today)
            ctx.addIssue({ code: "custom", path: ["date_mise_en_service"], message: `${L.date_mise_en_service} ne peut pas être dans le futur` });
          if (valid("date_maj") && row.date_maj && row.date_maj > options.today)
            ctx.addIssue({ code: "custom", path: ["date_maj"], message: `${L.date_maj} ne peut pas être dans le futur` });
        },
        { when: () => true },
      )
  );
}

export type IrveRow = z.output<ReturnType<typeof irveRowSchema>>;
export type IrveRowInput = Partial<Record<IrveColumn, string>>;
