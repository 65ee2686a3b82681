// Whether an error means "the database cannot be reached right now" (refused or dropped
// connection, server shutting down or starting, too many connections), as opposed to a bug or a
// refused statement: such a call is answered 503 with Retry-After, not 500, and the server
// recovers by itself once PostgreSQL is back (the pool opens new connections on demand).

/** Seconds a client is told to wait (Retry-After) while the database is unreachable, whatever door it came through. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** SQLSTATEs: connection exceptions (08…), shutdown and start-up (57P01–57P03), too many connections. */
function unavailableSqlState(code: string): boolean {
  return code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300";
}

/** Prisma's own codes for an unreachable server or a closed connection. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);

const MESSAGES = [
  /connection terminated/i,
  /terminating connection/i,
  /timeout exceeded when trying to connect/i,
  /client has encountered a connection error/i,
  /connection (was )?closed/i,
  /the database system is (starting up|shutting down)/i,
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && (NETWORK_CODES.has(e.code) || PRISMA_CODES.has(e.code) || (/^[0-9A-Z]{5}$/.test(e.code) && unavailableSqlState(e.code))))
    return true;
  if (typeof e.message === "string" && MESSAGES.some((m) => m.test(e.message as string))) return true;
  // An AggregateError (several addresses refused) or a driver error wrapping the socket's.
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
