import { z } from "zod";
import { certFingerprintSchema, dataEnvSchema } from "@/lib/schemas/operators";

// The GIREVE relay's machine accounts (ADR 0023), managed by the admin's page /admin/gireve and
// by the CLI (gireve-relay …). One schema per operation; database checks stay in lib/gireve-relay.

/** "" (an empty text field) is "not given". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** SHA-256 of the relay's client certificate: 64 hex characters (colons allowed), lower-cased. */
export const relayCertFingerprintSchema = certFingerprintSchema;

export const createRelayAccountSchema = z.object({
  env: dataEnvSchema,
  label: z.preprocess(blankToUndefined, z.string().trim().max(100, { error: "libellé : 100 caractères au plus" }).optional()),
  certFingerprint: z.preprocess(blankToUndefined, relayCertFingerprintSchema.nullish()),
  /** Only for the tests and the demo data; generated otherwise. */
  username: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{2,99}$/, { error: "identifiant invalide (3 à 100 caractères : lettres, chiffres et . _ @ -)" })
    .optional(),
  secret: z.string().min(1, { error: "secret vide" }).max(200, { error: "secret : 200 caractères au plus" }).optional(),
});
export type CreateRelayAccountInput = z.input<typeof createRelayAccountSchema>;

const refFields = {
  accountId: z.uuid({ error: "Accès du relais introuvable" }).optional(),
  username: z.string().trim().min(1, { error: "identifiant obligatoire" }).max(100).optional(),
};
const oneRef = (v: { accountId?: string; username?: string }) => Boolean(v.accountId) !== Boolean(v.username);
const oneRefError = {
  error: "indiquez l'accès du relais par son identifiant technique ou par son identifiant de connexion (l'un des deux)",
  path: ["accountId"],
};

/** A relay account designated by its id (admin page) or its username (CLI). */
export const relayAccountRefSchema = z.object(refFields).refine(oneRef, oneRefError);
export type RelayAccountRef = z.input<typeof relayAccountRefSchema>;

/** The certificate of a relay account: a fingerprint to bind, or null (or "") to clear it. */
export const setRelayCertificateSchema = z
  .object({
    ...refFields,
    certFingerprint: z.preprocess(blankToUndefined, relayCertFingerprintSchema.nullish()).transform((v) => v ?? null),
  })
  .refine(oneRef, oneRefError);
export type SetRelayCertificateInput = z.input<typeof setRelayCertificateSchema>;
