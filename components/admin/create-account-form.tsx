"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { useSubmissionKey } from "@/components/forms/use-submission-key";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { IssuedSecrets } from "./issued-secrets";
import { INITIAL_SECRETS_STATE, type SecretsActionState } from "./secrets-state";

interface Choice {
  id: string;
  name: string;
  siren: string | null;
}

/** A person's account; its initial password is generated and shown once. */
export function CreateAccountForm(props: {
  operators: Choice[];
  beneficiaries: Choice[];
  action: (s: SecretsActionState, f: FormData) => Promise<SecretsActionState>;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_SECRETS_STATE);
  const formKey = useSubmissionKey(state);
  const v = (name: string) => (state.ok ? "" : (state.values?.[name] ?? ""));
  const label = (c: Choice) => (c.siren ? `${c.name} (SIREN ${c.siren})` : c.name);
  return (
    <form action={formAction} noValidate aria-labelledby="account-title" key={formKey}>
      <h2 id="account-title">Nouveau compte</h2>
      <FormFeedback state={state} formId="compte" successTitle="Compte créé" />
      {state.secrets && <IssuedSecrets secrets={state.secrets} />}
      <Input
        label="Adresse e-mail"
        nativeInputProps={{ ...fieldProps("compte", "email"), type: "email", autoComplete: "off", defaultValue: v("email"), required: true }}
        {...fieldState(state, "email")}
      />
      <Input
        label="Nom affiché"
        nativeInputProps={{ ...fieldProps("compte", "name"), defaultValue: v("name"), required: true }}
        {...fieldState(state, "name")}
      />
      <Select label="Rôle" nativeSelectProps={{ ...fieldProps("compte", "role"), defaultValue: v("role"), required: true }} {...fieldState(state, "role")}>
        <option value="" disabled>
          Choisir un rôle
        </option>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </Select>
      <Select
        label="Opérateur de rattachement"
        hint="Pour un compte opérateur seulement"
        nativeSelectProps={{ ...fieldProps("compte", "operatorId"), defaultValue: v("operatorId") }}
        {...fieldState(state, "operatorId")}
      >
        <option value="">Aucun</option>
        {props.operators.map((o) => (
          <option key={o.id} value={o.id}>
            {label(o)}
          </option>
        ))}
      </Select>
      <Select
        label="Bénéficiaire de rattachement"
        hint="Pour un compte bénéficiaire seulement"
        nativeSelectProps={{ ...fieldProps("compte", "beneficiaryId"), defaultValue: v("beneficiaryId") }}
        {...fieldState(state, "beneficiaryId")}
      >
        <option value="">Aucun</option>
        {props.beneficiaries.map((b) => (
          <option key={b.id} value={b.id}>
            {label(b)}
          </option>
        ))}
      </Select>
      <Button type="submit" disabled={pending}>
        {pending ? "Création…" : "Créer le compte"}
      </Button>
    </form>
  );
}
