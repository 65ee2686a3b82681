import { z } from "zod";

export const signAttestationSchema = z.object({
  dossierId: z.uuid({ error: "Dossier introuvable" }),
  signerName: z.string({ error: "nom du signataire obligatoire" }).trim().min(2, { error: "nom du signataire obligatoire" }).max(200),
  signerCapacity: z
    .string({ error: "qualité du signataire obligatoire" })
    .trim()
    .min(2, { error: "qualité du signataire obligatoire (ex. : syndic, gérant, président)" })
    .max(200),
  consent: z.literal(true, { error: "le consentement à l'utilisation des données de recharge est obligatoire" }),
  /** Version of the text the signer was shown; must be the current one. Defaults to it. */
  textVersion: z.string().trim().min(1).optional(),
  ipAddress: z.string().trim().max(100).nullish(),
  userAgent: z.string().trim().max(500).nullish(),
  signedByUserId: z.uuid({ error: "Signataire : compte introuvable" }).nullish(),
  onBehalf: z.boolean({ error: "indiquez si la signature est faite pour le compte du bénéficiaire" }),
});
export type SignAttestationInput = z.input<typeof signAttestationSchema>;
