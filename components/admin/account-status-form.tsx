"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

/** The button of one account's row: disable it, or enable it again; what was done, or a refusal, shows below it. */
export function AccountStatusForm(props: { userId: string; name: string; disabled: boolean; action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction}>
      <input type="hidden" name="userId" value={props.userId} />
      <input type="hidden" name="disabled" value={props.disabled ? "false" : "true"} />
      <Button type="submit" size="small" priority="secondary" disabled={pending}>
        {props.disabled ? "Réactiver" : "Désactiver"}
        <span className="fr-sr-only"> le compte de {props.name}</span>
      </Button>
      {state.ok && state.message && (
        <p className="fr-valid-text" role="status">
          {state.message}
        </p>
      )}
      {!state.ok && state.message && (
        <p className="fr-error-text" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
