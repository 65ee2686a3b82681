import { randomUUID } from "node:crypto";
import { getEnv } from "@/lib/platform/env";

// An unexpected error (anything not of the AppError family) is a bug or an outage: it is logged
// here with a generated id, and the person is shown that id only, never the error itself, so
// they can quote it to the support who finds it in the log.

/** Logs an unexpected error under a new id and returns the id. */
export function reportUnexpected(scope: string, error: unknown): string {
  const id = randomUUID();
  if (getEnv().LOG_ERRORS) console.error(`[${scope} ${id}] erreur inattendue`, error);
  return id;
}

/** What a route handler answers for an unexpected error. */
export function unexpectedMessage(id: string): string {
  return `Erreur inattendue, référence ${id}.`;
}
