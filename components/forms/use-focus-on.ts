"use client";

import { useEffect, useRef } from "react";

/**
 * Moves the focus to the returned element whenever `value` changes to something truthy: the
 * refusal of a form that answers in place (a file import), like the error summary of the
 * server-action forms (components/forms/error-summary.tsx). The element needs tabIndex={-1}.
 */
export function useFocusOn<T extends HTMLElement>(value: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (value) ref.current?.focus();
  }, [value]);
  return ref;
}
