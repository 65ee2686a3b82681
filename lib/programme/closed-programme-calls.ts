import { PURGE_RECORDED_SQL } from "@/lib/programme/programme-status";

// After the end-of-programme purge the submissions log is gone with the rest of the individual
// data, and must not fill up again with who called from where: a refused call is then only
// counted, per day, endpoint and status (closed_programme_call), with nothing individual. The
// check is part of the statement, which waits on the purge's table locks and so sees it.
/** A CTE `purged(yes)`: whether the end-of-programme purge has been recorded. */
export const PURGED_CTE = `purged AS (
  SELECT ${PURGE_RECORDED_SQL} AS yes
)`;

/** A CTE `counted` counting one call ($endpoint, $status) in closed_programme_call when purged. */
export const countClosedProgrammeCall = (endpoint: string, status: string) => `counted AS (
  INSERT INTO closed_programme_call AS k (day, endpoint, http_status, calls)
  SELECT (now() AT TIME ZONE 'Europe/Paris')::date, ${endpoint}, ${status}::int, 1 FROM purged WHERE purged.yes
  ON CONFLICT (day, endpoint, http_status) DO UPDATE SET calls = k.calls + 1
  RETURNING 1
)`;
