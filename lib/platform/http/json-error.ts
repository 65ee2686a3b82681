import { HTTP_STATUS, type AppError } from "@/lib/platform/errors";

// The one JSON error body of the portal's own route handlers (indicators, operator submissions,
// IRVE import, CSV exports; not the ADVENIR data API, which answers in its protocol's shape):
//   { "erreur": "<French message>", "champ"?: "<first offending field>", "erreurs"?: [{ "champ", "message" }] }
// `erreurs` lists every field error when there are several causes (a refused file, by line).

export interface JsonErrorBody {
  erreur: string;
  champ?: string;
  erreurs?: { champ: string; message: string }[];
}

/** A refusal decided by the handler itself: status, French message, the field it is about. */
export function jsonError(status: number, message: string, field?: string): Response {
  return Response.json({ erreur: message, ...(field ? { champ: field } : {}) } satisfies JsonErrorBody, { status });
}

/** The body of an expected error of the AppError family. */
export function appErrorBody(error: AppError): JsonErrorBody {
  if (error.fields.length === 0) return { erreur: error.message };
  return { erreur: error.message, champ: error.fields[0].path, erreurs: error.fields.map((f) => ({ champ: f.path, message: f.message })) };
}

/** The answer to an expected error: its status, its body, Retry-After when it says how long to wait. */
export function appErrorResponse(error: AppError): Response {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds) headers["Retry-After"] = String(error.retryAfterSeconds);
  return Response.json(appErrorBody(error), { status: error.status ?? HTTP_STATUS[error.code], headers });
}
