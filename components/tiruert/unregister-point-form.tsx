"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { useSubmissionKey } from "@/components/forms/use-submission-key";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

/** Takes one registered point out of the scheme (filed statements keep it). */
export function UnregisterPointForm(props: {
  points: { chargePointId: string; idPdcItinerance: string }[];
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  const formKey = useSubmissionKey(state);
  return (
    <form action={formAction} noValidate aria-labelledby="retrait-title" key={formKey} className="fr-mt-6w">
      <h2 id="retrait-title">Retirer un point du dispositif</h2>
      <FormFeedback state={state} formId="retrait" successTitle="Point retiré" />
      <p className="fr-text--sm">Les états déjà déposés le gardent ; les prochains ne le comptent plus.</p>
      <Select
        label="Point enregistré"
        nativeSelectProps={{ ...fieldProps("retrait", "chargePointId"), defaultValue: "", required: true }}
        {...fieldState(state, "chargePointId")}
      >
        <option value="" disabled>
          Choisir un point
        </option>
        {props.points.map((p) => (
          <option key={p.chargePointId} value={p.chargePointId}>
            {p.idPdcItinerance}
          </option>
        ))}
      </Select>
      <Button type="submit" priority="secondary" disabled={pending}>
        {pending ? "Retrait…" : "Retirer le point"}
      </Button>
    </form>
  );
}
