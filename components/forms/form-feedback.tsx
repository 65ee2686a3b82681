import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ActionState } from "@/lib/http/action-state-shared";

/** The form-level message of a server action (errors also appear next to each field). */
export function FormFeedback({ state, successTitle }: { state: ActionState; successTitle?: string }) {
  if (!state.message) return null;
  return (
    <div role={state.ok ? "status" : "alert"} className="fr-mb-3w" data-testid="form-feedback">
      <Alert small severity={state.ok ? "success" : "error"} description={state.message} title={state.ok ? (successTitle ?? "") : ""} />
    </div>
  );
}

/** DSFR input state props for the field at `path`. */
export function fieldState(state: ActionState, path: string): { state?: "error"; stateRelatedMessage?: string } {
  const message = state.fieldErrors?.[path];
  return message ? { state: "error", stateRelatedMessage: message } : {};
}
