import type { SqlExecutor } from "@/lib/platform/db/migrate";
import { PURGED_CTE, countClosedProgrammeCall } from "@/lib/programme/closed-programme-calls";

// The data API's failed authentications go to the security log (table security_event), never to
// the submissions journal of the operator whose login was tried: anyone who knows a login could
// otherwise fill that operator's console. One row per login, client address and hour holds a
// counter: a flood of attempts updates one row instead of adding rows. Unknown logins are kept
// as tried (the admin needs to see what is being guessed); their number of rows is bounded by the
// throttle, which blocks an address after API_BASIC_MAX_FAILURES_PER_IP failures, and blocked
// attempts on an unknown login are counted under one row per address and hour (BLOCKED_UNKNOWN_LOGIN).
// After the end-of-programme purge (which empties this log: it holds client addresses), a failed
// authentication is only counted anonymously in closed_programme_call, like every refused call.

/** Longest login kept (a longer one is cut): the column must not become a storage for junk. */
export const MAX_LOGIN_CHARS = 200;
/** The login recorded for attempts refused while blocked on a login that does not exist. */
export const BLOCKED_UNKNOWN_LOGIN = "(identifiant inconnu, adresse bloquée)";

export interface AuthFailure {
  /** The login tried, "" when the request carried none that could be read. */
  login: string;
  ipAddress: string;
  /** The operator owning the login, when it exists. */
  operatorId: string | null;
  /** Refused by the throttle (429) rather than a wrong secret or unknown login (401). */
  blocked: boolean;
  at: Date;
  /** The data API path called and the status answered (401 or 429), counted after the purge. */
  endpoint: string;
  httpStatus: number;
}

const UPSERT_SQL = `
WITH ${PURGED_CTE},
logged AS (
  INSERT INTO security_event (login, ip_address, hour_start, operator_id, failures, blocked, first_at, last_at)
  SELECT $1, $2, date_trunc('hour', $3::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', $4::uuid,
         CASE WHEN $5::boolean THEN 0 ELSE 1 END, CASE WHEN $5::boolean THEN 1 ELSE 0 END, $3::timestamptz, $3::timestamptz
  FROM purged WHERE NOT purged.yes
  ON CONFLICT (login, ip_address, hour_start) DO UPDATE SET
    failures = security_event.failures + EXCLUDED.failures,
    blocked = security_event.blocked + EXCLUDED.blocked,
    operator_id = COALESCE(EXCLUDED.operator_id, security_event.operator_id),
    last_at = GREATEST(security_event.last_at, EXCLUDED.last_at)
  RETURNING 1
),
${countClosedProgrammeCall("$6", "$7")}
SELECT (SELECT count(*)::int FROM logged) AS logged, (SELECT count(*)::int FROM counted) AS counted`;

/** Counts one failed authentication (one upsert statement, safe under concurrency). */
export async function recordAuthFailure(sql: SqlExecutor, failure: AuthFailure): Promise<void> {
  const login = failure.blocked && !failure.operatorId ? BLOCKED_UNKNOWN_LOGIN : failure.login.slice(0, MAX_LOGIN_CHARS);
  await sql.query(UPSERT_SQL, [login, failure.ipAddress.slice(0, 100), failure.at, failure.operatorId, failure.blocked, failure.endpoint, failure.httpStatus], {
    name: "advenir_security_event",
  });
}
