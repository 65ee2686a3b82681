import { sql, type SqlFragment } from "@/lib/platform/db/sql";
import type { DataQualityRule } from "@/lib/data-quality/rule";

// Statuses (status_event, production), per operational unit: those stamped during the day
// (staging.ts, dq_statuses), per status or per point; T6 and T7 read each point's latest status
// (charge_point_status) as it is when the day is computed.

const statusRows = (detail: SqlFragment, breaks: SqlFragment) =>
  sql`SELECT 'unit' AS scope_kind, s.scope_code, s.operator_id, s.id_pdc AS ref, s.horodatage AS at, ${detail} AS detail, ${breaks} AS breaks
        FROM dq_statuses s`;

const STATUS = sql`s.etat || ' / ' || s.occupation`;

export const STATUS_RULES: readonly DataQualityRule[] = [
  {
    code: "T1",
    family: "statuses",
    label: "Occupé alors que hors service ou inconnu",
    explanation: "Un statut dit le point occupé alors que son état est hors service ou inconnu : les deux informations se contredisent.",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () => statusRows(STATUS, sql`s.occupation = 'occupe' AND s.etat IN ('hors_service', 'inconnu')`),
  },
  {
    code: "T2",
    family: "statuses",
    label: "Horodatage avant 2024 ou dans le futur",
    explanation:
      "L'horodatage du statut est antérieur au 1er janvier 2024 ou postérieur à sa réception par le portail : l'horloge de la supervision est fausse.",
    tolerance: "0",
    scopes: ["unit"],
    rows: () =>
      statusRows(
        sql`'reçu le ' || to_char(s.received_at AT TIME ZONE 'Europe/Paris', 'DD/MM/YYYY HH24:MI:SS')`,
        sql`s.horodatage < '2024-01-01T00:00:00Z'::timestamptz OR s.horodatage > s.received_at`,
      ),
  },
  {
    code: "T3",
    family: "statuses",
    label: "Statuts en double",
    explanation: "Plusieurs statuts d'un même point portent le même horodatage : seul le premier reçu compte, les autres sont des doublons.",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () =>
      sql`SELECT 'unit' AS scope_kind, s.scope_code, s.operator_id, s.id_pdc AS ref, s.horodatage AS at, 'doublon n° ' || (s.rn - 1) AS detail, s.rn > 1 AS breaks
            FROM (SELECT s.*, row_number() OVER (PARTITION BY s.point_id, s.horodatage ORDER BY s.received_at, s.id) AS rn FROM dq_statuses s) s`,
  },
  {
    code: "T4",
    family: "statuses",
    label: "Délai moyen de réception supérieur à 300 s",
    explanation:
      "Pour ce point, les statuts du jour sont arrivés en moyenne plus de 5 minutes après leur horodatage : la disponibilité affichée aux usagers est en retard.",
    tolerance: "0.05",
    scopes: ["unit"],
    rows: () =>
      sql`SELECT 'unit' AS scope_kind, s.scope_code, s.operator_id, s.id_pdc AS ref, NULL::timestamptz AS at,
                 'délai moyen ' || round(avg(extract(epoch FROM s.received_at - s.horodatage))) || ' s sur ' || count(*) || ' statut(s)' AS detail,
                 avg(extract(epoch FROM s.received_at - s.horodatage)) > 300 AS breaks
            FROM dq_statuses s GROUP BY s.scope_code, s.operator_id, s.point_id, s.id_pdc`,
  },
  {
    code: "T5",
    family: "statuses",
    label: "Plus de 1 440 statuts par point et par jour",
    explanation: "Ce point a envoyé plus de 1 440 statuts dans la journée (plus d'un par minute en moyenne) : la supervision répète des statuts inchangés.",
    tolerance: "0.01",
    scopes: ["unit"],
    rows: () =>
      sql`SELECT 'unit' AS scope_kind, s.scope_code, s.operator_id, s.id_pdc AS ref, NULL::timestamptz AS at,
                 count(*) || ' statuts' AS detail, count(*) > 1440 AS breaks
            FROM dq_statuses s GROUP BY s.scope_code, s.operator_id, s.point_id, s.id_pdc`,
  },
  {
    code: "T6",
    family: "statuses",
    label: "Dernier statut de plus d'un mois",
    explanation: "Le dernier statut reçu du point date de plus de 30 jours à la fin de la journée : sa supervision ne le suit plus.",
    tolerance: "0.02",
    scopes: ["unit"],
    rows: (w) =>
      sql`SELECT 'unit' AS scope_kind, p.scope_code, p.operator_id, p.id_pdc AS ref, l.horodatage AS at,
                 'dernier statut le ' || to_char(l.horodatage AT TIME ZONE 'Europe/Paris', 'DD/MM/YYYY') AS detail,
                 l.horodatage < ${w.to}::timestamptz - interval '30 days' AS breaks
            FROM dq_points p
            JOIN charge_point_status l ON l.station_id = p.station_id AND l.charge_point_id = p.point_id AND l.env = 'production'`,
  },
  {
    code: "T7",
    family: "statuses",
    label: "Point qui n'a jamais envoyé de statut",
    explanation: "Le point est déclaré depuis avant ce jour mais le portail n'a jamais reçu de statut pour lui.",
    tolerance: "0.02",
    scopes: ["unit"],
    rows: (w) =>
      sql`SELECT 'unit' AS scope_kind, p.scope_code, p.operator_id, p.id_pdc AS ref, NULL::timestamptz AS at, 'aucun statut reçu' AS detail,
                 NOT EXISTS (SELECT 1 FROM charge_point_status l WHERE l.charge_point_id = p.point_id AND l.env = 'production') AS breaks
            FROM dq_points p WHERE p.created_at < ${w.from}::timestamptz`,
  },
];
