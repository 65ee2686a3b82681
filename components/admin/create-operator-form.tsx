"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { IssuedSecrets } from "./issued-secrets";
import { INITIAL_SECRETS_STATE, type SecretsActionState } from "./secrets-state";

/** A charge-point operator, created with its production and sandbox API credentials. */
export function CreateOperatorForm({ action }: { action: (s: SecretsActionState, f: FormData) => Promise<SecretsActionState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_SECRETS_STATE);
  const v = (name: string) => (state.ok ? "" : state.values?.[name]);
  return (
    <form action={formAction} noValidate aria-labelledby="operator-title">
      <h2 id="operator-title">Nouvel opérateur</h2>
      <p>Son identifiant (UserID ADVENIR) et ses accès à l&apos;API de production et du bac à sable sont créés en même temps.</p>
      <FormFeedback state={state} formId="operateur" successTitle="Opérateur créé" />
      {state.secrets && <IssuedSecrets secrets={state.secrets} />}
      <Input
        label="Raison sociale"
        nativeInputProps={{ ...fieldProps("operateur", "name"), defaultValue: v("name"), required: true }}
        {...fieldState(state, "name")}
      />
      <Input
        label="SIREN"
        hintText="9 chiffres"
        nativeInputProps={{ ...fieldProps("operateur", "siren"), defaultValue: v("siren"), required: true, inputMode: "numeric" }}
        {...fieldState(state, "siren")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Création…" : "Créer l'opérateur et ses accès"}
      </Button>
    </form>
  );
}
