import { sql, type SqlFragment } from "@/lib/platform/db/sql";
import { MATCH_SLACK_S, type DataQualityRule } from "@/lib/data-quality/rule";

// Statuses against sessions, per operational unit: the QualiCharge sessions received during the
// day (dq_charges, kind 'session') and the statuses stamped during the day (dq_statuses), each
// looked up in the other table around its time (MATCH_SLACK_S either side for the lookups of X2
// and X3: a status and a session come from two systems whose clocks differ a little).

const SLACK = sql`(${MATCH_SLACK_S}::double precision * interval '1 second')`;

/** Sessions that can be placed in time (start ≤ end, at most 7 days: D7 and D8 count the others), with `extra` looked up per session. */
const sessionRows = (lateral: SqlFragment, detail: SqlFragment, breaks: SqlFragment) =>
  sql`SELECT c.scope_kind, c.scope_code, c.operator_id, c.ref, c.start_at AS at, ${detail} AS detail, ${breaks} AS breaks
        FROM dq_charges c CROSS JOIN LATERAL (${lateral}) n
       WHERE c.kind = 'session' AND c.start_at <= c.stop_at AND c.stop_at - c.start_at <= interval '7 days'`;

export const CROSS_RULES: readonly DataQualityRule[] = [
  {
    code: "X1",
    family: "across",
    label: "Nombre de statuts par session hors de 1 à 30",
    explanation:
      "Pendant une session, le point n'a envoyé aucun statut ou en a envoyé plus de 30 : une session commence et finit par des changements de statut, sans répétitions sans fin.",
    tolerance: "0.1",
    scopes: ["unit"],
    rows: () =>
      sessionRows(
        sql`SELECT count(*) AS n FROM status_event e
             WHERE e.station_id = c.station_id AND e.charge_point_id = c.point_id AND e.env = 'production'
               AND e.horodatage >= c.start_at AND e.horodatage <= c.stop_at`,
        sql`n.n || ' statut(s) pendant la session'`,
        sql`n.n NOT BETWEEN 1 AND 30`,
      ),
  },
  {
    code: "X2",
    family: "across",
    label: "Occupé sans session",
    explanation:
      "Un statut dit le point occupé mais aucune session de ce point ne couvre ce moment (à 5 minutes près) : des sessions manquent, ou l'occupation est fausse.",
    tolerance: "0.2",
    scopes: ["unit"],
    rows: () =>
      sql`SELECT 'unit' AS scope_kind, s.scope_code, s.operator_id, s.id_pdc AS ref, s.horodatage AS at, 'aucune session à ce moment' AS detail,
                 NOT EXISTS (SELECT 1 FROM charge_operation x
                              WHERE x.station_id = s.station_id AND x.charge_point_id = s.point_id AND x.env = 'production'
                                AND x.start_at <= s.horodatage + ${SLACK} AND x.start_at >= s.horodatage - interval '7 days' - ${SLACK}
                                AND x.stop_at >= s.horodatage - ${SLACK}) AS breaks
            FROM dq_statuses s WHERE s.occupation = 'occupe'`,
  },
  {
    code: "X3",
    family: "across",
    label: "Session sans statut occupé",
    explanation: "Aucun statut « occupé » du point n'a été reçu pendant la session (à 5 minutes près) : les statuts ne suivent pas l'usage réel du point.",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () =>
      sessionRows(
        sql`SELECT count(*) AS n FROM status_event e
             WHERE e.station_id = c.station_id AND e.charge_point_id = c.point_id AND e.env = 'production' AND e.occupation_pdc = 'occupe'
               AND e.horodatage >= c.start_at - ${SLACK} AND e.horodatage <= c.stop_at + ${SLACK}`,
        sql`'aucun statut occupé pendant la session'`,
        sql`n.n = 0`,
      ),
  },
];
