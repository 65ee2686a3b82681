"use client";

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ActionState } from "@/lib/platform/http/action-state-shared";
import { ErrorSummary, fieldId } from "@/components/forms/error-summary";

/**
 * The form-level answer of a server action: the success message, or the error summary (every
 * error linked to its field, focused: components/forms/error-summary.tsx).
 */
export function FormFeedback({ state, formId, successTitle }: { state: ActionState; formId: string; successTitle?: string }) {
  if (!state.message) return null;
  if (!state.ok) return <ErrorSummary state={state} formId={formId} />;
  return (
    <div role="status" className="fr-mb-3w" data-testid="form-feedback">
      <Alert small severity="success" description={state.message} title={successTitle ?? ""} />
    </div>
  );
}

/** DSFR input state props for the field at `path`. */
export function fieldState(state: ActionState, path: string): { state?: "error"; stateRelatedMessage?: string } {
  const message = state.fieldErrors?.[path];
  return message ? { state: "error", stateRelatedMessage: message } : {};
}

/** Native props of a field: its name and the id the error summary links to. */
export function fieldProps(formId: string, name: string): { name: string; id: string } {
  return { name, id: fieldId(formId, name) };
}
