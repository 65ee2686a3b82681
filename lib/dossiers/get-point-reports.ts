import { rawSql } from "@/lib/platform/db/database";

// What each charge point last reported, production data only (the beneficiary's real data; a
// sandbox is the operator's or the relay's rehearsal): its latest status (charge_point_status,
// any door) and when the portal last received something from it, a status or a charge.
//
// One statement for a dossier's points, each read through its keys (station_id, charge_point_id):
//   - the latest status: charge_point_status's primary key;
//   - the last report: the greatest received_at of the latest status, of the status events dated
//     in the last RECENT_DAYS (status_event's primary-key prefix, the older monthly partitions
//     pruned), of the point's charges that started in that window and of its latest charge
//     (charge_operation's (charge_point_id, start_at) index). Bounded whatever the point's
//     history: an event or a charge dated before the window and received later than all of these
//     is not seen (a relay catching up on weeks-old data).
// Load curves carry no point (a GIREVE intermediate record is the station's until its final
// record makes the charge), so they do not count here.

export const RECENT_DAYS = 7;

export interface PointReport {
  /** Null when the point has no status yet. */
  status: { etatPdc: string; occupationPdc: string; horodatage: Date; receivedAt: Date } | null;
  /** Last status or charge received, null when none. */
  lastReportAt: Date | null;
}

interface Row {
  charge_point_id: string;
  etat_pdc: string | null;
  occupation_pdc: string | null;
  horodatage: Date | string | null;
  status_received_at: Date | string | null;
  last_report_at: Date | string | null;
}

const SQL = `
SELECT p.charge_point_id::text AS charge_point_id, s.etat_pdc, s.occupation_pdc, s.horodatage, s.received_at AS status_received_at,
       greatest(s.received_at, e.received_at, o.received_at, l.received_at) AS last_report_at
  FROM unnest($1::uuid[], $2::uuid[]) AS p(station_id, charge_point_id)
  LEFT JOIN charge_point_status s
         ON s.station_id = p.station_id AND s.charge_point_id = p.charge_point_id AND s.env = 'production'
  LEFT JOIN LATERAL (
    SELECT max(e.received_at) AS received_at FROM status_event e
     WHERE e.station_id = p.station_id AND e.charge_point_id = p.charge_point_id AND e.horodatage >= $3::timestamptz AND e.env = 'production'
  ) e ON true
  LEFT JOIN LATERAL (
    SELECT max(o.received_at) AS received_at FROM charge_operation o
     WHERE o.charge_point_id = p.charge_point_id AND o.station_id = p.station_id AND o.start_at >= $3::timestamptz AND o.env = 'production'
  ) o ON true
  LEFT JOIN LATERAL (
    SELECT o.received_at FROM charge_operation o
     WHERE o.charge_point_id = p.charge_point_id AND o.station_id = p.station_id AND o.env = 'production'
     ORDER BY o.start_at DESC LIMIT 1
  ) l ON true`;

const date = (v: Date | string) => new Date(v);

/** Reports of the given points (the caller has checked the viewer may see them), keyed by point id. */
export async function getPointReports(points: { stationId: string; chargePointId: string }[], options: { now?: Date } = {}): Promise<Map<string, PointReport>> {
  const result = new Map<string, PointReport>();
  if (points.length === 0) return result;
  const since = new Date((options.now ?? new Date()).getTime() - RECENT_DAYS * 86_400_000);
  const sql = await rawSql();
  const rows = await sql.query<Row>(SQL, [points.map((p) => p.stationId), points.map((p) => p.chargePointId), since.toISOString()], {
    name: "dossiers_point_reports",
  });
  for (const r of rows)
    result.set(r.charge_point_id, {
      status:
        r.etat_pdc !== null && r.horodatage !== null && r.status_received_at !== null
          ? { etatPdc: r.etat_pdc, occupationPdc: r.occupation_pdc ?? "inconnu", horodatage: date(r.horodatage), receivedAt: date(r.status_received_at) }
          : null,
      lastReportAt: r.last_report_at === null ? null : date(r.last_report_at),
    });
  return result;
}
