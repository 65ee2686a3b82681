"use client";

import { useActionState } from "react";
import { ConfirmSubmit } from "@/components/forms/confirm-submit";
import { IssuedSecrets } from "@/components/admin/issued-secrets";
import { INITIAL_SECRETS_STATE, type SecretsActionState } from "@/components/admin/secrets-state";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

type Act<S> = (s: S, f: FormData) => Promise<S>;

/** A new secret for one relay account, after a confirmation; shown once below the button. */
function RotateForm({ accountId, username, action }: { accountId: string; username: string; action: Act<SecretsActionState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_SECRETS_STATE);
  return (
    <form action={formAction}>
      <input type="hidden" name="accountId" value={accountId} />
      <ConfirmSubmit
        label={`Nouveau secret pour ${username}`}
        question="L'ancien secret cessera aussitôt de fonctionner."
        confirmLabel="Confirmer le nouveau secret"
        name="intent"
        value="rotate"
        disabled={pending}
      />
      {state.secrets && <IssuedSecrets secrets={state.secrets} />}
      {!state.ok && state.message && (
        <p className="fr-error-text" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}

/** Revokes one relay account, after a confirmation. */
function RevokeForm({ accountId, username, action }: { accountId: string; username: string; action: Act<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="fr-mt-1w">
      <input type="hidden" name="accountId" value={accountId} />
      <ConfirmSubmit
        label={`Révoquer ${username}`}
        question="Le relais ne pourra plus s'authentifier avec cet accès, ni par secret ni par certificat."
        confirmLabel="Confirmer la révocation"
        name="intent"
        value="revoke"
        disabled={pending}
      />
      {state.message && (
        <p className={state.ok ? "fr-valid-text" : "fr-error-text"} role={state.ok ? "status" : "alert"}>
          {state.message}
        </p>
      )}
    </form>
  );
}

/** The actions of one active relay account's row. */
export function RelayAccountActions(props: { accountId: string; username: string; rotate: Act<SecretsActionState>; revoke: Act<ActionState> }) {
  return (
    <div>
      <RotateForm accountId={props.accountId} username={props.username} action={props.rotate} />
      <RevokeForm accountId={props.accountId} username={props.username} action={props.revoke} />
    </div>
  );
}
