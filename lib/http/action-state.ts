import { randomUUID } from "node:crypto";
import { isAppError } from "@/lib/errors";
import { getEnv } from "@/lib/env";

// What a server action returns to its form: a French message, and errors keyed by field path
// so each is shown next to its input. Unexpected errors get an id to quote, no internals.
export interface ActionState {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** The submitted values, to refill the form after an error. */
  values?: Record<string, string>;
}

export const INITIAL_ACTION_STATE: ActionState = { ok: false };

export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") values[key] = value;
  return values;
}

export function actionError(e: unknown, values?: Record<string, string>): ActionState {
  if (isAppError(e)) {
    const fieldErrors: Record<string, string> = {};
    for (const f of e.fields) fieldErrors[f.path] ??= f.message;
    return { ok: false, message: e.fields.length > 0 ? "Le formulaire contient des erreurs." : e.message, fieldErrors, values };
  }
  const id = randomUUID();
  if (getEnv().LOG_ERRORS) console.error(`[action ${id}]`, e);
  return { ok: false, message: `Erreur inattendue. Si elle persiste, communiquez ce code à l'assistance : ${id}.`, values };
}
