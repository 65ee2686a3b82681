import { isAppError } from "@/lib/platform/errors";
import { reportUnexpected } from "@/lib/platform/http/unexpected";

import type { ActionState } from "@/lib/platform/http/action-state-shared";

// Server half: turns what a server action threw into the state its form shows. Unexpected
// errors get an id to quote, no internals. Used by the action() wrapper (action.ts).

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
  const id = reportUnexpected("action", e);
  return { ok: false, message: `Erreur inattendue. Si elle persiste, communiquez ce code à l'assistance : ${id}.`, values };
}
