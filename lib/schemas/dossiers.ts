import { z } from "zod";

/**
 * INSEE commune code: 5 characters. Metropolitan départements 01–95 (Corsica is 2A/2B, never
 * 20), overseas 971–978 then 2 digits. Format only: whether the commune exists is checked
 * against the reference data on the server.
 */
export function isInseeCodeFormat(value: string): boolean {
  return /^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5])\d{3}$|^2[AB]\d{3}$|^97[1-8]\d{2}$/.test(value);
}

export const inseeCodeSchema = z
  .string({ error: "code INSEE obligatoire" })
  .trim()
  .toUpperCase()
  .refine(isInseeCodeFormat, {
    error: "code INSEE invalide (5 caractères : chiffres, 2A/2B pour la Corse, 97x outre-mer)",
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
  error: `type de site inconnu (${Object.keys(SITE_TYPES).join(", ")})`,
});

export const channelSchema = z.enum(["ADVENIR", "GIREVE"], { error: "canal inconnu (ADVENIR ou GIREVE)" });

export const dossierReferenceSchema = z
  .string({ error: "référence du dossier obligatoire" })
  .trim()
  .min(1, { error: "référence du dossier obligatoire" })
  .max(64, { error: "référence : 64 caractères au plus" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { error: "référence invalide (lettres, chiffres, . _ / -)" });

const text = (what: string, max = 300) =>
  z.string({ error: `${what} obligatoire` }).trim().min(1, { error: `${what} obligatoire` }).max(max, { error: `${what} : ${max} caractères au plus` });

export const createDossierSchema = z.object({
  reference: dossierReferenceSchema,
  beneficiaryId: z.uuid({ error: "identifiant de bénéficiaire invalide (UUID attendu)" }),
  operatorId: z.uuid({ error: "identifiant d'opérateur invalide (UUID attendu)" }),
  siteName: text("nom du site", 200),
  address: text("adresse"),
  inseeCode: inseeCodeSchema,
  siteType: siteTypeSchema,
  channel: channelSchema,
});
export type CreateDossierInput = z.input<typeof createDossierSchema>;
