"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { useSubmissionKey } from "@/components/forms/use-submission-key";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";
import type { OperatorChoice } from "./choices";

/** An operational unit: the AFIREV prefix of an operator's eMI3 ids. */
export function CreateUnitForm(props: { operators: OperatorChoice[]; action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  const formKey = useSubmissionKey(state);
  const v = (name: string) => (state.ok ? "" : (state.values?.[name] ?? ""));
  return (
    <form action={formAction} noValidate aria-labelledby="unite-title" key={formKey}>
      <h2 id="unite-title">Nouvelle unité opérationnelle</h2>
      <FormFeedback state={state} formId="unite" successTitle="Unité créée" />
      <Input
        label="Code AFIREV"
        hintText="5 caractères : FR suivi de 3 lettres ou chiffres, préfixe des identifiants eMI3 (ex. FRXYZ)"
        nativeInputProps={{ ...fieldProps("unite", "code"), defaultValue: v("code"), required: true, maxLength: 5, autoComplete: "off" }}
        {...fieldState(state, "code")}
      />
      <Input
        label="Nom de l'unité"
        nativeInputProps={{ ...fieldProps("unite", "name"), defaultValue: v("name"), required: true }}
        {...fieldState(state, "name")}
      />
      <Select
        label="Opérateur"
        nativeSelectProps={{ ...fieldProps("unite", "operatorId"), defaultValue: v("operatorId"), required: true }}
        {...fieldState(state, "operatorId")}
      >
        <option value="" disabled>
          Choisir un opérateur
        </option>
        {props.operators.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </Select>
      <Button type="submit" disabled={pending}>
        {pending ? "Création…" : "Créer l'unité"}
      </Button>
    </form>
  );
}
