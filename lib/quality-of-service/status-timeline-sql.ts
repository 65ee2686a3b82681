import { sql, type SqlFragment } from "@/lib/platform/db/sql";

// The statuses of a range of Paris days as SQL common table expressions, shared by the
// computation of the days and of the out-of-service episodes (compute-qos-days.ts, ADR 0024).
// Production statuses only (the sandbox is a client's test ground).
//
//   qos_points  the points that report statuses, alive during the range: a point counts from its
//               declaration, or from its first status when that came first (a status may be
//               stamped up to a day before it is sent), to its decommissioning or withdrawal, once
//               it has sent a first status before the range's end (it has a status in force at the
//               range's start or a status in the range: qos_raw);
//   qos_events  per point, the status in force at the range's start (the last one stamped
//               before it) then every status stamped in the range, in the order of `horodatage`
//               (ties: the last received wins, as for the latest status, ADR 0019), each with
//               the instant the next one takes over (`next_at`, NULL for the last).
// The order of arrival never matters: a status received late takes its place in the history.

export interface TimelineRange {
  /** The range's first Paris day and the day after its last ("YYYY-MM-DD"). */
  fromDay: string;
  toDay: string;
  /** Paris midnight of fromDay and of toDay. */
  start: Date;
  end: Date;
}

export function timelineCtes(range: TimelineRange): SqlFragment {
  return sql`
qos_candidates AS (
  SELECT cp.id, cp.station_id, cp.created_at,
         least(${range.end}::timestamptz, coalesce(cp.decommissioned_at, 'infinity'),
               coalesce(cp.withdrawn_on::timestamp AT TIME ZONE 'Europe/Paris', 'infinity')) AS life_to
    FROM charge_point cp
   WHERE cp.created_at < ${range.end}::timestamptz
     AND (cp.decommissioned_at IS NULL OR cp.decommissioned_at > ${range.start}::timestamptz)
     AND (cp.withdrawn_on IS NULL OR cp.withdrawn_on > ${range.fromDay}::date)
), qos_raw AS (
  SELECT p.id AS point_id, e.horodatage, e.etat_pdc, e.occupation_pdc, e.received_at, e.id, false AS in_range
    FROM qos_candidates p
    CROSS JOIN LATERAL (
      SELECT s.horodatage, s.etat_pdc, s.occupation_pdc, s.received_at, s.id
        FROM status_event s
       WHERE s.station_id = p.station_id AND s.charge_point_id = p.id AND s.env = 'production'
         AND s.horodatage = (SELECT max(m.horodatage) FROM status_event m
                              WHERE m.station_id = p.station_id AND m.charge_point_id = p.id AND m.env = 'production'
                                AND m.horodatage < ${range.start}::timestamptz)
       ORDER BY s.received_at DESC, s.id DESC
       LIMIT 1
    ) e
  UNION ALL
  -- Each point's statuses by its own range of the primary key (OFFSET 0 keeps it a lateral index
  -- scan: a join would read whole monthly partitions for one day).
  SELECT p.id, s.horodatage, s.etat_pdc, s.occupation_pdc, s.received_at, s.id, true
    FROM qos_candidates p
    CROSS JOIN LATERAL (
      SELECT s.horodatage, s.etat_pdc, s.occupation_pdc, s.received_at, s.id
        FROM status_event s
       WHERE s.station_id = p.station_id AND s.charge_point_id = p.id AND s.env = 'production'
         AND s.horodatage >= ${range.start}::timestamptz AND s.horodatage < ${range.end}::timestamptz
      OFFSET 0
    ) s
), qos_points AS (
  SELECT p.id, p.station_id, greatest(${range.start}::timestamptz, least(p.created_at, f.first_at)) AS life_from, p.life_to
    FROM qos_candidates p JOIN (SELECT point_id, min(horodatage) AS first_at FROM qos_raw GROUP BY point_id) f ON f.point_id = p.id
), qos_events AS (
  SELECT r.*, lead(r.horodatage) OVER w AS next_at,
         count(*) FILTER (WHERE r.etat_pdc = 'en_service') OVER (w ROWS UNBOUNDED PRECEDING) AS service_run
    FROM qos_raw r
  WINDOW w AS (PARTITION BY r.point_id ORDER BY r.horodatage, r.received_at, r.id)
)`;
}
