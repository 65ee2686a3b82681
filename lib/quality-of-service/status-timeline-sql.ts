import { sql, type SqlFragment } from "@/lib/platform/db/sql";

// The statuses of a range of Paris days, computed once into a temporary table (`qos_timeline`,
// dropped at the end of the transaction) that both statements of the computation read: the days
// and the out-of-service episodes (compute-qos-days.ts, ADR 0024). Production statuses only (the
// sandbox is a client's test ground).
//
// One row per status: per point, the status in force at the range's start (the last one stamped
// before it) then every status stamped in the range, in the order of `horodatage` (ties: the last
// received wins, as for the latest status, ADR 0019). The order of arrival never matters: a status
// received late takes its place in the history. Each row carries:
//   life_from, life_to  its point's life in the range: a point counts from its declaration, or from
//               its first status when that came first (a status may be stamped up to a day before
//               it is sent), to its decommissioning or withdrawal, once it has sent a first status
//               before the range's end (it has a status in force at the range's start or a status
//               in the range); the points without one have no row;
//   s_from, s_to  the time the status is in force within that life: from its `horodatage` until the
//               point's next status, for at most the validity (s_to <= s_from when it never is),
//               and the Paris days of its first and last instants (first_day, last_day);
//   seq         its rank in the point's history (1: the first row of the point);
//   service_run the number of `en_service` statuses up to it (an episode out of service is a run).

export interface TimelineRange {
  /** The range's first Paris day and the day after its last ("YYYY-MM-DD"). */
  fromDay: string;
  toDay: string;
  /** Paris midnight of fromDay and of toDay. */
  start: Date;
  end: Date;
}

// A range may be computed in parts, each for the stations of its own buckets (stationPart): a
// point's figures only depend on its own statuses, a station's on its points'.

/** The stations of part k of n: their bucket (0–63, from a hash of the station's id) modulo n is k. */
export const STATION_BUCKETS = 64;
export function stationPart(column: SqlFragment, part: { k: number; n: number }): SqlFragment {
  return sql`(hashtext(${column}::text) & ${sql.constant(STATION_BUCKETS - 1)}) % ${part.n}::int = ${part.k}::int`;
}

export const CREATE_TIMELINE = sql`
CREATE TEMPORARY TABLE qos_timeline (
  point_id uuid NOT NULL, station_id uuid NOT NULL, horodatage timestamptz NOT NULL, etat_pdc text NOT NULL,
  occupation_pdc text NOT NULL, received_at timestamptz NOT NULL, in_range boolean NOT NULL, seq bigint NOT NULL,
  service_run bigint NOT NULL, life_from timestamptz NOT NULL, life_to timestamptz NOT NULL,
  s_from timestamptz NOT NULL, s_to timestamptz NOT NULL, first_day date NOT NULL, last_day date NOT NULL
) ON COMMIT DROP`;

export function fillTimelineSql(range: TimelineRange, validitySeconds: number, part: { k: number; n: number }): SqlFragment {
  return sql`
INSERT INTO qos_timeline
WITH qos_candidates AS (
  SELECT cp.id, cp.station_id, cp.created_at,
         least(${range.end}::timestamptz, coalesce(cp.decommissioned_at, 'infinity'),
               coalesce(cp.withdrawn_on::timestamp AT TIME ZONE 'Europe/Paris', 'infinity')) AS life_to
    FROM charge_point cp
   WHERE cp.created_at < ${range.end}::timestamptz
     AND (cp.decommissioned_at IS NULL OR cp.decommissioned_at > ${range.start}::timestamptz)
     AND (cp.withdrawn_on IS NULL OR cp.withdrawn_on > ${range.fromDay}::date)
     AND ${stationPart(sql`cp.station_id`, part)}
), qos_raw AS (
  SELECT p.id AS point_id, p.station_id, p.created_at, p.life_to, e.horodatage, e.etat_pdc, e.occupation_pdc, e.received_at, e.id,
         false AS in_range
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
  SELECT p.id, p.station_id, p.created_at, p.life_to, s.horodatage, s.etat_pdc, s.occupation_pdc, s.received_at, s.id, true
    FROM qos_candidates p
    CROSS JOIN LATERAL (
      SELECT s.horodatage, s.etat_pdc, s.occupation_pdc, s.received_at, s.id
        FROM status_event s
       WHERE s.station_id = p.station_id AND s.charge_point_id = p.id AND s.env = 'production'
         AND s.horodatage >= ${range.start}::timestamptz AND s.horodatage < ${range.end}::timestamptz
      OFFSET 0
    ) s
), ordered AS (
  -- One window (one sort, one pass) over the point's history; its first row holds its first status.
  SELECT r.*, lead(r.horodatage) OVER w AS next_at, row_number() OVER w AS seq,
         count(*) FILTER (WHERE r.etat_pdc = 'en_service') OVER w AS service_run,
         greatest(${range.start}::timestamptz, least(r.created_at, first_value(r.horodatage) OVER w)) AS life_from
    FROM qos_raw r
  WINDOW w AS (PARTITION BY r.point_id ORDER BY r.horodatage, r.received_at, r.id ROWS UNBOUNDED PRECEDING)
)
SELECT point_id, station_id, horodatage, etat_pdc, occupation_pdc, received_at, in_range, seq, service_run, life_from, life_to,
       s_from, s_to, (s_from AT TIME ZONE 'Europe/Paris')::date, ((s_to - interval '1 millisecond') AT TIME ZONE 'Europe/Paris')::date
  FROM ordered,
       LATERAL (SELECT greatest(horodatage, life_from) AS s_from,
                       least(coalesce(next_at, ${range.end}::timestamptz), horodatage + ${validitySeconds}::double precision * interval '1 second',
                             life_to) AS s_to) AS s`;
}
