"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { useSubmissionKey } from "@/components/forms/use-submission-key";
import { IssuedSecrets } from "@/components/admin/issued-secrets";
import { INITIAL_SECRETS_STATE, type SecretsActionState } from "@/components/admin/secrets-state";

/** A machine account of the GIREVE relay: its generated secret is shown once, below the answer. */
export function CreateRelayAccountForm({ action }: { action: (s: SecretsActionState, f: FormData) => Promise<SecretsActionState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_SECRETS_STATE);
  const formKey = useSubmissionKey(state);
  const v = (name: string) => (state.ok ? "" : (state.values?.[name] ?? ""));
  return (
    <form action={formAction} noValidate aria-labelledby="relais-title" key={formKey}>
      <h2 id="relais-title">Nouvel accès du relais</h2>
      <FormFeedback state={state} formId="relais" successTitle="Accès créé" />
      {state.secrets && <IssuedSecrets secrets={state.secrets} />}
      <Select
        label="Environnement"
        hint="La production compte dans les indicateurs ; le bac à sable jamais."
        nativeSelectProps={{ ...fieldProps("relais", "env"), defaultValue: v("env") || "production", required: true }}
        {...fieldState(state, "env")}
      >
        <option value="production">Production</option>
        <option value="sandbox">Bac à sable</option>
      </Select>
      <Input
        label="Libellé (facultatif)"
        hintText="Par exemple « GIREVE production » : pour vous y retrouver."
        nativeInputProps={{ ...fieldProps("relais", "label"), defaultValue: v("label"), maxLength: 100, autoComplete: "off" }}
        {...fieldState(state, "label")}
      />
      <Input
        label="Empreinte du certificat client (facultatif)"
        hintText="SHA-256 du certificat du relais, 64 caractères hexadécimaux (les « : » sont acceptés). Sans certificat, le relais s'authentifie en HTTP Basic."
        nativeInputProps={{ ...fieldProps("relais", "certFingerprint"), defaultValue: v("certFingerprint"), autoComplete: "off", spellCheck: false }}
        {...fieldState(state, "certFingerprint")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Création…" : "Créer l'accès du relais"}
      </Button>
    </form>
  );
}
