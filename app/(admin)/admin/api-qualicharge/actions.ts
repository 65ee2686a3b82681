"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import { AppError } from "@/lib/platform/errors";
import type { ActionState } from "@/lib/platform/http/action-state-shared";
import { createOperationalUnit } from "@/lib/api-accounts/create-operational-unit";
import { updateOperationalUnit } from "@/lib/api-accounts/update-operational-unit";
import { createApiGroup } from "@/lib/api-accounts/create-api-group";
import { updateApiGroup } from "@/lib/api-accounts/update-api-group";
import { createApiUser } from "@/lib/api-accounts/create-api-user";
import { updateApiUser } from "@/lib/api-accounts/update-api-user";
import { resetApiUserPassword } from "@/lib/api-accounts/reset-api-user-password";
import { setApiUserActive } from "@/lib/api-accounts/set-api-user-active";
import type { CreateApiUserInput } from "@/lib/schemas/api-accounts";
import { forgetPrincipals } from "@/lib/channels/qualicharge/auth/principal";
import type { SecretsActionState } from "@/components/admin/secrets-state";
import { CHECKBOX_PREFIX } from "@/components/admin/api-accounts/choices";

// The admin's actions on the QualiCharge API's machine accounts; each calls one lib function
// (validated and audited there). After a change of a user's rights or password, the door's
// memory of API users is dropped (in this process; others read it again within 10 s).

const PAGE = "/admin/api-qualicharge";
/** Field paths of the lib ("scopes.0") → the form's fields ("scopes"). */
const options = { fieldName: (path: string) => path.split(".")[0] };

/** The options of a checkbox group, one name per option (components/admin/api-accounts/choices.ts). */
function checked(values: Record<string, string>, prefix: string): string[] {
  return Object.keys(values)
    .filter((k) => k.startsWith(prefix) && values[k] === "on")
    .map((k) => k.slice(prefix.length));
}

function grantsOf(values: Record<string, string>) {
  return {
    email: values.email ?? "",
    firstName: values.firstName ?? "",
    lastName: values.lastName ?? "",
    groupIds: checked(values, CHECKBOX_PREFIX.groupIds),
    scopes: checked(values, CHECKBOX_PREFIX.scopes) as CreateApiUserInput["scopes"], // checked by the lib's schema
    isSuperuser: values.isSuperuser === "on",
    env: (values.env ?? "production") as CreateApiUserInput["env"],
  };
}

export const createUnitAction = action(
  "api-accounts:manage",
  null,
  async ({ user, values }): Promise<ActionState> => {
    const unit = await createOperationalUnit({
      code: values.code ?? "",
      name: values.name ?? "",
      operatorId: values.operatorId ?? "",
      actor: user.email,
      actorUserId: user.id,
    });
    revalidatePath(PAGE, "layout");
    return { ok: true, message: `L'unité opérationnelle ${unit.code} est créée.` };
  },
  options,
);

export const renameUnitAction = action(
  "api-accounts:manage",
  null,
  async ({ user, values }): Promise<ActionState> => {
    const unit = await updateOperationalUnit({ code: values.code ?? "", name: values.name ?? "", actor: user.email, actorUserId: user.id });
    revalidatePath(PAGE, "layout");
    return { ok: true, message: `L'unité opérationnelle ${unit.code} s'appelle désormais « ${unit.name} ».` };
  },
  options,
);

export const createGroupAction = action(
  "api-accounts:manage",
  null,
  async ({ user, values }): Promise<ActionState> => {
    const group = await createApiGroup({
      name: values.name ?? "",
      operatorId: values.operatorId,
      unitCodes: checked(values, CHECKBOX_PREFIX.unitCodes),
      actor: user.email,
      actorUserId: user.id,
    });
    revalidatePath(PAGE, "layout");
    return { ok: true, message: `Le groupe « ${group.name} » est créé.` };
  },
  options,
);

export const updateGroupAction = action(
  "api-accounts:manage",
  null,
  async ({ user, values }): Promise<ActionState> => {
    const group = await updateApiGroup({
      groupId: values.groupId ?? "",
      name: values.name ?? "",
      unitCodes: checked(values, CHECKBOX_PREFIX.unitCodes),
      actor: user.email,
      actorUserId: user.id,
    });
    forgetPrincipals();
    revalidatePath(PAGE, "layout");
    return { ok: true, message: `Le groupe « ${group.name} » est enregistré.` };
  },
  options,
);

/** An API user, with its generated password shown once. */
export const createApiUserAction = action(
  "api-accounts:manage",
  null,
  async ({ user, values }): Promise<SecretsActionState> => {
    const created = await createApiUser({
      username: values.username ?? "",
      operatorId: values.operatorId,
      ...grantsOf(values),
      actor: user.email,
      actorUserId: user.id,
    });
    revalidatePath(PAGE, "layout");
    return {
      ok: true,
      message: `L'utilisateur d'API ${created.username} est créé.`,
      secrets: [{ label: "Mot de passe de l'API QualiCharge", login: created.username, secret: created.password }],
    };
  },
  options,
);

export const updateApiUserAction = action(
  "api-accounts:manage",
  null,
  async ({ user, values }): Promise<SecretsActionState> => {
    const updated = await updateApiUser({ userId: values.userId ?? "", ...grantsOf(values), actor: user.email, actorUserId: user.id });
    forgetPrincipals();
    revalidatePath(PAGE, "layout");
    return { ok: true, message: `L'utilisateur d'API ${updated.username} est enregistré.` };
  },
  options,
);

/** Disables an API user, or enables it again (the row's button says which: AccountStatusForm). */
export const setApiUserActiveAction = action("api-accounts:manage", null, async ({ user, values }): Promise<ActionState> => {
  if (values.disabled !== "true" && values.disabled !== "false") throw new AppError("INVALID_INPUT", "Action inconnue : désactiver ou réactiver.");
  const updated = await setApiUserActive({ userId: values.userId ?? "", active: values.disabled === "false", actor: user.email, actorUserId: user.id });
  forgetPrincipals();
  revalidatePath(PAGE, "layout");
  return { ok: true, message: updated.isActive ? `${updated.username} est réactivé.` : `${updated.username} est désactivé.` };
});

/** A new generated password for an API user, shown once; its tokens stop working. */
export const resetApiUserPasswordAction = action("api-accounts:manage", null, async ({ user, values }): Promise<SecretsActionState> => {
  const reset = await resetApiUserPassword({ userId: values.userId ?? "", actor: user.email, actorUserId: user.id });
  forgetPrincipals();
  return { ok: true, secrets: [{ label: "Nouveau mot de passe de l'API QualiCharge", login: reset.username, secret: reset.password }] };
});
