"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { useSubmissionKey } from "@/components/forms/use-submission-key";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

/** The admin's entry of a year's renewable share of electricity in France (Eurostat SHARES, RES-E). */
export function RenewableShareForm(props: { action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  const formKey = useSubmissionKey(state);
  const v = (name: string) => (state.ok ? "" : (state.values?.[name] ?? ""));
  return (
    <form action={formAction} noValidate aria-labelledby="part-title" key={formKey}>
      <h2 id="part-title">Saisir ou corriger une année</h2>
      <FormFeedback state={state} formId="part" successTitle="Part enregistrée" />
      <Input
        label="Année"
        hintText="Année observée (ex. 2024)"
        nativeInputProps={{ ...fieldProps("part", "year"), defaultValue: v("year"), required: true, inputMode: "numeric", maxLength: 4 }}
        {...fieldState(state, "year")}
      />
      <Input
        label="Part renouvelable de l'électricité (%)"
        hintText="Indicateur RES-E de la France dans les résultats SHARES d'Eurostat, trois décimales au plus (ex. 30,295)"
        nativeInputProps={{ ...fieldProps("part", "sharePercent"), defaultValue: v("sharePercent"), required: true, inputMode: "decimal" }}
        {...fieldState(state, "sharePercent")}
      />
      <Input
        label="Source"
        hintText="Adresse de la publication Eurostat et date de lecture"
        nativeInputProps={{ ...fieldProps("part", "source"), defaultValue: v("source"), required: true }}
        {...fieldState(state, "source")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Enregistrement…" : "Enregistrer"}
      </Button>
    </form>
  );
}
