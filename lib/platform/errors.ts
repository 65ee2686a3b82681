// The one family of expected errors. An AppError carries an HTTP status, a French message safe
// to show, the offending fields with their paths, and how long to wait before trying again.
// The ADVENIR channel's IngestError (lib/channels/advenir/errors.ts) is a member of the family.
// Anything else thrown is unexpected: it is logged with an id and answered with that id only
// (lib/platform/http/unexpected.ts).

export type ErrorCode =
  | "INVALID_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "TIMEOUT"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UNPROCESSABLE"
  | "TOO_MANY_REQUESTS"
  | "HEADERS_TOO_LARGE"
  | "UNAVAILABLE";

export const HTTP_STATUS = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
  HEADERS_TOO_LARGE: 431,
  UNAVAILABLE: 503,
} as const satisfies Record<ErrorCode, number>;

export type ErrorStatus = (typeof HTTP_STATUS)[ErrorCode];

const CODE_OF_STATUS = new Map<number, ErrorCode>(Object.entries(HTTP_STATUS).map(([code, status]) => [status, code as ErrorCode]));

/** The code of a status of the family (every status a member may carry has one). */
export function errorCodeOf(status: ErrorStatus): ErrorCode {
  return CODE_OF_STATUS.get(status)!;
}

export interface FieldError {
  /** Path of the offending field, e.g. "stations.0.nominalPowerKw". */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
    this.status = HTTP_STATUS[code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
