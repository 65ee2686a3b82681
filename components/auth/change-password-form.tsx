"use client";

import { useActionState } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

// The person's current password, then the new one twice. Nothing typed here is sent back to
// refill the form after an error: passwords never travel back to the browser.
export function ChangePasswordForm({ action }: { action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} noValidate>
      <FormFeedback state={state} formId="mot-de-passe" />
      <Input
        label="Mot de passe actuel"
        nativeInputProps={{ ...fieldProps("mot-de-passe", "currentPassword"), type: "password", autoComplete: "current-password", required: true }}
        {...fieldState(state, "currentPassword")}
      />
      <Input
        label="Nouveau mot de passe"
        hintText="Au moins 12 caractères ; une phrase de passe convient."
        nativeInputProps={{
          ...fieldProps("mot-de-passe", "newPassword"),
          type: "password",
          autoComplete: "new-password",
          required: true,
          minLength: 12,
          maxLength: 200,
        }}
        {...fieldState(state, "newPassword")}
      />
      <Input
        label="Confirmation du nouveau mot de passe"
        nativeInputProps={{ ...fieldProps("mot-de-passe", "confirmation"), type: "password", autoComplete: "new-password", required: true }}
        {...fieldState(state, "confirmation")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Modification…" : "Modifier le mot de passe"}
      </Button>
    </form>
  );
}
