import { z } from "zod";
import {
  EMI3_POINT, EMI3_STATION, HORAIRES, INSEE_CODE, PDL, emi3Prefix, parseBoolean, parseCoordinates, territoryOf,
} from "@/lib/irve/validators";

// One charge point in the national IRVE static schema v2.3.0 (40 fields), read from text (CSV
// cells or form inputs). Every error carries the schema's column name as its path.

export const IRVE_COLUMNS = [
  "nom_amenageur", "siren_amenageur", "contact_amenageur", "nom_operateur", "contact_operateur",
  "telephone_operateur", "nom_enseigne", "id_station_itinerance", "id_station_local", "nom_station",
  "implantation_station", "adresse_station", "code_insee_commune", "coordonneesXY", "nbre_pdc",
  "id_pdc_itinerance", "id_pdc_local", "puissance_nominale", "prise_type_ef", "prise_type_2",
  "prise_type_combo_ccs", "prise_type_chademo", "prise_type_autre", "gratuit", "paiement_acte",
  "paiement_cb", "paiement_autre", "tarification", "condition_acces", "reservation", "horaires",
  "accessibilite_pmr", "restriction_gabarit", "station_deux_roues", "raccordement", "num_pdl",
  "date_mise_en_service", "observations", "date_maj", "cable_t2_attache",
] as const;

export type IrveColumn = (typeof IRVE_COLUMNS)[number];

export const IMPLANTATIONS = [
  "Voirie", "Parking public", "Parking privé à usage public", "Parking privé réservé à la clientèle",
  "Station dédiée à la recharge rapide",
] as const;
export const CONDITIONS_ACCES = ["Accès libre", "Accès réservé"] as const;
export const ACCESSIBILITES_PMR = [
  "Réservé PMR", "Accessible mais non réservé PMR", "Non accessible", "Accessibilité inconnue",
] as const;
export const RACCORDEMENTS = ["Direct", "Indirect"] as const;

const text = (label: string) => z.string({ error: `${label} : texte attendu` }).trim();
const required = (label: string) => text(label).min(1, { error: `${label} est obligatoire` });
const optional = () => z.string().trim().optional().transform((v) => (v ? v : undefined));

const bool = (label: string, isRequired: boolean) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (isRequired) ctx.addIssue({ code: "custom", message: `${label} est obligatoire (true ou false)` });
        return undefined;
      }
      const b = parseBoolean(v);
      if (b === null) ctx.addIssue({ code: "custom", message: `${label} : « ${v} » n'est pas un booléen (true ou false)` });
      return b ?? undefined;
    });

const oneOf = <T extends readonly string[]>(label: string, values: T, isRequired = true) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (isRequired) ctx.addIssue({ code: "custom", message: `${label} est obligatoire` });
        return undefined;
      }
      if (!(values as readonly string[]).includes(v))
        ctx.addIssue({ code: "custom", message: `${label} : « ${v} » n'est pas une valeur admise (${values.join(", ")})` });
      return v as T[number];
    });

const isoDate = (label: string, isRequired: boolean) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (isRequired) ctx.addIssue({ code: "custom", message: `${label} est obligatoire (AAAA-MM-JJ)` });
        return undefined;
      }
      const d = new Date(`${v}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v)
        ctx.addIssue({ code: "custom", message: `${label} : « ${v} » n'est pas une date AAAA-MM-JJ valide` });
      return v;
    });

export function irveRowSchema(options: { today: string }) {
  return z
    .object({
      nom_amenageur: optional(),
      siren_amenageur: optional().refine((v) => !v || /^\d{9}$/.test(v), { error: "siren_amenageur : 9 chiffres attendus" }),
      contact_amenageur: optional(),
      nom_operateur: optional(),
      contact_operateur: required("contact_operateur"),
      telephone_operateur: optional(),
      nom_enseigne: required("nom_enseigne"),
      id_station_itinerance: required("id_station_itinerance").refine((v) => EMI3_STATION.test(v), {
        error: "id_station_itinerance : identifiant eMI3 de station attendu (FR + 3 caractères AFIREV + P…, sans séparateur ; « Non concerné » n'est pas admis pour la collecte)",
      }),
      id_station_local: optional(),
      nom_station: required("nom_station"),
      implantation_station: oneOf("implantation_station", IMPLANTATIONS),
      adresse_station: required("adresse_station"),
      code_insee_commune: optional().refine((v) => !v || INSEE_CODE.test(v), {
        error: "code_insee_commune : code INSEE à 5 caractères attendu (ex. 75056, 2A004)",
      }),
      coordonneesXY: required("coordonneesXY").transform((v, ctx) => {
        const c = parseCoordinates(v);
        if (!c) {
          ctx.addIssue({ code: "custom", message: "coordonneesXY : format [longitude, latitude] attendu" });
          return z.NEVER;
        }
        if (!territoryOf(c.lon, c.lat)) {
          ctx.addIssue({ code: "custom", message: `coordonneesXY : le point [${c.lon}, ${c.lat}] n'est pas en France (longitude et latitude inversées ?)` });
          return z.NEVER;
        }
        return c;
      }),
      nbre_pdc: required("nbre_pdc").pipe(
        z.coerce.number<string>({ error: "nbre_pdc : nombre entier attendu" }).int({ error: "nbre_pdc : nombre entier attendu" }).min(0, { error: "nbre_pdc : doit être positif" }),
      ),
      id_pdc_itinerance: required("id_pdc_itinerance").refine((v) => EMI3_POINT.test(v), {
        error: "id_pdc_itinerance : identifiant eMI3 de point de charge attendu (FR + 3 caractères AFIREV + E…, sans séparateur ; « Non concerné » n'est pas admis pour la collecte)",
      }),
      id_pdc_local: optional(),
      puissance_nominale: required("puissance_nominale").pipe(
        z.coerce
          .number<string>({ error: "puissance_nominale : nombre attendu (kW)" })
          .positive({ error: "puissance_nominale : doit être supérieure à 0 kW" })
          .max(1000, { error: "puissance_nominale : au plus 1 000 kW (valeur en kW, pas en W ?)" }),
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
        error: "horaires : « 24/7 » ou des plages comme « Mo-Fr 08:00-18:00 » attendues",
      }),
      accessibilite_pmr: oneOf("accessibilite_pmr", ACCESSIBILITES_PMR),
      restriction_gabarit: required("restriction_gabarit"),
      station_deux_roues: bool("station_deux_roues", true),
      raccordement: oneOf("raccordement", RACCORDEMENTS, false),
      num_pdl: optional().refine((v) => !v || PDL.test(v), { error: "num_pdl : 14 chiffres attendus" }),
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
        if (valid("id_station_itinerance", "id_pdc_itinerance") && row.id_station_itinerance && row.id_pdc_itinerance
          && emi3Prefix(row.id_station_itinerance) !== emi3Prefix(row.id_pdc_itinerance))
          ctx.addIssue({
            code: "custom",
            path: ["id_pdc_itinerance"],
            message: `id_pdc_itinerance : le préfixe ${emi3Prefix(row.id_pdc_itinerance)} diffère de celui de la station (${emi3Prefix(row.id_station_itinerance)})`,
          });
        if (valid("raccordement", "num_pdl") && row.raccordement === "Direct" && !row.num_pdl)
          ctx.addIssue({ code: "custom", path: ["num_pdl"], message: "num_pdl est obligatoire quand le raccordement est direct" });
        if (valid("date_mise_en_service") && row.date_mise_en_service && row.date_mise_en_service > options.today)
          ctx.addIssue({ code: "custom", path: ["date_mise_en_service"], message: "date_mise_en_service ne peut pas être dans le futur" });
        if (valid("date_maj") && row.date_maj && row.date_maj > options.today)
          ctx.addIssue({ code: "custom", path: ["date_maj"], message: "date_maj ne peut pas être dans le futur" });
      },
      { when: () => true },
    );
}

export type IrveRow = z.output<ReturnType<typeof irveRowSchema>>;
export type IrveRowInput = Partial<Record<IrveColumn, string>>;
