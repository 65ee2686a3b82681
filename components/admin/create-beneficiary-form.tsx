"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

/** A beneficiary: the organisation that holds subsidy dossiers (a copropriété may have no SIREN). */
export function CreateBeneficiaryForm({ action }: { action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const v = (name: string) => (state.ok ? "" : state.values?.[name]);
  return (
    <form action={formAction} noValidate aria-labelledby="beneficiary-title">
      <h2 id="beneficiary-title">Nouveau bénéficiaire</h2>
      <FormFeedback state={state} formId="beneficiaire" successTitle="Bénéficiaire créé" />
      <Input
        label="Nom du bénéficiaire"
        nativeInputProps={{ ...fieldProps("beneficiaire", "name"), defaultValue: v("name"), required: true }}
        {...fieldState(state, "name")}
      />
      <Input
        label="SIREN (facultatif)"
        hintText="9 chiffres ; une copropriété peut ne pas en avoir"
        nativeInputProps={{ ...fieldProps("beneficiaire", "siren"), defaultValue: v("siren"), inputMode: "numeric" }}
        {...fieldState(state, "siren")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Création…" : "Créer le bénéficiaire"}
      </Button>
    </form>
  );
}
