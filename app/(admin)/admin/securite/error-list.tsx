"use client";

import { ErrorSummary } from "@/components/forms/error-summary";

/** The security log's filter errors, as the portal's error summary (links to each field, focused). */
export function ErrorList({ errors }: { errors: Record<string, string> }) {
  return <ErrorSummary formId="securite" state={{ ok: false, message: "Le formulaire contient des erreurs.", fieldErrors: errors }} />;
}
