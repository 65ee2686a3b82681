import { randomUUID } from "node:crypto";
import { getEnv } from "@/lib/platform/env";
import { isAppError, type AppError } from "@/lib/platform/errors";
import { AUTH_PATH, BODY_PATH, capMessages, isIngestError, SERVER_PATH } from "@/lib/channels/advenir/errors";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@/lib/platform/db/unavailable";
import { isProtocolFailure } from "@/lib/platform/server/protocol-failure";
import { WWW_AUTHENTICATE } from "@/lib/channels/advenir/operator-basic";
import type { AdvenirFailure, AdvenirMessage, AdvenirSuccess } from "@/lib/schemas/advenir";

// The ADVENIR protocol's answers: {"statut":"OK",…} or {"statut":"ECHEC","erreurs":[…]}, built
// here and nowhere else (the Node server's raw socket answers too, through advenir-door.ts).
// One translator from thrown errors to failures: expected errors (the AppError family, of which
// IngestError is the channel's member) keep
// their French messages and status; anything else is a 500 with an id to quote, logged here
// and only here, with no internals in the answer. A database that cannot be reached is not a
// bug: 503 with Retry-After (the client retries; the server recovers when PostgreSQL is back).

export function databaseUnavailable(): AdvenirAnswer {
  return {
    status: 503,
    body: {
      statut: "ECHEC",
      erreurs: [
        {
          chemin: SERVER_PATH,
          message: `base de données momentanément indisponible : rien n'a été enregistré ; réessayez dans ${DATABASE_RETRY_AFTER_SECONDS} s`,
        },
      ],
    },
    headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
  };
}

export interface AdvenirAnswer {
  status: number;
  body: AdvenirSuccess | AdvenirFailure;
  headers: Record<string, string>;
}

export function advenirSuccess(result: { recus: number; enregistres: number; inchanges: number; avertissements: AdvenirMessage[] }): AdvenirAnswer {
  return {
    status: 200,
    body: { statut: "OK", recus: result.recus, enregistres: result.enregistres, inchanges: result.inchanges, avertissements: result.avertissements },
    headers: {},
  };
}

/** The protocol's {chemin, message} list of an expected error. */
function messagesOf(error: AppError): AdvenirMessage[] {
  if (isIngestError(error)) return error.errors;
  if (error.fields.length) return error.fields.map((f) => ({ chemin: f.path, message: f.message }));
  return [{ chemin: error.status === 401 || error.status === 429 ? AUTH_PATH : BODY_PATH, message: error.message }];
}

export function advenirFailure(error: unknown): AdvenirAnswer {
  // A timeout or broken framing met while reading the body (lib/platform/server/guarded-body.ts).
  if (isProtocolFailure(error))
    return { status: error.status, body: { statut: "ECHEC", erreurs: [{ chemin: BODY_PATH, message: error.message }] }, headers: {} };
  if (isAppError(error)) {
    const headers: Record<string, string> = isIngestError(error) ? { ...error.headers } : {};
    if (error.status === 401) headers["WWW-Authenticate"] = WWW_AUTHENTICATE;
    if (error.status === 429 && error.retryAfterSeconds && !headers["Retry-After"]) headers["Retry-After"] = String(error.retryAfterSeconds);
    return { status: error.status, body: { statut: "ECHEC", erreurs: capMessages(messagesOf(error)) }, headers };
  }
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  const reference = randomUUID();
  if (getEnv().LOG_ERRORS) console.error(`[api advenir] erreur inattendue ${reference}`, error);
  return {
    status: 500,
    body: {
      statut: "ECHEC",
      erreurs: [
        { chemin: "(serveur)", message: `erreur interne : rien n'a été enregistré ; réessayez plus tard ou communiquez la référence ${reference} au support` },
      ],
      reference,
    },
    headers: {},
  };
}

export function answerHeaders(answer: AdvenirAnswer): Record<string, string> {
  return { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...answer.headers };
}

export function toResponse(answer: AdvenirAnswer): Response {
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers: answerHeaders(answer) });
}
