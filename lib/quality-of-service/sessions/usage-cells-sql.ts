import { sql, type SqlFragment } from "@/lib/platform/db/sql";
import { POWER_CLASSES } from "@/lib/quality-of-service/sessions/power-classes";

// One statement computes every cell of one period: national, régions, départements, EPCIs,
// communes, operational units and aménageurs (GROUPING SETS over one set of per-point facts), with what the
// anonymity rule needs (the distinct stations and owners that reported). Rows are cells, not
// points: a month of 20,000 points gives a few thousand rows.
//
// Points: every charge_point of the core (whichever door declared it; stations outside any
// dossier included, ADR 0019), placed by its station's INSEE code (commune → département →
// région; an unknown code falls back to its département prefix, as the programme's indicators).
// Equipment (i1, i4, i7, t1): points declared before the period's end, commissioned before it
// (date_mise_en_service, when known), and neither withdrawn (point or station, on or before the
// first day) nor decommissioned (QualiCharge's DELETE) before its start.
//
// Sessions: charge_operation rows naming a point (QualiCharge sessions, GIREVE charge detail
// records; ADVENIR operations name a station, not a point, and are left out), production only,
// without quality flags, counted in the period where they start. Duplicates (the same point, start
// and end, e.g. one charge sent through two doors) count once: the one received last.

const CLASS_SQL = sql`CASE WHEN cp.nominal_power_kw < 7.4 THEN 0 WHEN cp.nominal_power_kw <= 22 THEN 1 WHEN cp.nominal_power_kw < 50 THEN 2
                           WHEN cp.nominal_power_kw < 150 THEN 3 WHEN cp.nominal_power_kw < 350 THEN 4 ELSE 5 END`;
const irveTrue = (field: "prise_type_combo_ccs" | "prise_type_chademo") => sql`(lower(coalesce(cp.irve->>${field}, '')) IN ('true', '1', 'oui', 'vrai'))`;

/** `array[agg FILTER (WHERE cls = 0), …]` over the six power classes. */
function perClass(aggregate: (cls: SqlFragment) => SqlFragment, type: "int" | "float8"): SqlFragment {
  const items = POWER_CLASSES.map((_, i) => aggregate(sql.constant(i)));
  return sql`array[${sql.join(items)}]::${type === "int" ? sql`int[]` : sql`float8[]`}`;
}

const KEYS = sql`reg, dep, commune, ou, siren, epci`;

/**
 * GROUPING(reg, dep, commune, ou, siren, epci) of each level's rows: a bit is set for each key
 * the row aggregates (reg 32 … epci 1). Communes are grouped with their EPCI (one per commune),
 * so that their rows carry it for the audit across both partitions.
 */
export const USAGE_GROUPING = { national: 63, region: 31, departement: 15, epci: 62, commune: 6, unite: 59, amenageur: 61 } as const;
/** The rows that are an operational unit in one zone (not cells: what the ranking's audit needs, ranking-audit.ts). */
export const USAGE_PAIR_GROUPING = { 27: "region", 11: "departement", 58: "epci", 3: "commune" } as const;

/**
 * The seven levels, each with `extra` (an hour column) or nothing more; with `pairs`, also each
 * operational unit by région, département, EPCI and commune (USAGE_PAIR_GROUPING).
 */
const SETS = (extra: SqlFragment | null, pairs = false) => {
  const levels = [sql``, sql`reg`, sql`reg, dep`, sql`epci`, sql`reg, dep, commune, epci`, sql`ou`, sql`siren`];
  if (pairs) levels.push(sql`ou, reg`, sql`ou, reg, dep`, sql`ou, epci`, sql`ou, reg, dep, commune`);
  const sets = levels.map((keys) => (extra ? (keys.isEmpty ? extra : sql`${keys}, ${extra}`) : keys));
  return sql`GROUPING SETS (${sql.join(sets.map((k) => sql`(${k})`))})`;
};

export interface UsageCellRow {
  /** GROUPING(reg, dep, commune, ou, siren, epci): which level the row is (USAGE_GROUPING). */
  g: number;
  reg: string | null;
  dep: string | null;
  commune: string | null;
  /** The EPCI (its SIREN) of an EPCI's row and of a commune's; null for a commune in none. */
  epci: string | null;
  ou: string | null;
  siren: string | null;
  name: string | null;
  operator_name: string | null;
  i1: number;
  i4: number;
  i7: number;
  t1: number[];
  e4: number;
  u6: number[];
  u9: number[];
  u10: number;
  u11: number;
  u12: number[];
  u13: number[];
  /** Energy (kWh) DC/AC × direct/indirect/unknown connection: dc_direct, dc_indirect, dc_inconnu, ac_… */
  u14: number[];
  /** Sessions per Paris hour of start, as {"hour": count}. */
  u5: Record<string, number> | null;
  stations: string[] | null;
  owners: string[] | null;
}

const G = USAGE_GROUPING;

export function usageCellsSql(p: { from: Date; to: Date }): SqlFragment {
  const u14 = ["dc", "ac"].flatMap((current) =>
    ["direct", "indirect", "inconnu"].map((racc) => sql`coalesce(sum(kwh_u14) FILTER (WHERE dc = ${current === "dc"} AND racc = ${racc}), 0)`),
  );
  return sql`
WITH bounds AS MATERIALIZED (
  SELECT ${p.from}::timestamptz AS p_from, ${p.to}::timestamptz AS p_to,
         ((${p.to}::timestamptz AT TIME ZONE 'Europe/Paris') - interval '1 month') AT TIME ZONE 'Europe/Paris' AS m_from
),
pts AS MATERIALIZED (
  SELECT cp.id AS point_id, cp.station_id, cp.nominal_power_kw::float8 AS kw, ${CLASS_SQL} AS cls,
         (cp.nominal_power_kw >= 50 OR ${irveTrue("prise_type_combo_ccs")} OR ${irveTrue("prise_type_chademo")}) AS dc,
         CASE lower(trim(cp.irve->>'raccordement')) WHEN 'direct' THEN 'direct' WHEN 'indirect' THEN 'indirect' ELSE 'inconnu' END AS racc,
         upper(left(cp.id_pdc_itinerance, 5)) AS ou,
         nullif(trim(cp.irve->>'siren_amenageur'), '') AS siren,
         nullif(trim(cp.irve->>'nom_amenageur'), '') AS nom_amenageur,
         -- The owner, for the anonymity rule: the aménageur, else the dossier's beneficiary, else
         -- the operator (every station of one operator without a known owner is ONE owner).
         coalesce(nullif(trim(cp.irve->>'siren_amenageur'), ''), b.siren, 'b:' || d.beneficiary_id::text, 'o:' || s.operator_id::text) AS owner,
         c.insee_code AS commune, dp.code AS dep, dp.region_code AS reg, c.epci_code AS epci,
         (cp.created_at < bounds.p_to
          AND (cp.commissioned_on IS NULL OR (cp.commissioned_on::timestamp AT TIME ZONE 'Europe/Paris') < bounds.p_to)
          AND (cp.withdrawn_on IS NULL OR (cp.withdrawn_on::timestamp AT TIME ZONE 'Europe/Paris') > bounds.p_from)
          AND (s.withdrawn_on IS NULL OR (s.withdrawn_on::timestamp AT TIME ZONE 'Europe/Paris') > bounds.p_from)
          AND (cp.decommissioned_at IS NULL OR cp.decommissioned_at > bounds.p_from)
          AND (s.decommissioned_at IS NULL OR s.decommissioned_at > bounds.p_from)) AS equipped
    FROM charge_point cp
    CROSS JOIN bounds
    JOIN station s ON s.id = cp.station_id
    LEFT JOIN dossier d ON d.id = s.dossier_id
    LEFT JOIN beneficiary b ON b.id = d.beneficiary_id
    LEFT JOIN commune c ON c.insee_code = upper(s.insee_code)
    LEFT JOIN departement dp ON dp.code = coalesce(c.departement_code,
              CASE WHEN s.insee_code LIKE '97%' THEN left(s.insee_code, 3) ELSE upper(left(s.insee_code, 2)) END)
),
ses AS MATERIALIZED (
  SELECT DISTINCT ON (o.charge_point_id, o.start_at, o.stop_at)
         o.charge_point_id AS point_id, o.start_at, (o.stop_wh - o.start_wh)::float8 AS wh,
         extract(epoch FROM o.stop_at - o.start_at)::float8 AS secs
    FROM pts
    CROSS JOIN bounds
    JOIN charge_operation o ON o.station_id = pts.station_id AND o.charge_point_id = pts.point_id
   WHERE o.env = 'production' AND cardinality(o.quality_flags) = 0
     AND o.start_at >= least(bounds.p_from, bounds.m_from) AND o.start_at < bounds.p_to
   ORDER BY o.charge_point_id, o.start_at, o.stop_at, o.received_at DESC, o.id DESC
),
pp AS (
  SELECT s.point_id,
         count(*) FILTER (WHERE s.start_at >= b.p_from) AS u10,
         -- A successful session: more than 0.5 kWh and more than 3 minutes (both strict).
         count(*) FILTER (WHERE s.start_at >= b.p_from AND s.wh > 500 AND s.secs > 180) AS u11,
         coalesce(sum(s.secs) FILTER (WHERE s.start_at >= b.p_from), 0) / 3600.0 AS hours,
         coalesce(sum(s.wh) FILTER (WHERE s.start_at >= b.p_from), 0) / 1000.0 AS kwh,
         -- u14 leaves out sessions above 1.1 × the point's power × their duration.
         coalesce(sum(s.wh) FILTER (WHERE s.start_at >= b.p_from AND s.wh <= 1.1 * pts.kw * s.secs / 3.6), 0) / 1000.0 AS kwh_u14,
         bool_or(s.start_at >= b.m_from) AS e4
    FROM ses s
    JOIN pts USING (point_id)
    CROSS JOIN bounds b
   GROUP BY s.point_id
),
st AS (
  SELECT pts.point_id
    FROM pts CROSS JOIN bounds b
   WHERE EXISTS (SELECT 1 FROM status_event e
                  WHERE e.charge_point_id = pts.point_id AND e.env = 'production' AND e.horodatage >= b.p_from AND e.horodatage < b.p_to)
),
facts AS MATERIALIZED (
  SELECT pts.*, coalesce(pp.u10, 0) AS u10, coalesce(pp.u11, 0) AS u11, coalesce(pp.hours, 0) AS hours, coalesce(pp.kwh, 0) AS kwh,
         coalesce(pp.kwh_u14, 0) AS kwh_u14, coalesce(pp.e4, false) AS e4, st.point_id IS NOT NULL AS status,
         (coalesce(pp.u10, 0) > 0 OR st.point_id IS NOT NULL) AS reporting
    FROM pts
    LEFT JOIN pp USING (point_id)
    LEFT JOIN st USING (point_id)
   WHERE pts.equipped OR pp.point_id IS NOT NULL OR st.point_id IS NOT NULL
),
cells AS (
  SELECT GROUPING(${KEYS}) AS g, ${KEYS},
         count(*) FILTER (WHERE equipped)::int AS i1,
         count(DISTINCT station_id) FILTER (WHERE equipped)::int AS i4,
         coalesce(sum(kw) FILTER (WHERE equipped), 0)::float8 AS i7,
         ${perClass((c) => sql`count(*) FILTER (WHERE equipped AND cls = ${c})`, "int")} AS t1,
         count(*) FILTER (WHERE e4)::int AS e4,
         ${perClass((c) => sql`coalesce(sum(hours) FILTER (WHERE cls = ${c}), 0)`, "float8")} AS u6,
         ${perClass((c) => sql`coalesce(sum(kwh) FILTER (WHERE cls = ${c}), 0)`, "float8")} AS u9,
         sum(u10)::int AS u10,
         sum(u11)::int AS u11,
         ${perClass((c) => sql`count(*) FILTER (WHERE status AND cls = ${c})`, "int")} AS u12,
         ${perClass((c) => sql`coalesce(sum(kw) FILTER (WHERE status AND cls = ${c}), 0)`, "float8")} AS u13,
         array[${sql.join(u14)}]::float8[] AS u14,
         array_agg(DISTINCT station_id::text) FILTER (WHERE reporting) AS stations,
         array_agg(DISTINCT owner) FILTER (WHERE reporting) AS owners,
         max(nom_amenageur) AS nom_amenageur
    FROM facts
   GROUP BY ${SETS(null, true)}
),
hourly AS (
  SELECT GROUPING(${KEYS}) AS g, ${KEYS}, h, count(*)::int AS n
    FROM (SELECT f.*, extract(hour FROM s.start_at AT TIME ZONE 'Europe/Paris')::int AS h
            FROM ses s JOIN facts f USING (point_id) CROSS JOIN bounds b WHERE s.start_at >= b.p_from) x
   GROUP BY ${SETS(sql`h`)}
),
u5 AS (
  SELECT g, ${KEYS}, jsonb_object_agg(h::text, n) AS u5 FROM hourly GROUP BY g, ${KEYS}
)
SELECT cells.g, cells.reg, cells.dep, cells.commune, cells.ou, cells.siren, cells.epci,
       CASE cells.g WHEN ${sql.constant(G.commune)} THEN cm.name WHEN ${sql.constant(G.departement)} THEN dpt.name
                    WHEN ${sql.constant(G.region)} THEN r.name WHEN ${sql.constant(G.epci)} THEN ep.name
                    WHEN ${sql.constant(G.unite)} THEN un.name WHEN ${sql.constant(G.amenageur)} THEN cells.nom_amenageur END AS name,
       op.name AS operator_name,
       cells.i1, cells.i4, cells.i7, cells.t1, cells.e4, cells.u6, cells.u9, cells.u10, cells.u11, cells.u12, cells.u13, cells.u14,
       u5.u5, cells.stations, cells.owners
  FROM cells
  LEFT JOIN u5 ON u5.g = cells.g AND u5.reg IS NOT DISTINCT FROM cells.reg AND u5.dep IS NOT DISTINCT FROM cells.dep
              AND u5.commune IS NOT DISTINCT FROM cells.commune AND u5.ou IS NOT DISTINCT FROM cells.ou AND u5.siren IS NOT DISTINCT FROM cells.siren
              AND u5.epci IS NOT DISTINCT FROM cells.epci
  LEFT JOIN region r ON r.code = cells.reg
  LEFT JOIN departement dpt ON dpt.code = cells.dep
  LEFT JOIN commune cm ON cm.insee_code = cells.commune
  LEFT JOIN epci ep ON ep.code = cells.epci
  LEFT JOIN operational_unit un ON un.code = cells.ou
  LEFT JOIN operator op ON op.id = un.operator_id AND cells.g = ${sql.constant(G.unite)}`;
}
