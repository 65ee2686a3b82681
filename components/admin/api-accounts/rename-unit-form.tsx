"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { useSubmissionKey } from "@/components/forms/use-submission-key";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

/** An operational unit's name (its code and operator do not change). */
export function RenameUnitForm(props: { unit: { code: string; name: string }; action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  const formKey = useSubmissionKey(state);
  const name = !state.ok && state.values ? (state.values.name ?? "") : props.unit.name;
  return (
    <form action={formAction} noValidate aria-labelledby="unite-title" key={formKey}>
      <h2 id="unite-title">Renommer l&apos;unité {props.unit.code}</h2>
      <FormFeedback state={state} formId="unite" successTitle="Unité renommée" />
      <input type="hidden" name="code" value={props.unit.code} />
      <Input label="Nom de l'unité" nativeInputProps={{ ...fieldProps("unite", "name"), defaultValue: name, required: true }} {...fieldState(state, "name")} />
      <Button type="submit" disabled={pending}>
        {pending ? "Enregistrement…" : "Enregistrer le nom"}
      </Button>
    </form>
  );
}
