import { z } from "zod";

/** Luhn checksum over a string of digits (SIREN: 9 digits, SIRET: 14). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && luhnValid(value);
}

/** A SIREN, spaces allowed on input ("732 829 320"), stored as 9 digits. */
export const sirenSchema = z
  .string({ error: "SIREN obligatoire" })
  .transform((v) => v.replace(/[\s\u00a0]/g, ""))
  .refine((v) => /^\d{9}$/.test(v), { error: "le SIREN doit comporter 9 chiffres" })
  .refine((v) => isValidSiren(v), { error: "SIREN invalide (clé de contrôle incorrecte)" });

const nameSchema = (what: string) =>
  z
    .string({ error: `${what} obligatoire` })
    .trim()
    .min(1, { error: `${what} obligatoire` })
    .max(200, { error: `${what} : 200 caractères au plus` });

export const createOperatorSchema = z.object({
  name: nameSchema("raison sociale"),
  siren: sirenSchema,
  /** Credentials created in the same transaction (the CLI creates both). */
  credentials: z
    .array(z.enum(["production", "sandbox"]))
    .max(2)
    .default([]),
});
export type CreateOperatorInput = z.input<typeof createOperatorSchema>;

export const createBeneficiarySchema = z.object({
  name: nameSchema("nom du bénéficiaire"),
  siren: sirenSchema.optional(),
});
export type CreateBeneficiaryInput = z.input<typeof createBeneficiarySchema>;

export const dataEnvSchema = z.enum(["production", "sandbox"], {
  error: "environnement inconnu (production ou sandbox)",
});

export const certFingerprintSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/:/g, "").toLowerCase())
  .refine((v) => /^[0-9a-f]{64}$/.test(v), {
    error: "empreinte de certificat invalide (SHA-256 : 64 caractères hexadécimaux)",
  });

export const createApiCredentialSchema = z.object({
  operatorId: z.uuid({ error: "Opérateur introuvable" }),
  env: dataEnvSchema,
  label: z.string().trim().max(100, { error: "libellé : 100 caractères au plus" }).optional(),
  certFingerprint: certFingerprintSchema.optional(),
  /** Only to carry over credentials an operator already uses (and the demo data); generated otherwise. */
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{2,62}$/, { error: "identifiant invalide (3 à 63 caractères : a-z, 0-9, . _ -)" })
    .optional(),
  secret: z.string().min(16, { error: "le secret doit faire au moins 16 caractères" }).max(200).optional(),
});
export type CreateApiCredentialInput = z.input<typeof createApiCredentialSchema>;

/** A credential designated by its id (interface) or its username (CLI). */
export const credentialRefSchema = z
  .object({
    credentialId: z.uuid({ error: "Accès introuvable" }).optional(),
    username: z.string().trim().min(1, { error: "identifiant obligatoire" }).optional(),
  })
  .refine((v) => Boolean(v.credentialId) !== Boolean(v.username), {
    error: "indiquez l'identifiant de l'accès ou son nom d'utilisateur (l'un des deux)",
    path: ["credentialId"],
  });
export type CredentialRef = z.input<typeof credentialRefSchema>;
