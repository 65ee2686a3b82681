"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { fieldId } from "@/components/forms/error-summary";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { useSubmissionKey } from "@/components/forms/use-submission-key";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";
import { CHECKBOX_PREFIX, type OperatorChoice, type UnitChoice } from "./choices";

/** A group holding operational units: created (with its operator) or edited (name and units). */
export function ApiGroupForm(props: {
  operators?: OperatorChoice[];
  units: UnitChoice[];
  group?: { id: string; name: string; unitCodes: string[] };
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  const formKey = useSubmissionKey(state);
  const editing = props.group !== undefined;
  const failed = !state.ok && state.values !== undefined;
  const v = (name: string) => (failed ? (state.values?.[name] ?? "") : name === "name" ? (props.group?.name ?? "") : "");
  const checked = (code: string) =>
    failed ? state.values?.[`${CHECKBOX_PREFIX.unitCodes}${code}`] === "on" : (props.group?.unitCodes.includes(code) ?? false);
  const units = fieldState(state, "unitCodes");
  return (
    <form action={formAction} noValidate aria-labelledby="groupe-title" key={formKey}>
      <h2 id="groupe-title">{editing ? `Modifier le groupe ${props.group?.name}` : "Nouveau groupe"}</h2>
      <FormFeedback state={state} formId="groupe" successTitle={editing ? "Groupe modifié" : "Groupe créé"} />
      {props.group && <input type="hidden" name="groupId" value={props.group.id} />}
      <Input
        label="Nom du groupe"
        nativeInputProps={{ ...fieldProps("groupe", "name"), defaultValue: v("name"), required: true }}
        {...fieldState(state, "name")}
      />
      {props.operators && (
        <Select
          label="Opérateur du groupe"
          hint="Ses unités doivent être les siennes. Aucun : l'opérateur technique du portail."
          nativeSelectProps={{ ...fieldProps("groupe", "operatorId"), defaultValue: v("operatorId") }}
          {...fieldState(state, "operatorId")}
        >
          <option value="">Aucun (opérateur technique)</option>
          {props.operators.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </Select>
      )}
      {props.units.length === 0 ? (
        <p>Aucune unité opérationnelle : créez-en d&apos;abord.</p>
      ) : (
        <Checkbox
          id={fieldId("groupe", "unitCodes")}
          legend="Unités opérationnelles du groupe"
          hintText="Les points dont l'identifiant commence par ces codes sont ceux des utilisateurs du groupe."
          options={props.units.map((u) => ({
            label: `${u.code} — ${u.name}`,
            hintText: u.operatorName,
            nativeInputProps: { name: `${CHECKBOX_PREFIX.unitCodes}${u.code}`, defaultChecked: checked(u.code) },
          }))}
          state={units.state}
          stateRelatedMessage={units.stateRelatedMessage}
        />
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Enregistrement…" : editing ? "Enregistrer le groupe" : "Créer le groupe"}
      </Button>
    </form>
  );
}
