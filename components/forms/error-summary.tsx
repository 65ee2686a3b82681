"use client";

import { useEffect, useRef, type MouseEvent } from "react";
import type { ActionState } from "@/lib/platform/http/action-state-shared";

/** The id of a form's field: the error summary links to it, the input carries it. */
export function fieldId(formId: string, path: string): string {
  return `${formId}-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** A summary link moves the focus to its field; for a group (checkboxes, radios), to its first input. */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  const input = target?.matches("input, select, textarea") ? target : target?.querySelector<HTMLElement>("input, select, textarea");
  if (!input) return; // the plain link still scrolls to the anchor
  event.preventDefault();
  input.focus();
  input.scrollIntoView({ block: "center" });
}

/**
 * After a refused submit: a summary at the top of the form that lists every error with a link to
 * its field (the DSFR/RGAA pattern), and takes the focus so that screen-reader and keyboard users
 * start from it. Each error also shows next to its field.
 */
export function ErrorSummary({ state, formId }: { state: ActionState; formId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // A new answer of the action is a new state object: focus moves again after each refusal.
  useEffect(() => {
    if (!state.ok && state.message) ref.current?.focus();
  }, [state]);
  if (state.ok || !state.message) return null;
  const errors = Object.entries(state.fieldErrors ?? {});
  const titleId = `${formId}-erreurs`;
  const title =
    errors.length === 0 ? state.message : errors.length === 1 ? "Le formulaire contient 1 erreur" : `Le formulaire contient ${errors.length} erreurs`;
  return (
    <div ref={ref} tabIndex={-1} className="fr-alert fr-alert--error fr-mb-3w" aria-labelledby={titleId} data-testid="form-feedback" data-error-summary="">
      <h2 id={titleId} className="fr-alert__title">
        {title}
      </h2>
      {errors.length > 0 && (
        <>
          {state.message !== "Le formulaire contient des erreurs." && <p>{state.message}</p>}
          <ul>
            {errors.map(([path, message]) => (
              <li key={path}>
                <a href={`#${fieldId(formId, path)}`} onClick={(e) => focusField(e, fieldId(formId, path))}>
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
