"use server";

import { redirect } from "next/navigation";
import { changeOwnPassword } from "@/lib/users/change-own-password";
import { action } from "@/lib/auth/action";
import type { ActionState } from "@/lib/platform/http/action-state-shared";

/** Changes the signed-in person's password; every session ends, so they log in again. */
export const changeOwnPasswordAction = action(
  "account:manage-own",
  null,
  async ({ user, values }): Promise<ActionState> => {
    await changeOwnPassword({
      userId: user.id,
      currentPassword: values.currentPassword ?? "",
      newPassword: values.newPassword ?? "",
      confirmation: values.confirmation ?? "",
    });
    redirect("/connexion?motdepasse=modifie");
  },
  { keepValues: false }, // no values back: they are passwords
);
