"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldProps, fieldState } from "@/components/forms/form-feedback";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";
import { PURGE_CONFIRMATION } from "@/lib/schemas/programme";

// The irreversible purge: the administrator types the confirmation phrase, then the button
// shows the pending state and, once done, what was deleted.
export function PurgeForm({ action }: { action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="fr-mb-4w">
      <FormFeedback state={state} formId="purge" successTitle="Données individuelles purgées" />
      <Input
        label="Phrase de confirmation"
        hintText={`Recopiez exactement : ${PURGE_CONFIRMATION}`}
        nativeInputProps={{ ...fieldProps("purge", "confirmation"), autoComplete: "off", defaultValue: state.ok ? "" : state.values?.confirmation }}
        {...fieldState(state, "confirmation")}
      />
      <Button type="submit" priority="primary" iconId="fr-icon-delete-line" disabled={pending}>
        {pending ? "Purge en cours…" : "Purger définitivement les données individuelles"}
      </Button>
      {pending && (
        <p role="status" className="fr-text--sm fr-mt-1w">
          Suppression en cours, en une seule transaction : rien n&apos;est supprimé si elle échoue.
        </p>
      )}
    </form>
  );
}
