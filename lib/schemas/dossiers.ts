import { z } from "zod";

/**
 * INSEE commune code: 5 characters. Metropolitan départements 01–95 (Corsica is 2A/2B, never
 * 20), overseas 971–978 then 2 digits. Format only: whether the commune exists is checked
 * against the reference data on the server.
 */
export function isInseeCodeFormat(value: string): boolean {
  return /^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5])\d{3}$|^2[AB]\d{3}$|^97[1-8]\d{2}$/.test(value);
}

export const inseeCodeSchema = z.string({ error: "Code INSEE de la commune est obligatoire" }).trim().toUpperCase().refine(isInseeCodeFormat, {
  error: "Code INSEE de la commune : 5 caractères attendus (chiffres, 2A ou 2B pour la Corse, 97… outre-mer), par exemple 69123 pour Lyon",
});

export const SITE_TYPES = {
  residentiel_collectif: "Résidentiel collectif (copropriété, logement social)",
  entreprise_flotte: "Entreprise : flotte de véhicules",
  entreprise_salaries_visiteurs: "Entreprise : salariés et visiteurs",
  parking_ouvert_au_public: "Parking ouvert au public",
  voirie: "Voirie",
  poids_lourds: "Poids lourds",
} as const;
export type SiteType = keyof typeof SITE_TYPES;

export const siteTypeSchema = z.enum(Object.keys(SITE_TYPES) as [SiteType, ...SiteType[]], {
  error: "Type de site est obligatoire : choisissez un type dans la liste",
});

export const channelSchema = z.enum(["ADVENIR", "GIREVE"], { error: "Canal de collecte des données : choisissez le web service ADVENIR ou GIREVE" });

export const dossierReferenceSchema = z
  .string({ error: "Référence du dossier ADVENIR est obligatoire" })
  .trim()
  .min(1, { error: "Référence du dossier ADVENIR est obligatoire" })
  .max(64, { error: "Référence du dossier ADVENIR : 64 caractères au plus" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { error: "Référence du dossier ADVENIR : lettres, chiffres et . _ / - seulement, sans espace" });

const text = (label: string, max = 300) =>
  z
    .string({ error: `${label} est obligatoire` })
    .trim()
    .min(1, { error: `${label} est obligatoire` })
    .max(max, { error: `${label} : ${max} caractères au plus` });

export const createDossierSchema = z.object({
  reference: dossierReferenceSchema,
  beneficiaryId: z.uuid({ error: "Bénéficiaire introuvable" }),
  operatorId: z.uuid({ error: "Opérateur qui supervise les points de charge est obligatoire : choisissez un opérateur dans la liste" }),
  siteName: text("Nom du site", 200),
  address: text("Adresse du site"),
  inseeCode: inseeCodeSchema,
  siteType: siteTypeSchema,
  channel: channelSchema,
});
export type CreateDossierInput = z.input<typeof createDossierSchema>;
