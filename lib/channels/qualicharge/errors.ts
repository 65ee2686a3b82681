import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/platform/errors";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@/lib/platform/db/unavailable";
import { ProtocolFailure } from "@/lib/platform/server/protocol-failure";
import { getEnv } from "@/lib/platform/env";

// Errors of the QualiCharge door, in QualiCharge's own shapes (../shared/docs/QUALICHARGE.md,
// "Conventions"): the messages are the protocol's, in English, because operators' clients written
// for QualiCharge read them. `qualichargeFailure` is the door's one translator: whatever a
// handler throws becomes one of these answers.

export interface QualichargeAnswer {
  status: number;
  /** JSON-serialisable body; undefined for an answer without body (204). */
  body: unknown;
  headers?: Record<string, string>;
}

/** One item of a 422's `detail`, as FastAPI writes it (pydantic's error). */
export interface ValidationDetail {
  type: string;
  /** ["body", field] or, in a bulk, ["body", index, field]; ["query", name] for a query parameter. */
  loc: (string | number)[];
  msg: string;
  input?: unknown;
}

export class QualichargeError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === "object" && body !== null ? JSON.stringify(body) : String(body));
    this.name = "QualichargeError";
  }
}

const BEARER = { "WWW-Authenticate": "Bearer" };

/** No token at all (FastAPI's OAuth2PasswordBearer). */
export function notAuthenticated(): QualichargeError {
  return new QualichargeError(401, { detail: "Not authenticated" }, BEARER);
}

/** A token or credentials that do not authenticate: bad signature, expired, unknown or inactive user. */
export function authenticationFailed(reason: string): QualichargeError {
  return new QualichargeError(401, { message: `Authentication failed: ${reason}` }, BEARER);
}

/** A missing scope, or a point outside the user's operational units (QualiCharge's spelling). */
export function insufficientPermissions(reason: string): QualichargeError {
  return new QualichargeError(403, { message: `Unsufficient permissions: ${reason}` });
}

export function validationFailed(detail: ValidationDetail[]): QualichargeError {
  return new QualichargeError(422, { detail });
}

/** Any other error: `{"detail": text}` with its status (400, 404, 406, 409, 413, 415, 429…). */
export function detailError(status: number, text: string, headers: Record<string, string> = {}): QualichargeError {
  return new QualichargeError(status, { detail: text }, headers);
}

/** The door's one translator: every failure, expected or not, as QualiCharge would answer it. */
export function qualichargeFailure(error: unknown): QualichargeAnswer {
  if (error instanceof QualichargeError) return { status: error.status, body: error.body, headers: error.headers };
  if (error instanceof ProtocolFailure) return { status: error.status, body: { detail: error.message } };
  if (isDatabaseUnavailable(error))
    return {
      status: 503,
      body: { detail: "Service temporarily unavailable: the database cannot be reached, please retry" },
      headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
    };
  if (error instanceof AppError) {
    const headers: Record<string, string> = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : {};
    return { status: error.status, body: { detail: error.message }, headers };
  }
  const id = randomUUID();
  if (getEnv().LOG_ERRORS) console.error(`[qualicharge] unexpected error ${id}`, error);
  return { status: 500, body: { detail: `Internal Server Error (${id})` } };
}
