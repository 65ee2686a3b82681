"use server";

import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { changeOwnPassword } from "@/lib/users/change-own-password";
import { actionError, formValues } from "@/lib/platform/http/action-state";
import type { ActionState } from "@/lib/platform/http/action-state-shared";

/** Changes the signed-in person's password; every session ends, so they log in again. */
export async function changeOwnPasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  const user = await requirePermission("account:manage-own");
  const values = formValues(form);
  try {
    await changeOwnPassword({ userId: user.id, currentPassword: values.currentPassword ?? "", newPassword: values.newPassword ?? "", confirmation: values.confirmation ?? "" });
  } catch (e) {
    // No values back: they are passwords.
    return actionError(e);
  }
  redirect("/connexion?motdepasse=modifie");
}
