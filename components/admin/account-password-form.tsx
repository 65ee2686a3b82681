"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { IssuedSecrets } from "./issued-secrets";
import { INITIAL_SECRETS_STATE, type SecretsActionState } from "./secrets-state";

/** One account's "new password" button: the generated password shows below it, once. */
export function AccountPasswordForm(props: { userId: string; name: string; action: (s: SecretsActionState, f: FormData) => Promise<SecretsActionState> }) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_SECRETS_STATE);
  return (
    <form action={formAction} className="fr-mt-1w">
      <input type="hidden" name="userId" value={props.userId} />
      <Button type="submit" size="small" priority="tertiary" disabled={pending}>
        Nouveau mot de passe<span className="fr-sr-only"> pour le compte de {props.name}</span>
      </Button>
      {state.secrets && <IssuedSecrets secrets={state.secrets} />}
      {!state.ok && state.message && (
        <p className="fr-error-text" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
