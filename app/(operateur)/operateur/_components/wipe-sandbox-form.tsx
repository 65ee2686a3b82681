"use client";

import { useActionState } from "react";
import { FormFeedback } from "@/components/forms/form-feedback";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";
import { ConfirmSubmit } from "@/components/forms/confirm-submit";

/** "Vider le bac à sable", confirmed in a second step. */
export function WipeSandboxForm({ action, empty }: { action: (state: ActionState, form: FormData) => Promise<ActionState>; empty: boolean }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction}>
      <FormFeedback state={state} formId="bac-a-sable" successTitle="Bac à sable vidé" />
      <ConfirmSubmit
        label="Vider le bac à sable"
        question="Toutes les opérations, courbes et envois du bac à sable seront effacés ; la production n'est pas touchée."
        confirmLabel="Confirmer : tout effacer"
        name="confirm"
        value="oui"
        disabled={pending || empty}
      />
    </form>
  );
}
