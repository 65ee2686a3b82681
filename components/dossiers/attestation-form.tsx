"use client";

import { useActionState } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { fieldId } from "@/components/forms/error-summary";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

/** Signer, capacity and the explicit consent box; the text version shown travels with the form. */
export function AttestationForm(props: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  textVersion: string;
  defaultSignerName: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  const consentError = fieldState(state, "consent");
  return (
    <form action={formAction} noValidate>
      <FormFeedback state={state} formId="attestation" />
      <input type="hidden" name="textVersion" value={props.textVersion} />
      <Input
        label="Nom et prénom du signataire"
        nativeInputProps={{
          ...fieldProps("attestation", "signerName"),
          defaultValue: state.values?.signerName ?? props.defaultSignerName,
          required: true,
          autoComplete: "name",
        }}
        {...fieldState(state, "signerName")}
      />
      <Input
        label="Qualité du signataire"
        hintText="Par exemple : syndic, gérant, président, directeur général."
        nativeInputProps={{ ...fieldProps("attestation", "signerCapacity"), defaultValue: state.values?.signerCapacity ?? "", required: true }}
        {...fieldState(state, "signerCapacity")}
      />
      <Checkbox
        options={[
          {
            label:
              "Je consens à l'utilisation des données de recharge des stations de ce dossier aux seules fins du programme ADVENIR, dans les conditions de confidentialité décrites ci-dessus, et j'atteste sur l'honneur l'exactitude de ces déclarations.",
            nativeInputProps: { name: "consent", required: true },
          },
        ]}
        id={fieldId("attestation", "consent")}
        state={consentError.state}
        stateRelatedMessage={consentError.stateRelatedMessage}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Signature…" : "Signer l'attestation"}
      </Button>
    </form>
  );
}
