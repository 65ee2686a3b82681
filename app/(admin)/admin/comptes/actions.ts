"use server";

import { revalidatePath } from "next/cache";
import { generatePassword } from "@/lib/auth/password";
import { createBeneficiary } from "@/lib/beneficiaries/create-beneficiary";
import { createOperator } from "@/lib/operators/create-operator";
import { createUser } from "@/lib/users/create-user";
import { setAccountDisabled } from "@/lib/users/set-account-disabled";
import { resetPassword } from "@/lib/users/reset-password";
import { AppError } from "@/lib/platform/errors";
import type { CreateUserInput } from "@/lib/schemas/users";
import { action } from "@/lib/auth/action";
import type { ActionState } from "@/lib/platform/http/action-state-shared";
import type { SecretsActionState } from "@/components/admin/secrets-state";

const ENV_LABEL = { production: "Accès API de production", sandbox: "Accès API du bac à sable" } as const;
const orUndefined = (v: string | undefined) => (v && v.trim() !== "" ? v : undefined);

export const createBeneficiaryAction = action("users:manage", null, async ({ user, values }): Promise<ActionState> => {
  const b = await createBeneficiary({ name: values.name ?? "", siren: orUndefined(values.siren), actor: user.email, actorUserId: user.id });
  revalidatePath("/admin", "layout");
  return { ok: true, message: `Le bénéficiaire « ${b.name} » est créé : rattachez-lui maintenant un compte.` };
});

export const createOperatorAction = action("operators:manage", null, async ({ user, values }): Promise<SecretsActionState> => {
  const o = await createOperator({
    name: values.name ?? "",
    siren: values.siren ?? "",
    credentials: ["production", "sandbox"],
    actor: user.email,
    actorUserId: user.id,
  });
  revalidatePath("/admin", "layout");
  return {
    ok: true,
    message: `L'opérateur « ${o.name} » est créé. Son UserID ADVENIR : ${o.id}.`,
    secrets: o.credentials.map((c) => ({ label: ENV_LABEL[c.env], login: c.username, secret: c.secret })),
  };
});

/** A person's account, with a generated initial password shown once (never chosen by the admin). */
export const createAccountAction = action("users:manage", null, async ({ user, values }): Promise<SecretsActionState> => {
  const password = generatePassword();
  const created = await createUser({
    email: values.email ?? "",
    name: values.name ?? "",
    role: (values.role ?? "") as CreateUserInput["role"], // checked by createUser's schema
    password,
    operatorId: orUndefined(values.operatorId),
    beneficiaryId: orUndefined(values.beneficiaryId),
    actor: user.email,
    actorUserId: user.id,
  });
  revalidatePath("/admin", "layout");
  return {
    ok: true,
    message: `Le compte de ${created.name} est créé.`,
    secrets: [{ label: "Mot de passe initial", login: created.email, secret: password }],
  };
});

/** Disables an account, or enables it again (the row's button says which). */
export const setAccountDisabledAction = action("users:manage", null, async ({ user, values }): Promise<ActionState> => {
  if (values.disabled !== "true" && values.disabled !== "false") throw new AppError("INVALID_INPUT", "Action inconnue : désactiver ou réactiver.");
  const account = await setAccountDisabled({ userId: values.userId ?? "", disabled: values.disabled === "true", actor: user.email, actorUserId: user.id });
  revalidatePath("/admin", "layout");
  return { ok: true, message: account.disabledAt ? `Le compte de ${account.name} est désactivé.` : `Le compte de ${account.name} est réactivé.` };
});

/** A new generated password for someone else's account, shown once. */
export const resetPasswordAction = action("users:manage", null, async ({ user, values }): Promise<SecretsActionState> => {
  const account = await resetPassword({ userId: values.userId ?? "", actor: user.email, actorUserId: user.id });
  return { ok: true, secrets: [{ label: "Nouveau mot de passe", login: account.email, secret: account.password }] };
});
