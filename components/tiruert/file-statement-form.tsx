"use client";

import { useActionState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { FormFeedback } from "@/components/forms/form-feedback";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/platform/http/action-state-shared";

/**
 * Files the statement (or a correction): the version the person saw travels with the form, so a
 * double submit files once (lib/tiruert/file-statement.ts).
 */
export function FileStatementForm(props: {
  siren: string;
  year: number;
  quarter: number;
  expectedVersion: number;
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(props.action, INITIAL_ACTION_STATE);
  const label = props.expectedVersion === 0 ? "Déposer l'état" : `Déposer une correction (version ${props.expectedVersion + 1})`;
  return (
    <form action={formAction} aria-labelledby="depot-title">
      <h2 id="depot-title">{props.expectedVersion === 0 ? "Dépôt" : "Correction"}</h2>
      <FormFeedback state={state} formId="depot" />
      <input type="hidden" name="siren" value={props.siren} />
      <input type="hidden" name="year" value={props.year} />
      <input type="hidden" name="quarter" value={props.quarter} />
      <input type="hidden" name="expectedVersion" value={props.expectedVersion} />
      <p className="fr-text--sm">
        Le dépôt fige l&apos;état calculé à cet instant (sessions reçues jusqu&apos;au dépôt) et en calcule l&apos;empreinte SHA-256. Un état déposé n&apos;est
        plus modifié : une correction en crée une nouvelle version, les précédentes restent consultables.
      </p>
      <Button type="submit" disabled={pending}>
        {pending ? "Dépôt…" : label}
      </Button>
    </form>
  );
}
