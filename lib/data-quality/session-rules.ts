import { sql, type SqlFragment } from "@/lib/platform/db/sql";
import type { DataQualityRule } from "@/lib/data-quality/rule";

// Charges received during the day (staging.ts, dq_charges): per operational unit, the QualiCharge
// sessions of its points (the point's power); per ADVENIR operator, its operations and load curves
// by station (the station's power per point × its points, as lib/charges/quality.ts). Energy in
// Wh, power in kW. A curve whose energy is undetermined (decreasing index, ADR 0007) is left out of
// the energy rules.

const DURATION_S = sql`extract(epoch FROM c.stop_at - c.start_at)`;
const KWH = sql`round((c.energy_wh / 1000)::numeric, 3)`;

const chargeRows = (detail: SqlFragment, breaks: SqlFragment, where: SqlFragment = sql`true`) =>
  sql`SELECT c.scope_kind, c.scope_code, c.operator_id, c.ref, c.start_at AS at, ${detail} AS detail, coalesce(${breaks}, false) AS breaks
        FROM dq_charges c WHERE ${where}`;

const ENERGY_KNOWN = sql`c.energy_wh IS NOT NULL`;
const BOTH = ["unit", "operator"] as const;

export const SESSION_RULES: readonly DataQualityRule[] = [
  {
    code: "D1",
    family: "sessions",
    label: "Énergie supérieure à 1 000 kWh",
    explanation: "Une charge déclare plus de 1 000 kWh : aucun véhicule n'en absorbe autant, l'énergie est presque toujours en Wh au lieu de kWh.",
    tolerance: "0.001",
    scopes: BOTH,
    rows: () => chargeRows(sql`${KWH} || ' kWh'`, sql`c.energy_wh > 1000000`, ENERGY_KNOWN),
  },
  {
    code: "D2",
    family: "sessions",
    label: "Durée nulle avec plus de 1 kWh",
    explanation: "Une charge de durée nulle (début égal à la fin) déclare plus de 1 kWh : le début ou la fin est faux.",
    tolerance: "0.001",
    scopes: BOTH,
    rows: () => chargeRows(sql`${KWH} || ' kWh en 0 s'`, sql`c.stop_at = c.start_at AND c.energy_wh > 1000`, ENERGY_KNOWN),
  },
  {
    code: "D3",
    family: "sessions",
    label: "Énergie supérieure à 1,1 × puissance × durée",
    explanation:
      "L'énergie d'une charge dépasse de plus de 10 % ce que la puissance nominale permet sur sa durée : la puissance, la durée ou l'énergie est fausse.",
    tolerance: "0.001",
    scopes: BOTH,
    rows: () =>
      chargeRows(
        sql`${KWH} || ' kWh en ' || round(${DURATION_S}) || ' s à ' || c.power_kw || ' kW'`,
        sql`c.energy_wh > 1.1 * c.power_kw * 1000 * ${DURATION_S} / 3600`,
        sql`${ENERGY_KNOWN} AND c.stop_at > c.start_at`,
      ),
  },
  {
    code: "D4",
    family: "sessions",
    label: "Plus de 50 kWh et plus de 2 × puissance × durée",
    explanation: "Une charge de plus de 50 kWh déclare plus du double de ce que la puissance nominale permet sur sa durée : une erreur grossière.",
    tolerance: "0.001",
    scopes: BOTH,
    rows: () =>
      chargeRows(
        sql`${KWH} || ' kWh en ' || round(${DURATION_S}) || ' s à ' || c.power_kw || ' kW'`,
        sql`c.energy_wh > 50000 AND c.energy_wh > 2 * c.power_kw * 1000 * ${DURATION_S} / 3600`,
        ENERGY_KNOWN,
      ),
  },
  {
    code: "D5",
    family: "sessions",
    label: "Charges en double",
    explanation:
      "Une charge a le même point (ou la même station), le même début, la même fin et la même énergie qu'une charge reçue avant elle : elle est comptée deux fois.",
    tolerance: "0.001",
    scopes: BOTH,
    rows: () =>
      chargeRows(
        sql`'identique à une charge reçue avant'`,
        sql`CASE WHEN c.kind = 'curve'
                 THEN EXISTS (SELECT 1 FROM load_curve x WHERE x.station_id = c.station_id AND x.start_at = c.start_at AND x.env = 'production'
                                 AND x.stop_at = c.stop_at AND x.energy_wh = c.energy_wh AND x.id < c.row_id)
                 ELSE EXISTS (SELECT 1 FROM charge_operation x WHERE x.station_id = c.station_id AND x.start_at = c.start_at AND x.env = 'production'
                                 AND x.charge_point_id IS NOT DISTINCT FROM c.point_id AND x.stop_at = c.stop_at
                                 AND x.stop_wh - x.start_wh = c.energy_wh AND x.id < c.row_id) END`,
      ),
  },
  {
    code: "D6",
    family: "sessions",
    label: "Plus de 60 charges par point et par jour",
    explanation:
      "Un point (ou, pour les données ADVENIR, une station) a plus de 60 charges commencées le même jour (heure de Paris) : des charges sont découpées ou répétées. Contrôlé par point et par jour où des charges ont été reçues.",
    tolerance: "0.01",
    scopes: BOTH,
    // Rows are the (point or station, Paris day of start) of the charges received, each counted
    // with every charge of the table that starts that day, whenever it was received.
    rows: () =>
      sql`SELECT d.scope_kind, d.scope_code, d.operator_id, d.ref, d.at, n.n || ' charges le ' || to_char(d.d, 'DD/MM/YYYY') AS detail, n.n > 60 AS breaks
            FROM (SELECT c.scope_kind, c.scope_code, c.operator_id, c.kind, c.station_id, c.point_id, (c.start_at AT TIME ZONE 'Europe/Paris')::date AS d,
                         min(CASE WHEN c.kind = 'session' THEN c.ref ELSE split_part(c.ref, ' / ', 1) END) AS ref, min(c.start_at) AS at
                    FROM dq_charges c GROUP BY 1, 2, 3, 4, 5, 6, 7) d
            CROSS JOIN LATERAL (
              SELECT CASE WHEN d.kind = 'curve'
                          THEN (SELECT count(*) FROM load_curve x WHERE x.station_id = d.station_id AND x.env = 'production'
                                   AND x.start_at >= (d.d::timestamp AT TIME ZONE 'Europe/Paris') AND x.start_at < ((d.d + 1)::timestamp AT TIME ZONE 'Europe/Paris'))
                          ELSE (SELECT count(*) FROM charge_operation x WHERE x.station_id = d.station_id AND x.env = 'production'
                                   AND x.charge_point_id IS NOT DISTINCT FROM d.point_id
                                   AND x.start_at >= (d.d::timestamp AT TIME ZONE 'Europe/Paris') AND x.start_at < ((d.d + 1)::timestamp AT TIME ZONE 'Europe/Paris'))
                     END AS n) n`,
  },
  {
    code: "D7",
    family: "sessions",
    label: "Charge de plus de 7 jours",
    explanation: "Une charge dure plus de 7 jours : sa fin n'a probablement pas été enregistrée.",
    tolerance: "0.001",
    scopes: BOTH,
    rows: () => chargeRows(sql`round(${DURATION_S} / 86400, 1) || ' jours'`, sql`c.stop_at - c.start_at > interval '7 days'`),
  },
  {
    code: "D8",
    family: "sessions",
    label: "Début après la fin",
    explanation: "Le début de la charge est postérieur à sa fin : la charge ne peut être placée dans le temps.",
    tolerance: "0",
    scopes: BOTH,
    rows: () => chargeRows(sql`'fin le ' || to_char(c.stop_at AT TIME ZONE 'Europe/Paris', 'DD/MM/YYYY HH24:MI:SS')`, sql`c.start_at > c.stop_at`),
  },
  {
    code: "D9",
    family: "sessions",
    label: "Reçue plus de 15 jours après sa fin",
    explanation:
      "La charge a été reçue plus de 15 jours après sa fin : l'arrêté sur l'IRVE demande de transmettre les sessions sous 15 jours (TIRUERT électrique).",
    tolerance: "0.01",
    scopes: BOTH,
    rows: () =>
      chargeRows(
        sql`'reçue ' || floor(extract(epoch FROM c.received_at - c.stop_at) / 86400) || ' jours après sa fin'`,
        sql`c.received_at > c.stop_at + interval '15 days'`,
      ),
  },
];
