import { z } from "zod";
import { emailSchema } from "@/lib/schemas/users";
import { dataEnvSchema } from "@/lib/schemas/operators";
import { GRANTABLE_SCOPES, type GrantableScope } from "@/lib/schemas/qualicharge-scopes";

// Machine accounts of the QualiCharge API (ADR 0019): operational units (AFIREV prefixes held by
// an operator), groups holding units, API users in groups with scopes. One schema per operation,
// used by the admin pages' actions and by the CLI; database checks stay in lib/api-accounts.

/** "" (an empty select or text field) is "not given". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const optionalOperatorId = z.preprocess(blankToUndefined, z.uuid({ error: "Opérateur : choisissez un opérateur dans la liste" }).optional());

/** The 5-character AFIREV prefix of eMI3 ids ("FRXYZ"), upper-cased on input. */
export const unitCodeSchema = z
  .string({ error: "Code de l'unité obligatoire" })
  .trim()
  .toUpperCase()
  .regex(/^FR[A-Z0-9]{3}$/, { error: "Code de l'unité : préfixe AFIREV de 5 caractères, « FR » suivi de 3 lettres ou chiffres (ex. FRXYZ)" });

const unitName = z
  .string({ error: "Nom de l'unité obligatoire" })
  .trim()
  .min(1, { error: "Nom de l'unité obligatoire" })
  .max(200, { error: "Nom de l'unité : 200 caractères au plus" });

export const createOperationalUnitSchema = z.object({
  code: unitCodeSchema,
  name: unitName,
  operatorId: z.uuid({ error: "Opérateur : choisissez un opérateur dans la liste" }),
});
export type CreateOperationalUnitInput = z.input<typeof createOperationalUnitSchema>;

/** A unit's name (its code and operator stay: groups and points refer to them). */
export const updateOperationalUnitSchema = z.object({ code: unitCodeSchema, name: unitName });
export type UpdateOperationalUnitInput = z.input<typeof updateOperationalUnitSchema>;

const groupName = z
  .string({ error: "Nom du groupe obligatoire" })
  .trim()
  .min(1, { error: "Nom du groupe obligatoire" })
  .max(100, { error: "Nom du groupe : 100 caractères au plus" });
const unitCodes = z
  .array(unitCodeSchema)
  .default([])
  .transform((codes) => [...new Set(codes)].sort());

/** A group: its name, its operator (none: the portal's technical operator) and its units. */
export const createApiGroupSchema = z.object({ name: groupName, operatorId: optionalOperatorId, unitCodes });
export type CreateApiGroupInput = z.input<typeof createApiGroupSchema>;

/** A group's name and units (its operator does not change). */
export const updateApiGroupSchema = z.object({ groupId: z.uuid({ error: "Groupe introuvable" }), name: groupName, unitCodes });
export type UpdateApiGroupInput = z.input<typeof updateApiGroupSchema>;

export const apiUsernameSchema = z
  .string({ error: "Identifiant obligatoire" })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{2,99}$/, { error: "Identifiant : 3 à 100 caractères parmi lettres, chiffres et . _ @ -" });

const scopeSchema = z.enum(GRANTABLE_SCOPES as [GrantableScope, ...GrantableScope[]], {
  error: `Droits : ${GRANTABLE_SCOPES.join(", ")} seulement`,
});
const personName = (what: string) =>
  z
    .string()
    .trim()
    .max(150, { error: `${what} : 150 caractères au plus` })
    .default("");

/** What an API user is given, at creation and on update. */
const apiUserGrants = {
  email: emailSchema,
  firstName: personName("Prénom"),
  lastName: personName("Nom"),
  groupIds: z
    .array(z.uuid({ error: "Groupes : groupe introuvable" }))
    .default([])
    .transform((ids) => [...new Set(ids)]),
  scopes: z
    .array(scopeSchema)
    .default([])
    .transform((s) => GRANTABLE_SCOPES.filter((g) => s.includes(g))),
  isSuperuser: z.boolean({ error: "Super-utilisateur : valeur booléenne attendue" }).default(false),
  env: dataEnvSchema.default("production"),
};

export const SUPERUSER_WITH_OPERATOR =
  "Super-utilisateur : réservé aux comptes de l'opérateur technique (sans opérateur de rattachement), car il voit et écrit les points de tous les opérateurs";

export const createApiUserSchema = z.object({ username: apiUsernameSchema, operatorId: optionalOperatorId, ...apiUserGrants }).superRefine((u, ctx) => {
  if (u.isSuperuser && u.operatorId) ctx.addIssue({ code: "custom", path: ["isSuperuser"], message: SUPERUSER_WITH_OPERATOR });
});
export type CreateApiUserInput = z.input<typeof createApiUserSchema>;

export const updateApiUserSchema = z.object({ userId: z.uuid({ error: "Utilisateur d'API introuvable" }), ...apiUserGrants });
export type UpdateApiUserInput = z.input<typeof updateApiUserSchema>;

/** An API user designated by its id (admin pages) or its username (CLI). */
const apiUserRef = {
  userId: z.uuid({ error: "Utilisateur d'API introuvable" }).optional(),
  username: z.string().trim().min(1).max(100).optional(),
};
const oneUser = (v: { userId?: string; username?: string }) => (v.userId === undefined) !== (v.username === undefined);
const oneUserError = { error: "indiquer l'utilisateur d'API par son identifiant technique ou son identifiant de connexion", path: ["userId"] };

export const apiUserRefSchema = z.object(apiUserRef).refine(oneUser, oneUserError);
export type ApiUserRefInput = z.input<typeof apiUserRefSchema>;

export const setApiUserActiveSchema = z
  .object({ ...apiUserRef, active: z.boolean({ error: "activer ou désactiver : valeur booléenne attendue" }) })
  .refine(oneUser, oneUserError);
export type SetApiUserActiveInput = z.input<typeof setApiUserActiveSchema>;

/** The OAuth2 password form of POST /auth/token, once read (the door answers 422 before this). */
export const apiLoginSchema = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
  ip: z.string().max(100),
});
export type ApiLoginInput = z.input<typeof apiLoginSchema>;
