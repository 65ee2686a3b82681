import { z } from "zod";

export const roleSchema = z.enum(["beneficiaire", "operateur", "comite", "admin"], {
  error: "Rôle : choisissez l'un des rôles proposés",
});

export const emailSchema = z
  .string({ error: "Adresse e-mail est obligatoire" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Adresse e-mail : adresse invalide (exemple : prenom.nom@exemple.fr)" }));

export const passwordSchema = z
  .string({ error: "mot de passe obligatoire" })
  .min(12, { error: "le mot de passe doit faire au moins 12 caractères" })
  .max(200, { error: "le mot de passe doit faire au plus 200 caractères" });

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "mot de passe obligatoire" }).min(1, { error: "mot de passe obligatoire" }).max(200),
});

export const createUserSchema = z
  .object({
    email: emailSchema,
    name: z
      .string({ error: "Nom affiché est obligatoire" })
      .trim()
      .min(1, { error: "Nom affiché est obligatoire" })
      .max(200, { error: "Nom affiché : 200 caractères au plus" }),
    role: roleSchema,
    password: passwordSchema,
    operatorId: z.uuid({ error: "Opérateur de rattachement : choisissez un opérateur dans la liste" }).optional(),
    beneficiaryId: z.uuid({ error: "Bénéficiaire de rattachement : choisissez un bénéficiaire dans la liste" }).optional(),
  })
  .superRefine((u, ctx) => {
    if (u.role === "operateur" && !u.operatorId)
      ctx.addIssue({ code: "custom", path: ["operatorId"], message: "Opérateur de rattachement : un compte opérateur doit être rattaché à un opérateur" });
    if (u.role === "beneficiaire" && !u.beneficiaryId)
      ctx.addIssue({
        code: "custom",
        path: ["beneficiaryId"],
        message: "Bénéficiaire de rattachement : un compte bénéficiaire doit être rattaché à un bénéficiaire",
      });
    if (u.role !== "operateur" && u.operatorId)
      ctx.addIssue({ code: "custom", path: ["operatorId"], message: "Opérateur de rattachement : seul un compte opérateur se rattache à un opérateur" });
    if (u.role !== "beneficiaire" && u.beneficiaryId)
      ctx.addIssue({
        code: "custom",
        path: ["beneficiaryId"],
        message: "Bénéficiaire de rattachement : seul un compte bénéficiaire se rattache à un bénéficiaire",
      });
  });

export type CreateUserInput = z.input<typeof createUserSchema>;

/** An account is found by its id (admin page) or its e-mail (CLI). */
const accountRef = {
  userId: z.uuid({ error: "Compte introuvable" }).optional(),
  email: emailSchema.optional(),
};
const oneAccount = (v: { userId?: string; email?: string }) => (v.userId === undefined) !== (v.email === undefined);
const oneAccountError = { error: "indiquer le compte par son identifiant ou son adresse e-mail", path: ["userId"] };

export const setAccountDisabledSchema = z
  .object({ ...accountRef, disabled: z.boolean({ error: "désactiver ou réactiver : valeur booléenne attendue" }) })
  .refine(oneAccount, oneAccountError);
export type SetAccountDisabledInput = z.input<typeof setAccountDisabledSchema>;

export const resetPasswordSchema = z.object(accountRef).refine(oneAccount, oneAccountError);
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;

/** A signed-in person choosing a new password: the current one, the new one twice. */
export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string({ error: "mot de passe actuel obligatoire" }).min(1, { error: "mot de passe actuel obligatoire" }).max(200),
    newPassword: passwordSchema,
    confirmation: z.string({ error: "confirmation obligatoire" }),
  })
  .superRefine((v, ctx) => {
    if (v.confirmation !== v.newPassword) ctx.addIssue({ code: "custom", path: ["confirmation"], message: "la confirmation diffère du nouveau mot de passe" });
    if (v.newPassword === v.currentPassword)
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "le nouveau mot de passe doit différer de l'actuel" });
  });
export type ChangeOwnPasswordInput = z.input<typeof changeOwnPasswordSchema>;
