"use client";

import { useState } from "react";

/**
 * A key that changes with every answer of a form's server action. React resets a form once its
 * action has run: inputs go back to their defaultValue (the submitted values, refilled after an
 * error), but a <select> goes back to its first option. A form keyed by this value is mounted
 * again instead, every field with its defaultValue.
 */
export function useSubmissionKey(state: object): number {
  const [seen, setSeen] = useState({ state, key: 0 });
  // Adjusting state while rendering, when the action's answer changes (React's documented pattern).
  if (seen.state !== state) setSeen({ state, key: seen.key + 1 });
  return seen.state === state ? seen.key : seen.key + 1;
}
