import { AppError, errorCodeOf } from "@/lib/platform/errors";
import type { AdvenirMessage } from "@/lib/schemas/advenir";

// The one error type of the ADVENIR channel: a member of the AppError family (lib/platform/errors.ts)
// whose messages are already in the protocol's {chemin, message} form. Messages are French and
// safe to send; lib/channels/advenir/advenir-response.ts, and only it, turns any AppError into
// {"statut":"ECHEC","erreurs":[…]}. OperatorAuthError (operator-basic.ts) is an IngestError.

export type IngestStatus = 400 | 401 | 403 | 408 | 413 | 415 | 422 | 429 | 431 | 503;

/** Most errors listed in one answer or one submission row. */
export const MAX_LISTED_MESSAGES = 1000;

export class IngestError extends AppError {
  constructor(
    readonly status: IngestStatus,
    readonly errors: AdvenirMessage[],
    readonly headers: Record<string, string> = {},
  ) {
    const retryAfter = Number(headers["Retry-After"]);
    super(
      errorCodeOf(status),
      errors[0]?.message ?? `erreur ${status}`,
      errors.map((e) => ({ path: e.chemin, message: e.message })),
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
    this.name = "IngestError";
  }
}

export function isIngestError(e: unknown): e is IngestError {
  return e instanceof IngestError;
}

/** Path of an element of the body: "<UserID>/<StationID>/<TransactionID>/…". */
export function pathOf(...parts: (string | number)[]): string {
  return parts.map(String).join("/");
}

/** Path used for errors about the body as a whole (JSON, size, encoding). */
export const BODY_PATH = "(corps)";
/** Path used for errors of the server's side (busy, database unavailable). */
export const SERVER_PATH = "(serveur)";
/** Path used for authentication errors. */
export const AUTH_PATH = "(authentification)";

/** Keeps the first `max` messages and says how many were left out. */
export function capMessages(list: AdvenirMessage[], max = MAX_LISTED_MESSAGES): AdvenirMessage[] {
  if (list.length <= max) return list;
  const kept = list.slice(0, max - 1);
  kept.push({ chemin: BODY_PATH, message: `… et ${list.length - kept.length} autres messages non listés` });
  return kept;
}
