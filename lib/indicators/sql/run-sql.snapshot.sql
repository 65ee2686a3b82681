-- ═══ before the run ═══

-- [default-series]
SELECT cs.id FROM carbon_series cs
       CROSS JOIN LATERAL (SELECT count(*) AS n FROM carbon_intensity ci
                            WHERE ci.series_id = cs.id
                              AND ci.hour_start >= $1::timestamp AT TIME ZONE 'Europe/Paris'
                              AND ci.hour_start < $2::timestamp AT TIME ZONE 'Europe/Paris') x
      WHERE x.n > 0
      ORDER BY x.n DESC, cs.imported_at DESC, cs.id DESC LIMIT 1;
-- $1 = "2024-01-01"
-- $2 = "2025-01-01"


-- [slots]
SELECT (extract(epoch FROM $1::timestamp AT TIME ZONE 'Europe/Paris') / 1800)::int AS s0,
            (extract(epoch FROM $2::timestamp AT TIME ZONE 'Europe/Paris') / 1800)::int AS s1;
-- $1 = "2024-01-01"
-- $2 = "2025-01-01"


-- ═══ settings ═══

-- [settings]
LOCK TABLE energy_dep_slot, energy_reg_slot, energy_dep_profile, charge_station_month IN SHARE ROW EXCLUSIVE MODE;


-- [settings]
SET LOCAL work_mem = '256MB';


-- [settings]
SET LOCAL jit = off;


-- ═══ charge caches: marked stations (partial refresh) ═══

-- [caches-marks]
SELECT count(*)::int AS n, coalesce(bool_or(station_id IS NULL), false) AS everything, min(k0) AS k0, max(k1) AS k1
  FROM energy_dirty;


-- [caches-stations]
CREATE TEMP TABLE ix_cache_station ON COMMIT DROP AS
     SELECT x.station_id, x.channel, x.dep, x.reg, dense_rank() OVER (ORDER BY x.dep)::int AS leaf_idx,
            x.station_id IN (SELECT station_id FROM energy_dirty) AS marked
       FROM (SELECT station_id, channel, coalesce(dep, '') AS dep, coalesce(reg, '') AS reg FROM (SELECT s.id AS station_id, s.channel::text AS channel, d.beneficiary_id,
                 coalesce((SELECT sum(cp.nominal_power_kw) FROM charge_point cp WHERE cp.station_id = s.id),
                          s.nominal_power_kw * s.point_count)::float8 AS kw,
                 s.created_at AS registered_at,
                 (s.withdrawn_on::timestamp AT TIME ZONE 'Europe/Paris') AS withdrawn_at,
                 c.insee_code AS commune, dp.code AS dep, dp.region_code AS reg
            FROM station s
            JOIN dossier d ON d.id = s.dossier_id
            LEFT JOIN commune c ON c.insee_code = upper(s.insee_code)
            LEFT JOIN departement dp ON dp.code = coalesce(c.departement_code,
                      CASE WHEN s.insee_code LIKE '97%' THEN left(s.insee_code, 3) ELSE upper(left(s.insee_code, 2)) END)
           ) sm) x
      WHERE x.dep IN (SELECT coalesce(sm.dep, '') FROM (SELECT s.id AS station_id, s.channel::text AS channel, d.beneficiary_id,
                 coalesce((SELECT sum(cp.nominal_power_kw) FROM charge_point cp WHERE cp.station_id = s.id),
                          s.nominal_power_kw * s.point_count)::float8 AS kw,
                 s.created_at AS registered_at,
                 (s.withdrawn_on::timestamp AT TIME ZONE 'Europe/Paris') AS withdrawn_at,
                 c.insee_code AS commune, dp.code AS dep, dp.region_code AS reg
            FROM station s
            JOIN dossier d ON d.id = s.dossier_id
            LEFT JOIN commune c ON c.insee_code = upper(s.insee_code)
            LEFT JOIN departement dp ON dp.code = coalesce(c.departement_code,
                      CASE WHEN s.insee_code LIKE '97%' THEN left(s.insee_code, 3) ELSE upper(left(s.insee_code, 2)) END)
           WHERE s.id IN (SELECT station_id FROM energy_dirty)) sm);


-- [caches-stations]
ALTER TABLE ix_cache_station ADD PRIMARY KEY (station_id);


-- [caches-stations]
ANALYZE ix_cache_station;


-- [caches-stations]
SELECT count(DISTINCT dep)::int AS deps, (count(*) FILTER (WHERE marked))::int AS stations FROM ix_cache_station;


-- [caches-delete]
DELETE FROM energy_dep_slot WHERE dep_code IN (SELECT DISTINCT dep FROM ix_cache_station) AND slot >= $1::int AND slot < $2::int;
-- $1 = 946800
-- $2 = 947000


-- [caches-delete]
DELETE FROM energy_reg_slot WHERE reg_code IN (SELECT DISTINCT reg FROM ix_cache_station) AND slot >= $1::int AND slot < $2::int;
-- $1 = 946800
-- $2 = 947000


-- [caches-curves]
SELECT EXISTS (SELECT 1 FROM load_curve WHERE env = 'production' AND quality_flags = '{}') AS found;


-- [caches-energy]
INSERT INTO energy_dep_slot (dep_code, slot, a, g)
       SELECT m.dep, e.slot, e.a, e.g
         FROM (
  WITH items AS MATERIALIZED (
    SELECT i.leaf_idx, i.channel = 'ADVENIR' AS is_a, i.channel = 'GIREVE' AS is_g,
           i.a - (($1::int)::float8 * 1800) AS a, i.b - (($2::int)::float8 * 1800) AS b, i.e, CASE WHEN i.b > i.a THEN i.e / (i.b - i.a) ELSE 0 END AS p
      FROM (
      SELECT fs.leaf_idx, fs.channel, o.station_id, date_part('epoch', o.start_at) AS a, date_part('epoch', o.stop_at) AS b,
             (o.stop_wh - o.start_wh)::float8 AS e
        FROM charge_operation o
        JOIN ix_cache_station fs ON fs.station_id = o.station_id
       WHERE o.env = 'production' AND o.quality_flags = '{}'
         AND o.stop_at >= to_timestamp((($3::int)::float8 * 1800)) AND o.start_at < to_timestamp(($4::int)::float8 * 1800)
         AND NOT EXISTS (
           SELECT 1 FROM load_curve c
            WHERE c.env = 'production' AND c.operator_id = o.operator_id AND c.station_id = o.station_id
              AND c.transaction_id = o.transaction_id AND c.quality_flags = '{}')
      UNION ALL
      SELECT fs.leaf_idx, fs.channel, c.station_id, date_part('epoch', c.start_at) + p.o0, date_part('epoch', c.start_at) + p.o1,
             (p.v1 - p.v0)::float8
        FROM load_curve c
        JOIN ix_cache_station fs ON fs.station_id = c.station_id
       CROSS JOIN LATERAL unnest(c.offsets_s[:cardinality(c.offsets_s) - 1], c.offsets_s[2:],
                                 c.values_wh[:cardinality(c.values_wh) - 1], c.values_wh[2:]) AS p(o0, o1, v0, v1)
       WHERE c.env = 'production' AND c.quality_flags = '{}'
         AND c.stop_at >= to_timestamp((($5::int)::float8 * 1800)) AND c.start_at < to_timestamp(($6::int)::float8 * 1800)) i
  ),
  steps AS (
    SELECT leaf_idx, k, sum(da) AS da, sum(ta) AS ta, sum(dg) AS dg, sum(tg) AS tg, sum(ia) AS ia, sum(ig) AS ig
      FROM (SELECT leaf_idx, floor(a / 1800)::int AS k,
                   CASE WHEN is_a THEN p ELSE 0 END AS da, CASE WHEN is_a THEN p * a ELSE 0 END AS ta,
                   CASE WHEN is_g THEN p ELSE 0 END AS dg, CASE WHEN is_g THEN p * a ELSE 0 END AS tg,
                   CASE WHEN is_a AND b <= a THEN e ELSE 0 END AS ia, CASE WHEN is_g AND b <= a THEN e ELSE 0 END AS ig
              FROM items
            UNION ALL
            SELECT leaf_idx, floor(b / 1800)::int,
                   CASE WHEN is_a THEN -p ELSE 0 END, CASE WHEN is_a THEN -p * b ELSE 0 END,
                   CASE WHEN is_g THEN -p ELSE 0 END, CASE WHEN is_g THEN -p * b ELSE 0 END, 0, 0
              FROM items WHERE b > a) x
     GROUP BY 1, 2
  ),
  cum AS (
    SELECT leaf_idx, k, lag(k) OVER w AS kp, ia, ig,
           sum(da) OVER w AS s1a, sum(ta) OVER w AS s2a, sum(dg) OVER w AS s1g, sum(tg) OVER w AS s2g, da, ta, dg, tg
      FROM steps
    WINDOW w AS (PARTITION BY leaf_idx ORDER BY k ROWS UNBOUNDED PRECEDING)
  )
  SELECT leaf_idx, ($7::int) + k AS slot,
         ((k + 1) * 1800.0 * s1a - s2a) - (k * 1800.0 * (s1a - da) - (s2a - ta)) + ia AS a,
         ((k + 1) * 1800.0 * s1g - s2g) - (k * 1800.0 * (s1g - dg) - (s2g - tg)) + ig AS g
    FROM cum WHERE k >= 0 AND k < (($8::int) - ($9::int))
  UNION ALL
  SELECT leaf_idx, ($10::int) + j, 1800 * (s1a - da), 1800 * (s1g - dg)
    FROM cum
   CROSS JOIN LATERAL generate_series(greatest(kp + 1, 0), least(k - 1, (($11::int) - ($12::int)) - 1)) AS j
   WHERE k - kp > 1 AND (abs(s1a - da) > 0.000001 OR abs(s1g - dg) > 0.000001)) e
         JOIN (SELECT DISTINCT leaf_idx, dep FROM ix_cache_station) m ON m.leaf_idx = e.leaf_idx;
-- $1 = 946800
-- $2 = 946800
-- $3 = 946800
-- $4 = 947000
-- $5 = 946800
-- $6 = 947000
-- $7 = 946800
-- $8 = 947000
-- $9 = 946800
-- $10 = 946800
-- $11 = 947000
-- $12 = 946800


-- [caches-energy-regions]
INSERT INTO energy_reg_slot (reg_code, slot, a, g)
       SELECT coalesce(dp.region_code, ''), e.slot, sum(e.a), sum(e.g)
         FROM energy_dep_slot e LEFT JOIN departement dp ON dp.code = e.dep_code
        WHERE e.slot >= $1::int AND e.slot < $2::int AND coalesce(dp.region_code, '') IN (SELECT DISTINCT reg FROM ix_cache_station)
        GROUP BY 1, 2;
-- $1 = 946800
-- $2 = 947000


-- [caches-months-of-slots]
SELECT to_char(date_trunc('month', to_timestamp($1::float8 * 1800) AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD') AS first,
           to_char(date_trunc('month', to_timestamp($2::float8 * 1800) AT TIME ZONE 'Europe/Paris') + interval '1 month', 'YYYY-MM-DD') AS end;
-- $1 = 946800
-- $2 = 947000


-- [caches-delete]
SELECT DISTINCT series_id AS id FROM energy_dep_profile;


-- [caches-delete]
DELETE FROM energy_dep_profile WHERE dep_code IN (SELECT DISTINCT dep FROM ix_cache_station) AND month_start >= $1::date AND month_start < $2::date;
-- $1 = "2024-01-01"
-- $2 = "2024-02-01"


-- [caches-profiles]
SELECT (extract(epoch FROM $1::timestamp AT TIME ZONE 'Europe/Paris') / 1800)::int AS s0,
            (extract(epoch FROM $2::timestamp AT TIME ZONE 'Europe/Paris') / 1800)::int AS s1;
-- $1 = "2024-01-01"
-- $2 = "2024-02-01"


-- [caches-profiles]
CREATE TEMP TABLE ix_profile_slot ON COMMIT DROP AS 
    SELECT g.slot, ci.g_per_kwh AS ci,
           date_trunc('month', x.l)::date AS month_start, date_trunc('quarter', x.l)::date AS quarter_start,
           date_trunc('year', x.l)::date AS year_start,
           extract(hour FROM x.l)::int AS lhour, extract(isodow FROM x.l) >= 6 AS weekend,
           (extract(isodow FROM x.l) <= 5 AND extract(month FROM x.l) IN (11, 12, 1, 2, 3)
             AND (extract(hour FROM x.l) BETWEEN 8 AND 12 OR extract(hour FROM x.l) IN (18, 19))) AS is_peak,
           (extract(hour FROM x.l) >= 22 OR extract(hour FROM x.l) < 6) AS is_offpeak
      FROM generate_series($1::int, $2::int - 1) AS g(slot)
     CROSS JOIN LATERAL (SELECT to_timestamp(g.slot * 1800.0) AT TIME ZONE 'Europe/Paris' AS l) x
      LEFT JOIN carbon_intensity ci ON ci.series_id = $3::int AND ci.hour_start = to_timestamp((g.slot / 2) * 3600.0);
-- $1 = 946702
-- $2 = 948190
-- $3 = 3


-- [caches-profiles]
ANALYZE ix_profile_slot;


-- [caches-profiles]
INSERT INTO energy_dep_profile (series_id, dep_code, month_start, weekend, lhour, is_peak, is_offpeak, a, a_ci, a_cov, g, g_ci, g_cov, max_a, max_g, max_t)
     SELECT $1::int, l.dep_code, s.month_start, s.weekend, s.lhour, s.is_peak, s.is_offpeak, sum(l.a) AS a, sum(l.a * s.ci) AS a_ci, coalesce(sum(l.a) FILTER (WHERE s.ci IS NOT NULL), 0) AS a_cov, sum(l.g) AS g, sum(l.g * s.ci) AS g_ci, coalesce(sum(l.g) FILTER (WHERE s.ci IS NOT NULL), 0) AS g_cov, max(l.a) AS max_a, max(l.g) AS max_g, max(l.a + l.g) AS max_t
       FROM energy_dep_slot l
       JOIN ix_profile_slot s ON s.slot = l.slot
      WHERE l.slot >= $2::int AND l.slot < $3::int AND l.dep_code IN (SELECT DISTINCT dep FROM ix_cache_station)
      GROUP BY 2, 3, 4, 5, 6, 7;
-- $1 = 3
-- $2 = 946702
-- $3 = 948190


-- [caches-profiles]
DROP TABLE ix_profile_slot;


-- [caches-delete]
DELETE FROM charge_station_month WHERE station_id IN (SELECT station_id FROM ix_cache_station WHERE marked) AND month_start >= $1::date AND month_start < $2::date;
-- $1 = "2024-01-01"
-- $2 = "2024-02-01"


-- [caches-months]
INSERT INTO charge_station_month (station_id, month_start, charges)
       
  WITH months AS MATERIALIZED (
    SELECT (SELECT array_agg(m::date ORDER BY m)
              FROM generate_series($1::timestamp, $2::timestamp - interval '1 month', interval '1 month') m) AS starts,
           (SELECT array_agg(date_part('epoch', m AT TIME ZONE 'Europe/Paris') ORDER BY m)
              FROM generate_series($3::timestamp, $4::timestamp, interval '1 month') m) AS edges)
  SELECT x.station_id, ms.starts[m.i] AS month_start, coalesce(sum(x.n) FILTER (WHERE m.i = x.i0), 0)::int AS charges
    FROM (SELECT t.station_id, width_bucket(date_part('epoch', t.start_at), (SELECT edges FROM months)) AS i0,
                 width_bucket(date_part('epoch', t.stop_at), (SELECT edges FROM months)) AS i1, count(*) AS n
            FROM (
  SELECT o.station_id, o.start_at, o.stop_at
    FROM charge_operation o JOIN (SELECT station_id FROM ix_cache_station WHERE marked) fs ON fs.station_id = o.station_id
   WHERE o.env = 'production' AND o.quality_flags = '{}' AND o.stop_at >= $5::timestamp AT TIME ZONE 'Europe/Paris' AND o.start_at < $6::timestamp AT TIME ZONE 'Europe/Paris'
  UNION ALL
  SELECT c.station_id, c.start_at, c.stop_at
    FROM load_curve c JOIN (SELECT station_id FROM ix_cache_station WHERE marked) fs ON fs.station_id = c.station_id
   WHERE c.env = 'production' AND c.quality_flags = '{}' AND c.stop_at >= $7::timestamp AT TIME ZONE 'Europe/Paris' AND c.start_at < $8::timestamp AT TIME ZONE 'Europe/Paris'
     AND NOT EXISTS (
       SELECT 1 FROM charge_operation o
        WHERE o.env = 'production' AND o.operator_id = c.operator_id AND o.station_id = c.station_id
          AND o.transaction_id = c.transaction_id AND o.quality_flags = '{}')) t
           GROUP BY 1, 2, 3) x
   CROSS JOIN months ms
   CROSS JOIN LATERAL generate_series(greatest(x.i0, 1), least(x.i1, cardinality(ms.starts))) AS m(i)
   GROUP BY 1, 2;
-- $1 = "2024-01-01"
-- $2 = "2024-02-01"
-- $3 = "2024-01-01"
-- $4 = "2024-02-01"
-- $5 = "2024-01-01"
-- $6 = "2024-02-01"
-- $7 = "2024-01-01"
-- $8 = "2024-02-01"


-- [caches-marks]
DELETE FROM energy_dirty;


-- ═══ charge caches: everything marked (full refresh; the rest as above, without the region filter) ═══

-- [caches-stations]
CREATE TEMP TABLE ix_cache_station ON COMMIT DROP AS
     SELECT x.station_id, x.channel, x.dep, x.reg, dense_rank() OVER (ORDER BY x.dep)::int AS leaf_idx,
            true AS marked
       FROM (SELECT station_id, channel, coalesce(dep, '') AS dep, coalesce(reg, '') AS reg FROM (SELECT s.id AS station_id, s.channel::text AS channel, d.beneficiary_id,
                 coalesce((SELECT sum(cp.nominal_power_kw) FROM charge_point cp WHERE cp.station_id = s.id),
                          s.nominal_power_kw * s.point_count)::float8 AS kw,
                 s.created_at AS registered_at,
                 (s.withdrawn_on::timestamp AT TIME ZONE 'Europe/Paris') AS withdrawn_at,
                 c.insee_code AS commune, dp.code AS dep, dp.region_code AS reg
            FROM station s
            JOIN dossier d ON d.id = s.dossier_id
            LEFT JOIN commune c ON c.insee_code = upper(s.insee_code)
            LEFT JOIN departement dp ON dp.code = coalesce(c.departement_code,
                      CASE WHEN s.insee_code LIKE '97%' THEN left(s.insee_code, 3) ELSE upper(left(s.insee_code, 2)) END)
           ) sm) x
      ;


-- [caches-range]
SELECT min(k0) AS k0, max(k1) AS k1
       FROM (SELECT floor(extract(epoch FROM min(start_at)) / 1800)::int AS k0,
                    floor(extract(epoch FROM max(stop_at)) / 1800)::int + 1 AS k1
               FROM charge_operation WHERE env = 'production'
             UNION ALL
             SELECT floor(extract(epoch FROM min(start_at)) / 1800)::int, floor(extract(epoch FROM max(stop_at)) / 1800)::int + 1
               FROM load_curve WHERE env = 'production') x;


-- [caches-delete]
DELETE FROM energy_dep_slot;


-- [caches-delete]
DELETE FROM energy_reg_slot;


-- [caches-delete]
DELETE FROM charge_station_month;


-- [caches-delete]
DELETE FROM energy_dep_profile;


-- [caches-energy-regions]
INSERT INTO energy_reg_slot (reg_code, slot, a, g)
       SELECT coalesce(dp.region_code, ''), e.slot, sum(e.a), sum(e.g)
         FROM energy_dep_slot e LEFT JOIN departement dp ON dp.code = e.dep_code
        WHERE e.slot >= $1::int AND e.slot < $2::int
        GROUP BY 1, 2;
-- $1 = 946800
-- $2 = 947000


-- [caches-analyze]
ANALYZE energy_dep_slot, energy_reg_slot, charge_station_month;


-- ═══ profiles of a series used for the first time ═══

-- [caches-profiles]
SELECT EXISTS (SELECT 1 FROM energy_dep_profile WHERE series_id = $1::int) AS built,
           (SELECT to_char(date_trunc('month', to_timestamp(min(slot) * 1800.0) AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD')
              FROM energy_dep_slot) AS first,
           (SELECT to_char(date_trunc('month', to_timestamp(max(slot) * 1800.0) AT TIME ZONE 'Europe/Paris') + interval '1 month', 'YYYY-MM-DD')
              FROM energy_dep_slot) AS end;
-- $1 = 3


-- [caches-profiles]
INSERT INTO energy_dep_profile (series_id, dep_code, month_start, weekend, lhour, is_peak, is_offpeak, a, a_ci, a_cov, g, g_ci, g_cov, max_a, max_g, max_t)
     SELECT $1::int, l.dep_code, s.month_start, s.weekend, s.lhour, s.is_peak, s.is_offpeak, sum(l.a) AS a, sum(l.a * s.ci) AS a_ci, coalesce(sum(l.a) FILTER (WHERE s.ci IS NOT NULL), 0) AS a_cov, sum(l.g) AS g, sum(l.g * s.ci) AS g_ci, coalesce(sum(l.g) FILTER (WHERE s.ci IS NOT NULL), 0) AS g_cov, max(l.a) AS max_a, max(l.g) AS max_g, max(l.a + l.g) AS max_t
       FROM energy_dep_slot l
       JOIN ix_profile_slot s ON s.slot = l.slot
      WHERE l.slot >= $2::int AND l.slot < $3::int
      GROUP BY 2, 3, 4, 5, 6, 7;
-- $1 = 3
-- $2 = 946702
-- $3 = 948190


-- [caches-analyze]
ANALYZE energy_dep_profile;


-- ═══ the run's record ═══

-- [insert-run]
INSERT INTO indicator_run (id, computed_by, period_from, period_to, series_id, scope, mesh_levels, period_kinds,
                                        anon_min_stations, anon_min_beneficiaries)
         VALUES ($1::uuid, $2::text,
                 $3::timestamp AT TIME ZONE 'Europe/Paris', $4::timestamp AT TIME ZONE 'Europe/Paris',
                 $5::int, $6::text, $7::text[], $8::text[], $9::int, $10::int);
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = "admin@example.org"
-- $3 = "2024-01-01"
-- $4 = "2025-01-01"
-- $5 = 3
-- $6 = "full"
-- $7 = ["national","region","departement","commune"]
-- $8 = ["month","quarter","year"]
-- $9 = 3
-- $10 = 2


-- ═══ full run: every station and level, from the charge caches (communes from the charges) ═══

-- [param]
CREATE TEMP TABLE ix_param ON COMMIT DROP AS
    SELECT t0, t1, (extract(epoch FROM t0) / 1800)::int AS s0, (extract(epoch FROM t1) / 1800)::int AS s1
      FROM (SELECT $1::timestamp AT TIME ZONE 'Europe/Paris' AS t0, $2::timestamp AT TIME ZONE 'Europe/Paris' AS t1) x;
-- $1 = "2024-01-01"
-- $2 = "2025-01-01"


-- [stations]
CREATE TEMP TABLE ix_station ON COMMIT DROP AS
    SELECT x.*, (CASE WHEN x.commune IS NULL THEN 0 ELSE dense_rank() OVER (ORDER BY x.commune) END)::int AS leaf_idx
      FROM (SELECT s.id AS station_id, s.channel::text AS channel, d.beneficiary_id,
                 coalesce((SELECT sum(cp.nominal_power_kw) FROM charge_point cp WHERE cp.station_id = s.id),
                          s.nominal_power_kw * s.point_count)::float8 AS kw,
                 s.created_at AS registered_at,
                 (s.withdrawn_on::timestamp AT TIME ZONE 'Europe/Paris') AS withdrawn_at,
                 c.insee_code AS commune, dp.code AS dep, dp.region_code AS reg
            FROM station s
            JOIN dossier d ON d.id = s.dossier_id
            LEFT JOIN commune c ON c.insee_code = upper(s.insee_code)
            LEFT JOIN departement dp ON dp.code = coalesce(c.departement_code,
                      CASE WHEN s.insee_code LIKE '97%' THEN left(s.insee_code, 3) ELSE upper(left(s.insee_code, 2)) END)
           ) x;


-- [stations-key]
ALTER TABLE ix_station ADD PRIMARY KEY (station_id);


-- [stations-analyze]
ANALYZE ix_station;


-- [leaf-map]
CREATE TEMP TABLE ix_leafmap ON COMMIT DROP AS
    SELECT DISTINCT leaf_idx, commune AS leaf, dep, reg FROM ix_station;


-- [leaf-map-analyze]
ANALYZE ix_leafmap;


-- [slots]
CREATE TEMP TABLE ix_slot ON COMMIT DROP AS
    
    SELECT g.slot, ci.g_per_kwh AS ci,
           date_trunc('month', x.l)::date AS month_start, date_trunc('quarter', x.l)::date AS quarter_start,
           date_trunc('year', x.l)::date AS year_start,
           extract(hour FROM x.l)::int AS lhour, extract(isodow FROM x.l) >= 6 AS weekend,
           (extract(isodow FROM x.l) <= 5 AND extract(month FROM x.l) IN (11, 12, 1, 2, 3)
             AND (extract(hour FROM x.l) BETWEEN 8 AND 12 OR extract(hour FROM x.l) IN (18, 19))) AS is_peak,
           (extract(hour FROM x.l) >= 22 OR extract(hour FROM x.l) < 6) AS is_offpeak
      FROM generate_series((SELECT s0 FROM ix_param), (SELECT s1 FROM ix_param) - 1) AS g(slot)
     CROSS JOIN LATERAL (SELECT to_timestamp(g.slot * 1800.0) AT TIME ZONE 'Europe/Paris' AS l) x
      LEFT JOIN carbon_intensity ci ON ci.series_id = $1::int AND ci.hour_start = to_timestamp((g.slot / 2) * 3600.0);
-- $1 = 3


-- [slots-key]
ALTER TABLE ix_slot ADD PRIMARY KEY (slot);


-- [slots-analyze]
ANALYZE ix_slot;


-- [periods]
CREATE TEMP TABLE ix_period ON COMMIT DROP AS
    SELECT p.kind, p.pstart, count(*) / 2.0 AS hours, count(*) FILTER (WHERE s.is_peak) / 2.0 AS peak_hours,
           count(*) FILTER (WHERE s.ci IS NULL) / 2.0 AS gap_hours, avg(s.ci) AS grid_mean
      FROM ix_slot s CROSS JOIN LATERAL (VALUES ('month', s.month_start), ('quarter', s.quarter_start), ('year', s.year_start)) AS p(kind, pstart)
     WHERE p.kind = ANY($1::text[])
     GROUP BY p.kind, p.pstart
    HAVING ((p.pstart::timestamp + CASE p.kind WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
             ELSE interval '1 year' END) AT TIME ZONE 'Europe/Paris') <= (SELECT t1 FROM ix_param)
       AND (p.pstart::timestamp AT TIME ZONE 'Europe/Paris') >= (SELECT t0 FROM ix_param);
-- $1 = ["month","quarter","year"]


-- [period-hours]
CREATE TEMP TABLE ix_period_hour ON COMMIT DROP AS
    SELECT p.kind, p.pstart, s.weekend, s.lhour, count(*) / 2.0 AS hours, sum(s.ci) AS ci_sum, count(s.ci) AS ci_n
      FROM ix_slot s CROSS JOIN LATERAL (VALUES ('month', s.month_start), ('quarter', s.quarter_start), ('year', s.year_start)) AS p(kind, pstart)
      JOIN ix_period ip ON ip.kind = p.kind AND ip.pstart = p.pstart
     GROUP BY 1, 2, 3, 4;


-- [station-months]
CREATE TEMP TABLE ix_st_month ON COMMIT DROP AS
    
    SELECT c.station_id, c.month_start, c.charges
      FROM charge_station_month c JOIN ix_station s ON s.station_id = c.station_id
     WHERE c.month_start >= $1::date AND c.month_start < $2::date;
-- $1 = "2024-01-01"
-- $2 = "2025-01-01"


-- [station-periods]
CREATE TEMP TABLE ix_st_period ON COMMIT DROP AS
    SELECT sm.station_id, q.kind, q.pstart, sum(sm.charges) AS charges
      FROM ix_st_month sm
     CROSS JOIN LATERAL (VALUES ('month', sm.month_start), ('quarter', date_trunc('quarter', sm.month_start)::date),
                                ('year', date_trunc('year', sm.month_start)::date)) AS q(kind, pstart)
      JOIN ix_period ip ON ip.kind = q.kind AND ip.pstart = q.pstart
     GROUP BY 1, 2, 3;


-- [coverage]
CREATE TEMP TABLE ix_cov ON COMMIT DROP AS
    SELECT level, code, channel, kind, pstart, sum(n)::int AS stations, count(beneficiary_id)::int AS bens,
           sum(kw) AS kw, sum(charges)::int AS charges
      FROM (SELECT m.level, m.code, ch.channel, sp.kind, sp.pstart, st.beneficiary_id, count(*) AS n,
                   coalesce(sum(st.kw) FILTER (WHERE (st.withdrawn_at IS NULL OR st.withdrawn_at > (sp.pstart::timestamp AT TIME ZONE 'Europe/Paris'))), 0) AS kw, sum(sp.charges) AS charges
              FROM ix_st_period sp JOIN (SELECT station_id, channel, beneficiary_id, kw, registered_at, withdrawn_at, commune AS leaf, dep, reg FROM ix_station) st ON st.station_id = sp.station_id
             CROSS JOIN LATERAL (VALUES ('national', 'FR'), ('region', st.reg), ('departement', st.dep), ('commune', st.leaf))
            AS m(level, code)
             CROSS JOIN LATERAL (VALUES ('all'), (st.channel)) AS ch(channel)
             WHERE m.code IS NOT NULL AND m.level = ANY($1::text[])
             GROUP BY 1, 2, 3, 4, 5, 6) x
     GROUP BY 1, 2, 3, 4, 5;
-- $1 = ["national","region","departement","commune"]


-- [registered]
CREATE TEMP TABLE ix_registered ON COMMIT DROP AS
    SELECT m.level, m.code, ch.channel, ip.kind, ip.pstart, count(*)::int AS n
      FROM ix_period ip
      JOIN (SELECT station_id, channel, beneficiary_id, kw, registered_at, withdrawn_at, commune AS leaf, dep, reg FROM ix_station) st
        ON (st.withdrawn_at IS NULL OR st.withdrawn_at > (ip.pstart::timestamp AT TIME ZONE 'Europe/Paris')) AND (st.registered_at < ((ip.pstart::timestamp + CASE ip.kind WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
                                                          ELSE interval '1 year' END) AT TIME ZONE 'Europe/Paris')
        OR EXISTS (SELECT 1 FROM ix_st_period sp WHERE sp.station_id = st.station_id AND sp.kind = ip.kind AND sp.pstart = ip.pstart))
      CROSS JOIN LATERAL (VALUES ('national', 'FR'), ('region', st.reg), ('departement', st.dep), ('commune', st.leaf))
            AS m(level, code)
     CROSS JOIN LATERAL (VALUES ('all'), (st.channel)) AS ch(channel)
     WHERE m.code IS NOT NULL AND m.level = ANY($1::text[])
     GROUP BY 1, 2, 3, 4, 5;
-- $1 = ["national","region","departement","commune"]


-- [cells]
CREATE TEMP TABLE ix_cell ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY c.level, c.code, c.channel, c.kind, c.pstart)::int AS id,
           c.level, c.code, c.channel, c.kind, c.pstart, c.stations, c.bens, c.kw, c.charges,
           coalesce(r.n, 0) AS registered, 0::float8 AS wh, 0::float8 AS wh_ci, 0::float8 AS wh_cov, 0::float8 AS wh_peak,
           0::float8 AS wh_off, 0::float8 AS peak_wh,
           (c.stations < $1::int OR c.bens < $2::int) AS withheld,
           CASE WHEN c.stations < $3::int THEN 'primaire_stations' WHEN c.bens < $4::int THEN 'primaire_beneficiaires' END AS reason
      FROM ix_cov c
      LEFT JOIN ix_registered r ON r.level = c.level AND r.code = c.code AND r.channel = c.channel AND r.kind = c.kind AND r.pstart = c.pstart;
-- $1 = 3
-- $2 = 2
-- $3 = 3
-- $4 = 2


-- [cells-key]
ALTER TABLE ix_cell ADD PRIMARY KEY (id);


-- [cells-index]
CREATE UNIQUE INDEX ON ix_cell (level, code, channel, kind, pstart);


-- [cells-analyze]
ANALYZE ix_cell;


-- [cell-parents]
CREATE TEMP TABLE ix_cellmap ON COMMIT DROP AS
    SELECT c.id AS month_id, pc.id AS parent_id
      FROM ix_cell c
      JOIN ix_cell pc ON pc.level = c.level AND pc.code = c.code AND pc.channel = c.channel
                     AND ((pc.kind = 'quarter' AND pc.pstart = date_trunc('quarter', c.pstart)::date)
                       OR (pc.kind = 'year' AND pc.pstart = date_trunc('year', c.pstart)::date))
     WHERE c.kind = 'month';


-- [energy]
CREATE TEMP TABLE ix_leaf ON COMMIT DROP AS
      
  WITH items AS MATERIALIZED (
    SELECT i.leaf_idx, i.channel = 'ADVENIR' AS is_a, i.channel = 'GIREVE' AS is_g,
           i.a - (($1::int)::float8 * 1800) AS a, i.b - (($2::int)::float8 * 1800) AS b, i.e, CASE WHEN i.b > i.a THEN i.e / (i.b - i.a) ELSE 0 END AS p
      FROM (
      SELECT fs.leaf_idx, fs.channel, o.station_id, date_part('epoch', o.start_at) AS a, date_part('epoch', o.stop_at) AS b,
             (o.stop_wh - o.start_wh)::float8 AS e
        FROM charge_operation o
        JOIN ix_station fs ON fs.station_id = o.station_id
       WHERE o.env = 'production' AND o.quality_flags = '{}'
         AND o.stop_at >= to_timestamp((($3::int)::float8 * 1800)) AND o.start_at < to_timestamp(($4::int)::float8 * 1800)
         AND NOT EXISTS (
           SELECT 1 FROM load_curve c
            WHERE c.env = 'production' AND c.operator_id = o.operator_id AND c.station_id = o.station_id
              AND c.transaction_id = o.transaction_id AND c.quality_flags = '{}')
      UNION ALL
      SELECT fs.leaf_idx, fs.channel, c.station_id, date_part('epoch', c.start_at) + p.o0, date_part('epoch', c.start_at) + p.o1,
             (p.v1 - p.v0)::float8
        FROM load_curve c
        JOIN ix_station fs ON fs.station_id = c.station_id
       CROSS JOIN LATERAL unnest(c.offsets_s[:cardinality(c.offsets_s) - 1], c.offsets_s[2:],
                                 c.values_wh[:cardinality(c.values_wh) - 1], c.values_wh[2:]) AS p(o0, o1, v0, v1)
       WHERE c.env = 'production' AND c.quality_flags = '{}'
         AND c.stop_at >= to_timestamp((($5::int)::float8 * 1800)) AND c.start_at < to_timestamp(($6::int)::float8 * 1800)) i
  ),
  steps AS (
    SELECT leaf_idx, k, sum(da) AS da, sum(ta) AS ta, sum(dg) AS dg, sum(tg) AS tg, sum(ia) AS ia, sum(ig) AS ig
      FROM (SELECT leaf_idx, floor(a / 1800)::int AS k,
                   CASE WHEN is_a THEN p ELSE 0 END AS da, CASE WHEN is_a THEN p * a ELSE 0 END AS ta,
                   CASE WHEN is_g THEN p ELSE 0 END AS dg, CASE WHEN is_g THEN p * a ELSE 0 END AS tg,
                   CASE WHEN is_a AND b <= a THEN e ELSE 0 END AS ia, CASE WHEN is_g AND b <= a THEN e ELSE 0 END AS ig
              FROM items
            UNION ALL
            SELECT leaf_idx, floor(b / 1800)::int,
                   CASE WHEN is_a THEN -p ELSE 0 END, CASE WHEN is_a THEN -p * b ELSE 0 END,
                   CASE WHEN is_g THEN -p ELSE 0 END, CASE WHEN is_g THEN -p * b ELSE 0 END, 0, 0
              FROM items WHERE b > a) x
     GROUP BY 1, 2
  ),
  cum AS (
    SELECT leaf_idx, k, lag(k) OVER w AS kp, ia, ig,
           sum(da) OVER w AS s1a, sum(ta) OVER w AS s2a, sum(dg) OVER w AS s1g, sum(tg) OVER w AS s2g, da, ta, dg, tg
      FROM steps
    WINDOW w AS (PARTITION BY leaf_idx ORDER BY k ROWS UNBOUNDED PRECEDING)
  )
  SELECT leaf_idx, ($7::int) + k AS slot,
         ((k + 1) * 1800.0 * s1a - s2a) - (k * 1800.0 * (s1a - da) - (s2a - ta)) + ia AS a,
         ((k + 1) * 1800.0 * s1g - s2g) - (k * 1800.0 * (s1g - dg) - (s2g - tg)) + ig AS g
    FROM cum WHERE k >= 0 AND k < (($8::int) - ($9::int))
  UNION ALL
  SELECT leaf_idx, ($10::int) + j, 1800 * (s1a - da), 1800 * (s1g - dg)
    FROM cum
   CROSS JOIN LATERAL generate_series(greatest(kp + 1, 0), least(k - 1, (($11::int) - ($12::int)) - 1)) AS j
   WHERE k - kp > 1 AND (abs(s1a - da) > 0.000001 OR abs(s1g - dg) > 0.000001);
-- $1 = 946702
-- $2 = 946702
-- $3 = 946702
-- $4 = 964270
-- $5 = 946702
-- $6 = 964270
-- $7 = 946702
-- $8 = 964270
-- $9 = 946702
-- $10 = 946702
-- $11 = 964270
-- $12 = 946702


-- [energy-analyze]
ANALYZE ix_leaf;


-- [leaf-hours]
CREATE TEMP TABLE ix_leaf_hour ON COMMIT DROP AS
    SELECT lm.leaf, lm.dep, lm.reg, lm.leaf_idx, x.month_start, x.weekend, x.lhour, x.a, x.a_ci, x.a_cov, x.g, x.g_ci, x.g_cov,
           CASE WHEN x.is_peak THEN x.a ELSE 0 END AS a_peak, CASE WHEN x.is_offpeak THEN x.a ELSE 0 END AS a_off, CASE WHEN x.is_peak THEN x.g ELSE 0 END AS g_peak, CASE WHEN x.is_offpeak THEN x.g ELSE 0 END AS g_off, x.max_a, x.max_g, x.max_t
      FROM (SELECT l.k, s.month_start, s.weekend, s.lhour, s.is_peak, s.is_offpeak, sum(l.a) AS a, sum(l.a * s.ci) AS a_ci, coalesce(sum(l.a) FILTER (WHERE s.ci IS NOT NULL), 0) AS a_cov, sum(l.g) AS g, sum(l.g * s.ci) AS g_ci, coalesce(sum(l.g) FILTER (WHERE s.ci IS NOT NULL), 0) AS g_cov, max(l.a) AS max_a, max(l.g) AS max_g, max(l.a + l.g) AS max_t
          FROM (SELECT leaf_idx AS k, slot, a, g FROM ix_leaf) l JOIN ix_slot s ON s.slot = l.slot
         GROUP BY 1, 2, 3, 4, 5, 6) x
      JOIN ix_leafmap lm ON lm.leaf_idx = x.k;


-- [leaf-hours-analyze]
ANALYZE ix_leaf_hour (leaf, dep, reg, month_start, weekend, lhour);


-- [cell-hours]
CREATE TEMP TABLE ix_cellhour ON COMMIT DROP AS
    SELECT cl.id, x.weekend, x.lhour, c.wh, coalesce(c.wh_ci, 0) AS wh_ci, c.wh_cov, c.wh_peak, c.wh_off
      FROM (SELECT m.level, m.code, h.month_start, h.weekend, h.lhour, sum(h.a) AS a, sum(h.g) AS g, sum(h.a_ci) AS a_ci, sum(h.g_ci) AS g_ci, sum(h.a_cov) AS a_cov, sum(h.g_cov) AS g_cov, sum(h.a_peak) AS a_peak, sum(h.g_peak) AS g_peak, sum(h.a_off) AS a_off, sum(h.g_off) AS g_off
              FROM ix_leaf_hour h CROSS JOIN LATERAL (VALUES ('national', 'FR'), ('region', h.reg), ('departement', h.dep), ('commune', h.leaf))
            AS m(level, code)
             WHERE m.code IS NOT NULL AND m.level = ANY($1::text[])
             GROUP BY 1, 2, 3, 4, 5) x
     CROSS JOIN LATERAL (VALUES ('ADVENIR', x.a, x.a_ci, x.a_cov, x.a_peak, x.a_off),
                                ('GIREVE', x.g, x.g_ci, x.g_cov, x.g_peak, x.g_off),
                                ('all', x.a + x.g, x.a_ci + x.g_ci, x.a_cov + x.g_cov, x.a_peak + x.g_peak, x.a_off + x.g_off))
           AS c(channel, wh, wh_ci, wh_cov, wh_peak, wh_off)
      JOIN ix_cell cl ON cl.level = x.level AND cl.code = x.code AND cl.channel = c.channel AND cl.kind = 'month' AND cl.pstart = x.month_start;
-- $1 = ["national","region","departement","commune"]


-- [cell-hours-rollup]
INSERT INTO ix_cellhour
    SELECT cm.parent_id, h.weekend, h.lhour, sum(h.wh), sum(h.wh_ci), sum(h.wh_cov), sum(h.wh_peak), sum(h.wh_off)
      FROM ix_cellhour h JOIN ix_cellmap cm ON cm.month_id = h.id
     GROUP BY 1, 2, 3;


-- [cell-hours-analyze]
ANALYZE ix_cellhour (id, weekend, lhour);


-- [slots-reg]
CREATE TEMP TABLE ix_slot_reg ON COMMIT DROP AS
    
    SELECT nullif(r.reg_code, '') AS code, r.slot, r.a, r.g
      FROM energy_reg_slot r
     WHERE r.slot >= $1::int AND r.slot < $2::int;
-- $1 = 946702
-- $2 = 964270


-- [slots-nat]
CREATE TEMP TABLE ix_slot_nat ON COMMIT DROP AS
    SELECT 'FR'::text AS code, slot, sum(a) AS a, sum(g) AS g FROM ix_slot_reg GROUP BY 1, 2;


-- [peaks]
CREATE TEMP TABLE ix_peak ON COMMIT DROP AS
    SELECT cl.id, c.wh
      FROM (
    SELECT $1::text AS level, x.code, s.month_start AS pstart, max(x.a) AS a, max(x.g) AS g, max(x.a + x.g) AS t
      FROM ix_slot_nat x JOIN ix_slot s ON s.slot = x.slot WHERE x.code IS NOT NULL GROUP BY 2, 3 UNION ALL 
    SELECT $2::text AS level, x.code, s.month_start AS pstart, max(x.a) AS a, max(x.g) AS g, max(x.a + x.g) AS t
      FROM ix_slot_reg x JOIN ix_slot s ON s.slot = x.slot WHERE x.code IS NOT NULL GROUP BY 2, 3 UNION ALL 
    SELECT $3::text AS level, x.code, s.month_start AS pstart, max(x.a) AS a, max(x.g) AS g, max(x.a + x.g) AS t
      FROM (
    SELECT nullif(e.dep_code, '') AS code, e.slot, e.a, e.g
      FROM energy_dep_slot e
     WHERE e.slot >= $4::int AND e.slot < $5::int) x JOIN ix_slot s ON s.slot = x.slot WHERE x.code IS NOT NULL GROUP BY 2, 3 UNION ALL 
    SELECT $6::text AS level, h.leaf AS code, h.month_start AS pstart, max(h.max_a) AS a, max(h.max_g) AS g, max(h.max_t) AS t
      FROM ix_leaf_hour h WHERE h.leaf IS NOT NULL GROUP BY 2, 3) x
     CROSS JOIN LATERAL (VALUES ('ADVENIR', x.a), ('GIREVE', x.g), ('all', x.t)) AS c(channel, wh)
      JOIN ix_cell cl ON cl.level = x.level AND cl.code = x.code AND cl.channel = c.channel AND cl.kind = 'month' AND cl.pstart = x.pstart;
-- $1 = "national"
-- $2 = "region"
-- $3 = "departement"
-- $4 = 946702
-- $5 = 964270
-- $6 = "commune"


-- [peaks-rollup]
INSERT INTO ix_peak
    SELECT cm.parent_id, max(x.wh) FROM ix_peak x JOIN ix_cellmap cm ON cm.month_id = x.id GROUP BY 1;


-- [cells-energy]
UPDATE ix_cell c SET wh = e.wh, wh_ci = e.wh_ci, wh_cov = e.wh_cov, wh_peak = e.wh_peak, wh_off = e.wh_off
      FROM (SELECT id, sum(wh) AS wh, sum(wh_ci) AS wh_ci, sum(wh_cov) AS wh_cov, sum(wh_peak) AS wh_peak, sum(wh_off) AS wh_off
              FROM ix_cellhour GROUP BY 1) e
     WHERE e.id = c.id;


-- [cells-peak]
UPDATE ix_cell c SET peak_wh = x.wh FROM ix_peak x WHERE x.id = c.id;


-- ═══ secondary suppression ═══

-- [suppression-meta]
SELECT DISTINCT commune, dep, reg FROM ix_station;


-- [suppression-meta]
SELECT kind, to_char(pstart, 'YYYY-MM-DD') AS pstart FROM ix_period WHERE kind = ANY($1::text[]);
-- $1 = ["month","quarter","year"]


-- [suppression-read]
SELECT (SELECT string_agg(concat_ws(',', c.id, c.level, c.code, c.channel, c.kind, to_char(c.pstart, 'YYYY-MM-DD'), c.withheld::int,
                                         c.wh, coalesce(c.wh_ci, 0), c.wh_cov, c.wh_peak, c.wh_off, c.charges, c.stations, coalesce(c.kw, 0)),
                               E'
' ORDER BY c.id)
               FROM ix_cell c WHERE c.kind = ANY($1::text[])) AS cells,
            (SELECT string_agg(concat_ws(',', h.id, CASE WHEN h.weekend THEN 24 ELSE 0 END + h.lhour, h.wh, coalesce(h.wh_ci, 0)), E'
')
               FROM ix_cellhour h JOIN ix_cell c ON c.id = h.id
              WHERE c.kind = ANY($2::text[]) AND c.level <> $3::text) AS hours;
-- $1 = ["month","quarter","year"]
-- $2 = ["month","quarter","year"]
-- $3 = "commune"


-- [suppression-write]
UPDATE ix_cell SET withheld = true, reason = 'secondaire' WHERE id = ANY($1::int[]);
-- $1 = [4,8,15]


-- ═══ values of the full run ═══

-- [insert-scalars]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, v.code, c.level, c.code, c.kind, c.pstart, c.channel, v.val, ARRAY[]::float8[], c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c JOIN ix_period ip ON ip.kind = c.kind AND ip.pstart = c.pstart
       CROSS JOIN LATERAL (SELECT CASE WHEN c.wh_cov > 0.001 THEN c.wh_ci / c.wh_cov END AS ci_charge, c.peak_wh * 2 / 1000.0 AS peak_kw) d
       CROSS JOIN LATERAL (VALUES
         ('energy_kwh', c.wh / 1000.0),
         ('mean_power_kw', c.wh / 1000.0 / ip.hours),
         ('installed_power_kw', c.kw),
         ('carbon_intensity_charging', d.ci_charge),
         ('carbon_intensity_grid', ip.grid_mean),
         ('carbon_timing_benefit', ip.grid_mean - d.ci_charge),
         ('emissions_t', CASE WHEN c.wh_cov > 0.001 THEN c.wh_ci / 1e9 END),
         ('carbon_coverage_share', CASE WHEN c.wh > 0.001 THEN c.wh_cov / c.wh END),
         ('peak_power_kw', d.peak_kw),
         ('coincidence_factor', d.peak_kw / nullif(c.kw, 0)),
         ('load_factor', c.wh / 1000.0 / nullif(c.kw * ip.hours, 0)),
         ('peak_window_energy_share', CASE WHEN ip.peak_hours > 0 THEN CASE WHEN c.wh > 0.001 THEN c.wh_peak / c.wh END END),
         ('peak_window_mean_power_kw', CASE WHEN ip.peak_hours > 0 THEN c.wh_peak / 1000.0 / ip.peak_hours END),
         ('offpeak_energy_share', CASE WHEN c.wh > 0.001 THEN c.wh_off / c.wh END)) AS v(code, val)
       WHERE c.kind = ANY($3::text[]);
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = 3
-- $3 = ["month","quarter","year"]


-- [insert-profiles]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, v.code, c.level, c.code, c.kind, c.pstart, c.channel, NULL, v.arr, c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c
        JOIN (SELECT c.id,
                     array_agg(coalesce(h.wd, 0) / 1000.0 / ph.wd_hours ORDER BY ph.lhour) FILTER (WHERE ph.wd_hours IS NOT NULL) AS weekday,
                     array_agg(coalesce(h.we, 0) / 1000.0 / ph.we_hours ORDER BY ph.lhour) FILTER (WHERE ph.we_hours IS NOT NULL) AS weekend,
                     array_agg(h.ci ORDER BY ph.lhour) AS charging
                FROM ix_cell c
                JOIN (SELECT kind, pstart, lhour, max(hours) FILTER (WHERE NOT weekend) AS wd_hours, max(hours) FILTER (WHERE weekend) AS we_hours
                        FROM ix_period_hour GROUP BY 1, 2, 3) ph ON ph.kind = c.kind AND ph.pstart = c.pstart
                LEFT JOIN (SELECT id, lhour, sum(wh) FILTER (WHERE NOT weekend) AS wd, sum(wh) FILTER (WHERE weekend) AS we,
                                  CASE WHEN sum(wh_cov) > 0.001 THEN sum(wh_ci) / sum(wh_cov) END AS ci
                             FROM ix_cellhour GROUP BY 1, 2) h ON h.id = c.id AND h.lhour = ph.lhour
               WHERE c.kind = ANY($3::text[]) AND c.level <> 'commune'
               GROUP BY c.id) pr ON pr.id = c.id
       CROSS JOIN LATERAL (VALUES ('profile_weekday_kw', pr.weekday), ('profile_weekend_kw', pr.weekend),
                                  ('carbon_by_hour_charging', pr.charging)) AS v(code, arr);
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = 3
-- $3 = ["month","quarter","year"]


-- [insert-grid-by-hour]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, 'carbon_by_hour_grid', c.level, c.code, c.kind, c.pstart, c.channel, NULL, g.arr, c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c
        JOIN (SELECT kind, pstart, array_agg(ci ORDER BY lhour) AS arr
                FROM (SELECT kind, pstart, lhour, sum(ci_sum) / nullif(sum(ci_n), 0) AS ci FROM ix_period_hour GROUP BY 1, 2, 3) x
               GROUP BY 1, 2) g ON g.kind = c.kind AND g.pstart = c.pstart
       WHERE c.level = 'national' AND c.channel = 'all' AND c.kind = ANY($3::text[]);
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = 3
-- $3 = ["month","quarter","year"]


-- [insert-load-curves-national]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, 'load_curve_kw', c.level, c.code, c.kind, c.pstart, c.channel, NULL, lc.arr, c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c
        JOIN (SELECT c.id, array_agg(coalesce(CASE c.channel WHEN 'ADVENIR' THEN x.a WHEN 'GIREVE' THEN x.g ELSE x.a + x.g END, 0)
                                     * 2 / 1000.0 ORDER BY s.slot) AS arr
                FROM ix_cell c
                JOIN ix_slot s ON s.month_start = c.pstart
                LEFT JOIN ix_slot_nat x ON x.slot = s.slot AND true
               WHERE c.kind = 'month' AND c.level = $3::text
               GROUP BY c.id) lc ON lc.id = c.id;
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = 3
-- $3 = "national"


-- [insert-load-curves-region]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, 'load_curve_kw', c.level, c.code, c.kind, c.pstart, c.channel, NULL, lc.arr, c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c
        JOIN (SELECT c.id, array_agg(coalesce(CASE c.channel WHEN 'ADVENIR' THEN x.a WHEN 'GIREVE' THEN x.g ELSE x.a + x.g END, 0)
                                     * 2 / 1000.0 ORDER BY s.slot) AS arr
                FROM ix_cell c
                JOIN ix_slot s ON s.month_start = c.pstart
                LEFT JOIN ix_slot_reg x ON x.slot = s.slot AND x.code = c.code
               WHERE c.kind = 'month' AND c.level = $3::text AND c.channel = 'all'
               GROUP BY c.id) lc ON lc.id = c.id;
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = 3
-- $3 = "region"


-- ═══ the run's finish and revisions (full runs) ═══

-- [counts]
SELECT (SELECT count(*) FROM ix_cell WHERE kind = ANY($1::text[]))::int AS cells,
                (SELECT count(*) FROM ix_cell WHERE withheld AND kind = ANY($2::text[]))::int AS withheld,
                (SELECT coalesce(sum(gap_hours), 0) FROM ix_period WHERE kind = 'month')::int AS gap;
-- $1 = ["month","quarter","year"]
-- $2 = ["month","quarter","year"]


-- [finish]
UPDATE indicator_run SET finished_at = clock_timestamp(), cell_count = $1::int, withheld_count = $2::int,
                duration_ms = $3::int, carbon_gap_hours = $4::int, method_version = $5::int
          WHERE id = $6::uuid;
-- $1 = 1200
-- $2 = 80
-- $3 = 4321
-- $4 = 0
-- $5 = 2
-- $6 = "00000000-0000-4000-8000-000000000001"


-- [revisions-previous]
CREATE TEMP TABLE ix_prev ON COMMIT DROP AS
        SELECT y.y::date AS year, prev.id AS run_id, prev.method_version, r.finished_at AS now
          FROM indicator_run r
         CROSS JOIN LATERAL generate_series(date_trunc('year', r.period_from AT TIME ZONE 'Europe/Paris'),
                          (r.period_to AT TIME ZONE 'Europe/Paris') - interval '1 day', interval '1 year') AS y(y)
         CROSS JOIN LATERAL (SELECT p.id, p.method_version FROM indicator_run p
                              WHERE p.scope = 'full' AND p.finished_at IS NOT NULL AND p.id <> r.id AND p.period_from < ((y.y + interval '1 year') AT TIME ZONE 'Europe/Paris') AND p.period_to > (y.y AT TIME ZONE 'Europe/Paris')
                              ORDER BY p.finished_at DESC LIMIT 1) prev
         WHERE r.id = $1::uuid;
-- $1 = "00000000-0000-4000-8000-000000000001"


-- [revisions-published]
UPDATE indicator_value n
               SET revised_at = CASE WHEN ((n.value IS DISTINCT FROM p.value AND NOT coalesce(abs(n.value - p.value) <= 1e-9 * greatest(1, abs(n.value), abs(p.value)), false))
           OR cardinality(n.series) <> cardinality(p.series)
           OR EXISTS (SELECT 1 FROM unnest(n.series, p.series) AS u(x, y) WHERE (u.x IS DISTINCT FROM u.y AND NOT coalesce(abs(u.x - u.y) <= 1e-9 * greatest(1, abs(u.x), abs(u.y)), false)))) THEN pr.now ELSE p.revised_at END,
                   revision_reason = CASE WHEN ((n.value IS DISTINCT FROM p.value AND NOT coalesce(abs(n.value - p.value) <= 1e-9 * greatest(1, abs(n.value), abs(p.value)), false))
           OR cardinality(n.series) <> cardinality(p.series)
           OR EXISTS (SELECT 1 FROM unnest(n.series, p.series) AS u(x, y) WHERE (u.x IS DISTINCT FROM u.y AND NOT coalesce(abs(u.x - u.y) <= 1e-9 * greatest(1, abs(u.x), abs(u.y)), false)))) THEN CASE WHEN pr.method_version < $1::int AND n.indicator_code = ANY($2::text[]) THEN $3::text ELSE 'donnees' END ELSE p.revision_reason END
              FROM ix_prev pr
              JOIN indicator_value p ON p.run_id = pr.run_id
             WHERE n.run_id = $4::uuid AND NOT n.withheld AND NOT p.withheld
               AND date_trunc('year', n.period_start)::date = pr.year AND n.indicator_code = p.indicator_code AND n.mesh_level = p.mesh_level AND n.mesh_code = p.mesh_code AND n.period_kind = p.period_kind AND n.period_start = p.period_start AND n.channel = p.channel
               AND (p.revised_at IS NOT NULL OR ((n.value IS DISTINCT FROM p.value AND NOT coalesce(abs(n.value - p.value) <= 1e-9 * greatest(1, abs(n.value), abs(p.value)), false))
           OR cardinality(n.series) <> cardinality(p.series)
           OR EXISTS (SELECT 1 FROM unnest(n.series, p.series) AS u(x, y) WHERE (u.x IS DISTINCT FROM u.y AND NOT coalesce(abs(u.x - u.y) <= 1e-9 * greatest(1, abs(u.x), abs(u.y)), false)))));
-- $1 = 2
-- $2 = ["installed_power_kw","coincidence_factor","load_factor"]
-- $3 = "puissance_par_point"
-- $4 = "00000000-0000-4000-8000-000000000001"


-- [revisions-republished]
UPDATE indicator_value n
               SET revised_at = CASE WHEN ((n.value IS DISTINCT FROM q.value AND NOT coalesce(abs(n.value - q.value) <= 1e-9 * greatest(1, abs(n.value), abs(q.value)), false))
           OR cardinality(n.series) <> cardinality(q.series)
           OR EXISTS (SELECT 1 FROM unnest(n.series, q.series) AS u(x, y) WHERE (u.x IS DISTINCT FROM u.y AND NOT coalesce(abs(u.x - u.y) <= 1e-9 * greatest(1, abs(u.x), abs(u.y)), false)))) THEN pr.now ELSE p.revised_at END,
                   revision_reason = CASE WHEN ((n.value IS DISTINCT FROM q.value AND NOT coalesce(abs(n.value - q.value) <= 1e-9 * greatest(1, abs(n.value), abs(q.value)), false))
           OR cardinality(n.series) <> cardinality(q.series)
           OR EXISTS (SELECT 1 FROM unnest(n.series, q.series) AS u(x, y) WHERE (u.x IS DISTINCT FROM u.y AND NOT coalesce(abs(u.x - u.y) <= 1e-9 * greatest(1, abs(u.x), abs(u.y)), false)))) THEN CASE WHEN lr.method_version < $1::int AND n.indicator_code = ANY($2::text[]) THEN $3::text ELSE 'donnees' END ELSE p.revision_reason END
              FROM ix_prev pr
              JOIN indicator_value p ON p.run_id = pr.run_id
              JOIN indicator_run lr ON lr.id = p.last_published_run_id
              JOIN indicator_value q ON q.run_id = p.last_published_run_id
             WHERE n.run_id = $4::uuid AND NOT n.withheld AND p.withheld
               AND date_trunc('year', n.period_start)::date = pr.year AND n.indicator_code = p.indicator_code AND n.mesh_level = p.mesh_level AND n.mesh_code = p.mesh_code AND n.period_kind = p.period_kind AND n.period_start = p.period_start AND n.channel = p.channel AND q.indicator_code = n.indicator_code AND q.mesh_level = n.mesh_level AND q.mesh_code = n.mesh_code AND q.period_kind = n.period_kind AND q.period_start = n.period_start AND q.channel = n.channel
               AND (p.revised_at IS NOT NULL OR ((n.value IS DISTINCT FROM q.value AND NOT coalesce(abs(n.value - q.value) <= 1e-9 * greatest(1, abs(n.value), abs(q.value)), false))
           OR cardinality(n.series) <> cardinality(q.series)
           OR EXISTS (SELECT 1 FROM unnest(n.series, q.series) AS u(x, y) WHERE (u.x IS DISTINCT FROM u.y AND NOT coalesce(abs(u.x - u.y) <= 1e-9 * greatest(1, abs(u.x), abs(u.y)), false)))));
-- $1 = 2
-- $2 = ["installed_power_kw","coincidence_factor","load_factor"]
-- $3 = "puissance_par_point"
-- $4 = "00000000-0000-4000-8000-000000000001"


-- [revisions-withheld]
UPDATE indicator_value n
               SET last_published_run_id = CASE WHEN p.withheld THEN p.last_published_run_id ELSE p.run_id END,
                   revised_at = p.revised_at, revision_reason = p.revision_reason
              FROM ix_prev pr
              JOIN indicator_value p ON p.run_id = pr.run_id
             WHERE n.run_id = $1::uuid AND n.withheld
               AND date_trunc('year', n.period_start)::date = pr.year AND n.indicator_code = p.indicator_code AND n.mesh_level = p.mesh_level AND n.mesh_code = p.mesh_code AND n.period_kind = p.period_kind AND n.period_start = p.period_start AND n.channel = p.channel
               AND (NOT p.withheld OR p.last_published_run_id IS NOT NULL OR p.revised_at IS NOT NULL);
-- $1 = "00000000-0000-4000-8000-000000000001"


-- [revisions-replaced-runs]
UPDATE indicator_run q SET revised_at = r.finished_at, revised_by_run_id = r.id
              FROM indicator_run r
             WHERE r.id = $1::uuid AND q.id <> r.id AND q.scope = 'full' AND q.finished_at IS NOT NULL AND q.revised_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM generate_series(date_trunc('year', q.period_from AT TIME ZONE 'Europe/Paris'),
                          (q.period_to AT TIME ZONE 'Europe/Paris') - interval '1 day', interval '1 year') AS y(y) WHERE NOT EXISTS (SELECT 1 FROM indicator_run newer
                       WHERE newer.scope = 'full' AND newer.finished_at IS NOT NULL AND newer.finished_at > q.finished_at
                         AND newer.period_from < ((y.y + interval '1 year') AT TIME ZONE 'Europe/Paris') AND newer.period_to > (y.y AT TIME ZONE 'Europe/Paris')));
-- $1 = "00000000-0000-4000-8000-000000000001"


-- ═══ partial run down to départements: leaf hours from the series' profiles ═══

-- [param]
CREATE TEMP TABLE ix_param ON COMMIT DROP AS
    SELECT t0, t1, (extract(epoch FROM t0) / 1800)::int AS s0, (extract(epoch FROM t1) / 1800)::int AS s1
      FROM (SELECT $1::timestamp AT TIME ZONE 'Europe/Paris' AS t0, $2::timestamp AT TIME ZONE 'Europe/Paris' AS t1) x;
-- $1 = "2024-01-01"
-- $2 = "2025-01-01"


-- [stations]
CREATE TEMP TABLE ix_station ON COMMIT DROP AS
    SELECT x.*, (CASE WHEN x.dep IS NULL THEN 0 ELSE dense_rank() OVER (ORDER BY x.dep) END)::int AS leaf_idx
      FROM (SELECT s.id AS station_id, s.channel::text AS channel, d.beneficiary_id,
                 coalesce((SELECT sum(cp.nominal_power_kw) FROM charge_point cp WHERE cp.station_id = s.id),
                          s.nominal_power_kw * s.point_count)::float8 AS kw,
                 s.created_at AS registered_at,
                 (s.withdrawn_on::timestamp AT TIME ZONE 'Europe/Paris') AS withdrawn_at,
                 c.insee_code AS commune, dp.code AS dep, dp.region_code AS reg
            FROM station s
            JOIN dossier d ON d.id = s.dossier_id
            LEFT JOIN commune c ON c.insee_code = upper(s.insee_code)
            LEFT JOIN departement dp ON dp.code = coalesce(c.departement_code,
                      CASE WHEN s.insee_code LIKE '97%' THEN left(s.insee_code, 3) ELSE upper(left(s.insee_code, 2)) END)
           ) x;


-- [stations-key]
ALTER TABLE ix_station ADD PRIMARY KEY (station_id);


-- [stations-analyze]
ANALYZE ix_station;


-- [leaf-map]
CREATE TEMP TABLE ix_leafmap ON COMMIT DROP AS
    SELECT DISTINCT leaf_idx, NULL::text AS leaf, dep, reg FROM ix_station;


-- [leaf-map-analyze]
ANALYZE ix_leafmap;


-- [slots]
CREATE TEMP TABLE ix_slot ON COMMIT DROP AS
    
    SELECT g.slot, ci.g_per_kwh AS ci,
           date_trunc('month', x.l)::date AS month_start, date_trunc('quarter', x.l)::date AS quarter_start,
           date_trunc('year', x.l)::date AS year_start,
           extract(hour FROM x.l)::int AS lhour, extract(isodow FROM x.l) >= 6 AS weekend,
           (extract(isodow FROM x.l) <= 5 AND extract(month FROM x.l) IN (11, 12, 1, 2, 3)
             AND (extract(hour FROM x.l) BETWEEN 8 AND 12 OR extract(hour FROM x.l) IN (18, 19))) AS is_peak,
           (extract(hour FROM x.l) >= 22 OR extract(hour FROM x.l) < 6) AS is_offpeak
      FROM generate_series((SELECT s0 FROM ix_param), (SELECT s1 FROM ix_param) - 1) AS g(slot)
     CROSS JOIN LATERAL (SELECT to_timestamp(g.slot * 1800.0) AT TIME ZONE 'Europe/Paris' AS l) x
      LEFT JOIN carbon_intensity ci ON ci.series_id = $1::int AND ci.hour_start = to_timestamp((g.slot / 2) * 3600.0);
-- $1 = 3


-- [slots-key]
ALTER TABLE ix_slot ADD PRIMARY KEY (slot);


-- [slots-analyze]
ANALYZE ix_slot;


-- [periods]
CREATE TEMP TABLE ix_period ON COMMIT DROP AS
    SELECT p.kind, p.pstart, count(*) / 2.0 AS hours, count(*) FILTER (WHERE s.is_peak) / 2.0 AS peak_hours,
           count(*) FILTER (WHERE s.ci IS NULL) / 2.0 AS gap_hours, avg(s.ci) AS grid_mean
      FROM ix_slot s CROSS JOIN LATERAL (VALUES ('month', s.month_start), ('quarter', s.quarter_start), ('year', s.year_start)) AS p(kind, pstart)
     WHERE p.kind = ANY($1::text[])
     GROUP BY p.kind, p.pstart
    HAVING ((p.pstart::timestamp + CASE p.kind WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
             ELSE interval '1 year' END) AT TIME ZONE 'Europe/Paris') <= (SELECT t1 FROM ix_param)
       AND (p.pstart::timestamp AT TIME ZONE 'Europe/Paris') >= (SELECT t0 FROM ix_param);
-- $1 = ["month","year"]


-- [period-hours]
CREATE TEMP TABLE ix_period_hour ON COMMIT DROP AS
    SELECT p.kind, p.pstart, s.weekend, s.lhour, count(*) / 2.0 AS hours, sum(s.ci) AS ci_sum, count(s.ci) AS ci_n
      FROM ix_slot s CROSS JOIN LATERAL (VALUES ('month', s.month_start), ('quarter', s.quarter_start), ('year', s.year_start)) AS p(kind, pstart)
      JOIN ix_period ip ON ip.kind = p.kind AND ip.pstart = p.pstart
     GROUP BY 1, 2, 3, 4;


-- [station-months]
CREATE TEMP TABLE ix_st_month ON COMMIT DROP AS
    
    SELECT c.station_id, c.month_start, c.charges
      FROM charge_station_month c JOIN ix_station s ON s.station_id = c.station_id
     WHERE c.month_start >= $1::date AND c.month_start < $2::date;
-- $1 = "2024-01-01"
-- $2 = "2025-01-01"


-- [station-periods]
CREATE TEMP TABLE ix_st_period ON COMMIT DROP AS
    SELECT sm.station_id, q.kind, q.pstart, sum(sm.charges) AS charges
      FROM ix_st_month sm
     CROSS JOIN LATERAL (VALUES ('month', sm.month_start), ('quarter', date_trunc('quarter', sm.month_start)::date),
                                ('year', date_trunc('year', sm.month_start)::date)) AS q(kind, pstart)
      JOIN ix_period ip ON ip.kind = q.kind AND ip.pstart = q.pstart
     GROUP BY 1, 2, 3;


-- [coverage]
CREATE TEMP TABLE ix_cov ON COMMIT DROP AS
    SELECT level, code, channel, kind, pstart, sum(n)::int AS stations, count(beneficiary_id)::int AS bens,
           sum(kw) AS kw, sum(charges)::int AS charges
      FROM (SELECT m.level, m.code, ch.channel, sp.kind, sp.pstart, st.beneficiary_id, count(*) AS n,
                   coalesce(sum(st.kw) FILTER (WHERE (st.withdrawn_at IS NULL OR st.withdrawn_at > (sp.pstart::timestamp AT TIME ZONE 'Europe/Paris'))), 0) AS kw, sum(sp.charges) AS charges
              FROM ix_st_period sp JOIN (SELECT station_id, channel, beneficiary_id, kw, registered_at, withdrawn_at, NULL::text AS leaf, dep, reg FROM ix_station) st ON st.station_id = sp.station_id
             CROSS JOIN LATERAL (VALUES ('national', 'FR'), ('region', st.reg), ('departement', st.dep), ('commune', NULL))
            AS m(level, code)
             CROSS JOIN LATERAL (VALUES ('all'), (st.channel)) AS ch(channel)
             WHERE m.code IS NOT NULL AND m.level = ANY($1::text[])
             GROUP BY 1, 2, 3, 4, 5, 6) x
     GROUP BY 1, 2, 3, 4, 5;
-- $1 = ["national","region","departement"]


-- [registered]
CREATE TEMP TABLE ix_registered ON COMMIT DROP AS
    SELECT m.level, m.code, ch.channel, ip.kind, ip.pstart, count(*)::int AS n
      FROM ix_period ip
      JOIN (SELECT station_id, channel, beneficiary_id, kw, registered_at, withdrawn_at, NULL::text AS leaf, dep, reg FROM ix_station) st
        ON (st.withdrawn_at IS NULL OR st.withdrawn_at > (ip.pstart::timestamp AT TIME ZONE 'Europe/Paris')) AND (st.registered_at < ((ip.pstart::timestamp + CASE ip.kind WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
                                                          ELSE interval '1 year' END) AT TIME ZONE 'Europe/Paris')
        OR EXISTS (SELECT 1 FROM ix_st_period sp WHERE sp.station_id = st.station_id AND sp.kind = ip.kind AND sp.pstart = ip.pstart))
      CROSS JOIN LATERAL (VALUES ('national', 'FR'), ('region', st.reg), ('departement', st.dep), ('commune', NULL))
            AS m(level, code)
     CROSS JOIN LATERAL (VALUES ('all'), (st.channel)) AS ch(channel)
     WHERE m.code IS NOT NULL AND m.level = ANY($1::text[])
     GROUP BY 1, 2, 3, 4, 5;
-- $1 = ["national","region","departement"]


-- [cells]
CREATE TEMP TABLE ix_cell ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY c.level, c.code, c.channel, c.kind, c.pstart)::int AS id,
           c.level, c.code, c.channel, c.kind, c.pstart, c.stations, c.bens, c.kw, c.charges,
           coalesce(r.n, 0) AS registered, 0::float8 AS wh, 0::float8 AS wh_ci, 0::float8 AS wh_cov, 0::float8 AS wh_peak,
           0::float8 AS wh_off, 0::float8 AS peak_wh,
           (c.stations < $1::int OR c.bens < $2::int) AS withheld,
           CASE WHEN c.stations < $3::int THEN 'primaire_stations' WHEN c.bens < $4::int THEN 'primaire_beneficiaires' END AS reason
      FROM ix_cov c
      LEFT JOIN ix_registered r ON r.level = c.level AND r.code = c.code AND r.channel = c.channel AND r.kind = c.kind AND r.pstart = c.pstart;
-- $1 = 3
-- $2 = 2
-- $3 = 3
-- $4 = 2


-- [cells-key]
ALTER TABLE ix_cell ADD PRIMARY KEY (id);


-- [cells-index]
CREATE UNIQUE INDEX ON ix_cell (level, code, channel, kind, pstart);


-- [cells-analyze]
ANALYZE ix_cell;


-- [cell-parents]
CREATE TEMP TABLE ix_cellmap ON COMMIT DROP AS
    SELECT c.id AS month_id, pc.id AS parent_id
      FROM ix_cell c
      JOIN ix_cell pc ON pc.level = c.level AND pc.code = c.code AND pc.channel = c.channel
                     AND ((pc.kind = 'quarter' AND pc.pstart = date_trunc('quarter', c.pstart)::date)
                       OR (pc.kind = 'year' AND pc.pstart = date_trunc('year', c.pstart)::date))
     WHERE c.kind = 'month';


-- [leaf-hours]
CREATE TEMP TABLE ix_leaf_hour ON COMMIT DROP AS
    SELECT lm.leaf, lm.dep, lm.reg, lm.leaf_idx, x.month_start, x.weekend, x.lhour, x.a, x.a_ci, x.a_cov, x.g, x.g_ci, x.g_cov,
           CASE WHEN x.is_peak THEN x.a ELSE 0 END AS a_peak, CASE WHEN x.is_offpeak THEN x.a ELSE 0 END AS a_off, CASE WHEN x.is_peak THEN x.g ELSE 0 END AS g_peak, CASE WHEN x.is_offpeak THEN x.g ELSE 0 END AS g_off, x.max_a, x.max_g, x.max_t
      FROM (
    SELECT dep_code AS k, month_start, weekend, lhour, is_peak, is_offpeak, a, a_ci, a_cov, g, g_ci, g_cov, max_a, max_g, max_t
      FROM energy_dep_profile
     WHERE series_id = $1::int AND month_start >= $2::date AND month_start < $3::date) x
      JOIN ix_leafmap lm ON coalesce(lm.dep, '') = x.k;
-- $1 = 3
-- $2 = "2024-01-01"
-- $3 = "2025-01-01"


-- [leaf-hours-analyze]
ANALYZE ix_leaf_hour (leaf, dep, reg, month_start, weekend, lhour);


-- [cell-hours]
CREATE TEMP TABLE ix_cellhour ON COMMIT DROP AS
    SELECT cl.id, x.weekend, x.lhour, c.wh, coalesce(c.wh_ci, 0) AS wh_ci, c.wh_cov, c.wh_peak, c.wh_off
      FROM (SELECT m.level, m.code, h.month_start, h.weekend, h.lhour, sum(h.a) AS a, sum(h.g) AS g, sum(h.a_ci) AS a_ci, sum(h.g_ci) AS g_ci, sum(h.a_cov) AS a_cov, sum(h.g_cov) AS g_cov, sum(h.a_peak) AS a_peak, sum(h.g_peak) AS g_peak, sum(h.a_off) AS a_off, sum(h.g_off) AS g_off
              FROM ix_leaf_hour h CROSS JOIN LATERAL (VALUES ('national', 'FR'), ('region', h.reg), ('departement', h.dep), ('commune', NULL))
            AS m(level, code)
             WHERE m.code IS NOT NULL AND m.level = ANY($1::text[])
             GROUP BY 1, 2, 3, 4, 5) x
     CROSS JOIN LATERAL (VALUES ('ADVENIR', x.a, x.a_ci, x.a_cov, x.a_peak, x.a_off),
                                ('GIREVE', x.g, x.g_ci, x.g_cov, x.g_peak, x.g_off),
                                ('all', x.a + x.g, x.a_ci + x.g_ci, x.a_cov + x.g_cov, x.a_peak + x.g_peak, x.a_off + x.g_off))
           AS c(channel, wh, wh_ci, wh_cov, wh_peak, wh_off)
      JOIN ix_cell cl ON cl.level = x.level AND cl.code = x.code AND cl.channel = c.channel AND cl.kind = 'month' AND cl.pstart = x.month_start;
-- $1 = ["national","region","departement"]


-- [cell-hours-rollup]
INSERT INTO ix_cellhour
    SELECT cm.parent_id, h.weekend, h.lhour, sum(h.wh), sum(h.wh_ci), sum(h.wh_cov), sum(h.wh_peak), sum(h.wh_off)
      FROM ix_cellhour h JOIN ix_cellmap cm ON cm.month_id = h.id
     GROUP BY 1, 2, 3;


-- [cell-hours-analyze]
ANALYZE ix_cellhour (id, weekend, lhour);


-- [slots-reg]
CREATE TEMP TABLE ix_slot_reg ON COMMIT DROP AS
    
    SELECT nullif(r.reg_code, '') AS code, r.slot, r.a, r.g
      FROM energy_reg_slot r
     WHERE r.slot >= $1::int AND r.slot < $2::int;
-- $1 = 946702
-- $2 = 964270


-- [slots-nat]
CREATE TEMP TABLE ix_slot_nat ON COMMIT DROP AS
    SELECT 'FR'::text AS code, slot, sum(a) AS a, sum(g) AS g FROM ix_slot_reg GROUP BY 1, 2;


-- [peaks]
CREATE TEMP TABLE ix_peak ON COMMIT DROP AS
    SELECT cl.id, c.wh
      FROM (
    SELECT $1::text AS level, x.code, s.month_start AS pstart, max(x.a) AS a, max(x.g) AS g, max(x.a + x.g) AS t
      FROM ix_slot_nat x JOIN ix_slot s ON s.slot = x.slot WHERE x.code IS NOT NULL GROUP BY 2, 3 UNION ALL 
    SELECT $2::text AS level, x.code, s.month_start AS pstart, max(x.a) AS a, max(x.g) AS g, max(x.a + x.g) AS t
      FROM ix_slot_reg x JOIN ix_slot s ON s.slot = x.slot WHERE x.code IS NOT NULL GROUP BY 2, 3 UNION ALL 
    SELECT $3::text AS level, h.dep AS code, h.month_start AS pstart, max(h.max_a) AS a, max(h.max_g) AS g, max(h.max_t) AS t
      FROM ix_leaf_hour h WHERE h.dep IS NOT NULL GROUP BY 2, 3) x
     CROSS JOIN LATERAL (VALUES ('ADVENIR', x.a), ('GIREVE', x.g), ('all', x.t)) AS c(channel, wh)
      JOIN ix_cell cl ON cl.level = x.level AND cl.code = x.code AND cl.channel = c.channel AND cl.kind = 'month' AND cl.pstart = x.pstart;
-- $1 = "national"
-- $2 = "region"
-- $3 = "departement"


-- [peaks-rollup]
INSERT INTO ix_peak
    SELECT cm.parent_id, max(x.wh) FROM ix_peak x JOIN ix_cellmap cm ON cm.month_id = x.id GROUP BY 1;


-- [cells-energy]
UPDATE ix_cell c SET wh = e.wh, wh_ci = e.wh_ci, wh_cov = e.wh_cov, wh_peak = e.wh_peak, wh_off = e.wh_off
      FROM (SELECT id, sum(wh) AS wh, sum(wh_ci) AS wh_ci, sum(wh_cov) AS wh_cov, sum(wh_peak) AS wh_peak, sum(wh_off) AS wh_off
              FROM ix_cellhour GROUP BY 1) e
     WHERE e.id = c.id;


-- [cells-peak]
UPDATE ix_cell c SET peak_wh = x.wh FROM ix_peak x WHERE x.id = c.id;


-- ═══ values of that run ═══

-- [insert-scalars]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, v.code, c.level, c.code, c.kind, c.pstart, c.channel, v.val, ARRAY[]::float8[], c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c JOIN ix_period ip ON ip.kind = c.kind AND ip.pstart = c.pstart
       CROSS JOIN LATERAL (SELECT CASE WHEN c.wh_cov > 0.001 THEN c.wh_ci / c.wh_cov END AS ci_charge, c.peak_wh * 2 / 1000.0 AS peak_kw) d
       CROSS JOIN LATERAL (VALUES
         ('energy_kwh', c.wh / 1000.0),
         ('mean_power_kw', c.wh / 1000.0 / ip.hours),
         ('installed_power_kw', c.kw),
         ('carbon_intensity_charging', d.ci_charge),
         ('carbon_intensity_grid', ip.grid_mean),
         ('carbon_timing_benefit', ip.grid_mean - d.ci_charge),
         ('emissions_t', CASE WHEN c.wh_cov > 0.001 THEN c.wh_ci / 1e9 END),
         ('carbon_coverage_share', CASE WHEN c.wh > 0.001 THEN c.wh_cov / c.wh END),
         ('peak_power_kw', d.peak_kw),
         ('coincidence_factor', d.peak_kw / nullif(c.kw, 0)),
         ('load_factor', c.wh / 1000.0 / nullif(c.kw * ip.hours, 0)),
         ('peak_window_energy_share', CASE WHEN ip.peak_hours > 0 THEN CASE WHEN c.wh > 0.001 THEN c.wh_peak / c.wh END END),
         ('peak_window_mean_power_kw', CASE WHEN ip.peak_hours > 0 THEN c.wh_peak / 1000.0 / ip.peak_hours END),
         ('offpeak_energy_share', CASE WHEN c.wh > 0.001 THEN c.wh_off / c.wh END)) AS v(code, val)
       WHERE c.kind = ANY($3::text[]);
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = 3
-- $3 = ["month","year"]


-- [insert-profiles]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, v.code, c.level, c.code, c.kind, c.pstart, c.channel, NULL, v.arr, c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c
        JOIN (SELECT c.id,
                     array_agg(coalesce(h.wd, 0) / 1000.0 / ph.wd_hours ORDER BY ph.lhour) FILTER (WHERE ph.wd_hours IS NOT NULL) AS weekday,
                     array_agg(coalesce(h.we, 0) / 1000.0 / ph.we_hours ORDER BY ph.lhour) FILTER (WHERE ph.we_hours IS NOT NULL) AS weekend,
                     array_agg(h.ci ORDER BY ph.lhour) AS charging
                FROM ix_cell c
                JOIN (SELECT kind, pstart, lhour, max(hours) FILTER (WHERE NOT weekend) AS wd_hours, max(hours) FILTER (WHERE weekend) AS we_hours
                        FROM ix_period_hour GROUP BY 1, 2, 3) ph ON ph.kind = c.kind AND ph.pstart = c.pstart
                LEFT JOIN (SELECT id, lhour, sum(wh) FILTER (WHERE NOT weekend) AS wd, sum(wh) FILTER (WHERE weekend) AS we,
                                  CASE WHEN sum(wh_cov) > 0.001 THEN sum(wh_ci) / sum(wh_cov) END AS ci
                             FROM ix_cellhour GROUP BY 1, 2) h ON h.id = c.id AND h.lhour = ph.lhour
               WHERE c.kind = ANY($3::text[]) AND c.level <> 'commune'
               GROUP BY c.id) pr ON pr.id = c.id
       CROSS JOIN LATERAL (VALUES ('profile_weekday_kw', pr.weekday), ('profile_weekend_kw', pr.weekend),
                                  ('carbon_by_hour_charging', pr.charging)) AS v(code, arr);
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = 3
-- $3 = ["month","year"]


-- [insert-grid-by-hour]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, 'carbon_by_hour_grid', c.level, c.code, c.kind, c.pstart, c.channel, NULL, g.arr, c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c
        JOIN (SELECT kind, pstart, array_agg(ci ORDER BY lhour) AS arr
                FROM (SELECT kind, pstart, lhour, sum(ci_sum) / nullif(sum(ci_n), 0) AS ci FROM ix_period_hour GROUP BY 1, 2, 3) x
               GROUP BY 1, 2) g ON g.kind = c.kind AND g.pstart = c.pstart
       WHERE c.level = 'national' AND c.channel = 'all' AND c.kind = ANY($3::text[]);
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = 3
-- $3 = ["month","year"]


-- [insert-load-curves-national]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, 'load_curve_kw', c.level, c.code, c.kind, c.pstart, c.channel, NULL, lc.arr, c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c
        JOIN (SELECT c.id, array_agg(coalesce(CASE c.channel WHEN 'ADVENIR' THEN x.a WHEN 'GIREVE' THEN x.g ELSE x.a + x.g END, 0)
                                     * 2 / 1000.0 ORDER BY s.slot) AS arr
                FROM ix_cell c
                JOIN ix_slot s ON s.month_start = c.pstart
                LEFT JOIN ix_slot_nat x ON x.slot = s.slot AND true
               WHERE c.kind = 'month' AND c.level = $3::text
               GROUP BY c.id) lc ON lc.id = c.id;
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = 3
-- $3 = "national"


-- [insert-load-curves-region]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, 'load_curve_kw', c.level, c.code, c.kind, c.pstart, c.channel, NULL, lc.arr, c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c
        JOIN (SELECT c.id, array_agg(coalesce(CASE c.channel WHEN 'ADVENIR' THEN x.a WHEN 'GIREVE' THEN x.g ELSE x.a + x.g END, 0)
                                     * 2 / 1000.0 ORDER BY s.slot) AS arr
                FROM ix_cell c
                JOIN ix_slot s ON s.month_start = c.pstart
                LEFT JOIN ix_slot_reg x ON x.slot = s.slot AND x.code = c.code
               WHERE c.kind = 'month' AND c.level = $3::text AND c.channel = 'all'
               GROUP BY c.id) lc ON lc.id = c.id;
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = 3
-- $3 = "region"


-- ═══ run of two stations without a carbon series, from the charges ═══

-- [param]
CREATE TEMP TABLE ix_param ON COMMIT DROP AS
    SELECT t0, t1, (extract(epoch FROM t0) / 1800)::int AS s0, (extract(epoch FROM t1) / 1800)::int AS s1
      FROM (SELECT $1::timestamp AT TIME ZONE 'Europe/Paris' AS t0, $2::timestamp AT TIME ZONE 'Europe/Paris' AS t1) x;
-- $1 = "2024-01-01"
-- $2 = "2025-01-01"


-- [stations]
CREATE TEMP TABLE ix_station ON COMMIT DROP AS
    SELECT x.*, (CASE WHEN x.commune IS NULL THEN 0 ELSE dense_rank() OVER (ORDER BY x.commune) END)::int AS leaf_idx
      FROM (SELECT s.id AS station_id, s.channel::text AS channel, d.beneficiary_id,
                 coalesce((SELECT sum(cp.nominal_power_kw) FROM charge_point cp WHERE cp.station_id = s.id),
                          s.nominal_power_kw * s.point_count)::float8 AS kw,
                 s.created_at AS registered_at,
                 (s.withdrawn_on::timestamp AT TIME ZONE 'Europe/Paris') AS withdrawn_at,
                 c.insee_code AS commune, dp.code AS dep, dp.region_code AS reg
            FROM station s
            JOIN dossier d ON d.id = s.dossier_id
            LEFT JOIN commune c ON c.insee_code = upper(s.insee_code)
            LEFT JOIN departement dp ON dp.code = coalesce(c.departement_code,
                      CASE WHEN s.insee_code LIKE '97%' THEN left(s.insee_code, 3) ELSE upper(left(s.insee_code, 2)) END)
           WHERE s.id = ANY($1::uuid[])) x;
-- $1 = ["00000000-0000-4000-8000-00000000000a","00000000-0000-4000-8000-00000000000b"]


-- [stations-key]
ALTER TABLE ix_station ADD PRIMARY KEY (station_id);


-- [stations-analyze]
ANALYZE ix_station;


-- [leaf-map]
CREATE TEMP TABLE ix_leafmap ON COMMIT DROP AS
    SELECT DISTINCT leaf_idx, commune AS leaf, dep, reg FROM ix_station;


-- [leaf-map-analyze]
ANALYZE ix_leafmap;


-- [slots]
CREATE TEMP TABLE ix_slot ON COMMIT DROP AS
    
    SELECT g.slot, ci.g_per_kwh AS ci,
           date_trunc('month', x.l)::date AS month_start, date_trunc('quarter', x.l)::date AS quarter_start,
           date_trunc('year', x.l)::date AS year_start,
           extract(hour FROM x.l)::int AS lhour, extract(isodow FROM x.l) >= 6 AS weekend,
           (extract(isodow FROM x.l) <= 5 AND extract(month FROM x.l) IN (11, 12, 1, 2, 3)
             AND (extract(hour FROM x.l) BETWEEN 8 AND 12 OR extract(hour FROM x.l) IN (18, 19))) AS is_peak,
           (extract(hour FROM x.l) >= 22 OR extract(hour FROM x.l) < 6) AS is_offpeak
      FROM generate_series((SELECT s0 FROM ix_param), (SELECT s1 FROM ix_param) - 1) AS g(slot)
     CROSS JOIN LATERAL (SELECT to_timestamp(g.slot * 1800.0) AT TIME ZONE 'Europe/Paris' AS l) x
      LEFT JOIN carbon_intensity ci ON ci.series_id = $1::int AND ci.hour_start = to_timestamp((g.slot / 2) * 3600.0);
-- $1 = null


-- [slots-key]
ALTER TABLE ix_slot ADD PRIMARY KEY (slot);


-- [slots-analyze]
ANALYZE ix_slot;


-- [periods]
CREATE TEMP TABLE ix_period ON COMMIT DROP AS
    SELECT p.kind, p.pstart, count(*) / 2.0 AS hours, count(*) FILTER (WHERE s.is_peak) / 2.0 AS peak_hours,
           count(*) FILTER (WHERE s.ci IS NULL) / 2.0 AS gap_hours, avg(s.ci) AS grid_mean
      FROM ix_slot s CROSS JOIN LATERAL (VALUES ('month', s.month_start), ('quarter', s.quarter_start), ('year', s.year_start)) AS p(kind, pstart)
     WHERE p.kind = ANY($1::text[])
     GROUP BY p.kind, p.pstart
    HAVING ((p.pstart::timestamp + CASE p.kind WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
             ELSE interval '1 year' END) AT TIME ZONE 'Europe/Paris') <= (SELECT t1 FROM ix_param)
       AND (p.pstart::timestamp AT TIME ZONE 'Europe/Paris') >= (SELECT t0 FROM ix_param);
-- $1 = ["month","quarter","year"]


-- [period-hours]
CREATE TEMP TABLE ix_period_hour ON COMMIT DROP AS
    SELECT p.kind, p.pstart, s.weekend, s.lhour, count(*) / 2.0 AS hours, sum(s.ci) AS ci_sum, count(s.ci) AS ci_n
      FROM ix_slot s CROSS JOIN LATERAL (VALUES ('month', s.month_start), ('quarter', s.quarter_start), ('year', s.year_start)) AS p(kind, pstart)
      JOIN ix_period ip ON ip.kind = p.kind AND ip.pstart = p.pstart
     GROUP BY 1, 2, 3, 4;


-- [station-months]
CREATE TEMP TABLE ix_st_month ON COMMIT DROP AS
    
  WITH months AS MATERIALIZED (
    SELECT (SELECT array_agg(m::date ORDER BY m)
              FROM generate_series($1::timestamp, $2::timestamp - interval '1 month', interval '1 month') m) AS starts,
           (SELECT array_agg(date_part('epoch', m AT TIME ZONE 'Europe/Paris') ORDER BY m)
              FROM generate_series($3::timestamp, $4::timestamp, interval '1 month') m) AS edges)
  SELECT x.station_id, ms.starts[m.i] AS month_start, coalesce(sum(x.n) FILTER (WHERE m.i = x.i0), 0)::int AS charges
    FROM (SELECT t.station_id, width_bucket(date_part('epoch', t.start_at), (SELECT edges FROM months)) AS i0,
                 width_bucket(date_part('epoch', t.stop_at), (SELECT edges FROM months)) AS i1, count(*) AS n
            FROM (
  SELECT o.station_id, o.start_at, o.stop_at
    FROM charge_operation o JOIN ix_station fs ON fs.station_id = o.station_id
   WHERE o.env = 'production' AND o.quality_flags = '{}' AND o.stop_at >= $5::timestamp AT TIME ZONE 'Europe/Paris' AND o.start_at < $6::timestamp AT TIME ZONE 'Europe/Paris'
  UNION ALL
  SELECT c.station_id, c.start_at, c.stop_at
    FROM load_curve c JOIN ix_station fs ON fs.station_id = c.station_id
   WHERE c.env = 'production' AND c.quality_flags = '{}' AND c.stop_at >= $7::timestamp AT TIME ZONE 'Europe/Paris' AND c.start_at < $8::timestamp AT TIME ZONE 'Europe/Paris'
     AND NOT EXISTS (
       SELECT 1 FROM charge_operation o
        WHERE o.env = 'production' AND o.operator_id = c.operator_id AND o.station_id = c.station_id
          AND o.transaction_id = c.transaction_id AND o.quality_flags = '{}')) t
           GROUP BY 1, 2, 3) x
   CROSS JOIN months ms
   CROSS JOIN LATERAL generate_series(greatest(x.i0, 1), least(x.i1, cardinality(ms.starts))) AS m(i)
   GROUP BY 1, 2;
-- $1 = "2024-01-01"
-- $2 = "2025-01-01"
-- $3 = "2024-01-01"
-- $4 = "2025-01-01"
-- $5 = "2024-01-01"
-- $6 = "2025-01-01"
-- $7 = "2024-01-01"
-- $8 = "2025-01-01"


-- [station-periods]
CREATE TEMP TABLE ix_st_period ON COMMIT DROP AS
    SELECT sm.station_id, q.kind, q.pstart, sum(sm.charges) AS charges
      FROM ix_st_month sm
     CROSS JOIN LATERAL (VALUES ('month', sm.month_start), ('quarter', date_trunc('quarter', sm.month_start)::date),
                                ('year', date_trunc('year', sm.month_start)::date)) AS q(kind, pstart)
      JOIN ix_period ip ON ip.kind = q.kind AND ip.pstart = q.pstart
     GROUP BY 1, 2, 3;


-- [coverage]
CREATE TEMP TABLE ix_cov ON COMMIT DROP AS
    SELECT level, code, channel, kind, pstart, sum(n)::int AS stations, count(beneficiary_id)::int AS bens,
           sum(kw) AS kw, sum(charges)::int AS charges
      FROM (SELECT m.level, m.code, ch.channel, sp.kind, sp.pstart, st.beneficiary_id, count(*) AS n,
                   coalesce(sum(st.kw) FILTER (WHERE (st.withdrawn_at IS NULL OR st.withdrawn_at > (sp.pstart::timestamp AT TIME ZONE 'Europe/Paris'))), 0) AS kw, sum(sp.charges) AS charges
              FROM ix_st_period sp JOIN (SELECT station_id, channel, beneficiary_id, kw, registered_at, withdrawn_at, commune AS leaf, dep, reg FROM ix_station) st ON st.station_id = sp.station_id
             CROSS JOIN LATERAL (VALUES ('national', 'FR'), ('region', st.reg), ('departement', st.dep), ('commune', st.leaf))
            AS m(level, code)
             CROSS JOIN LATERAL (VALUES ('all'), (st.channel)) AS ch(channel)
             WHERE m.code IS NOT NULL AND m.level = ANY($1::text[])
             GROUP BY 1, 2, 3, 4, 5, 6) x
     GROUP BY 1, 2, 3, 4, 5;
-- $1 = ["national","region","departement","commune"]


-- [registered]
CREATE TEMP TABLE ix_registered ON COMMIT DROP AS
    SELECT m.level, m.code, ch.channel, ip.kind, ip.pstart, count(*)::int AS n
      FROM ix_period ip
      JOIN (SELECT station_id, channel, beneficiary_id, kw, registered_at, withdrawn_at, commune AS leaf, dep, reg FROM ix_station) st
        ON (st.withdrawn_at IS NULL OR st.withdrawn_at > (ip.pstart::timestamp AT TIME ZONE 'Europe/Paris')) AND (st.registered_at < ((ip.pstart::timestamp + CASE ip.kind WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months'
                                                          ELSE interval '1 year' END) AT TIME ZONE 'Europe/Paris')
        OR EXISTS (SELECT 1 FROM ix_st_period sp WHERE sp.station_id = st.station_id AND sp.kind = ip.kind AND sp.pstart = ip.pstart))
      CROSS JOIN LATERAL (VALUES ('national', 'FR'), ('region', st.reg), ('departement', st.dep), ('commune', st.leaf))
            AS m(level, code)
     CROSS JOIN LATERAL (VALUES ('all'), (st.channel)) AS ch(channel)
     WHERE m.code IS NOT NULL AND m.level = ANY($1::text[])
     GROUP BY 1, 2, 3, 4, 5;
-- $1 = ["national","region","departement","commune"]


-- [cells]
CREATE TEMP TABLE ix_cell ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY c.level, c.code, c.channel, c.kind, c.pstart)::int AS id,
           c.level, c.code, c.channel, c.kind, c.pstart, c.stations, c.bens, c.kw, c.charges,
           coalesce(r.n, 0) AS registered, 0::float8 AS wh, 0::float8 AS wh_ci, 0::float8 AS wh_cov, 0::float8 AS wh_peak,
           0::float8 AS wh_off, 0::float8 AS peak_wh,
           (c.stations < $1::int OR c.bens < $2::int) AS withheld,
           CASE WHEN c.stations < $3::int THEN 'primaire_stations' WHEN c.bens < $4::int THEN 'primaire_beneficiaires' END AS reason
      FROM ix_cov c
      LEFT JOIN ix_registered r ON r.level = c.level AND r.code = c.code AND r.channel = c.channel AND r.kind = c.kind AND r.pstart = c.pstart;
-- $1 = 3
-- $2 = 2
-- $3 = 3
-- $4 = 2


-- [cells-key]
ALTER TABLE ix_cell ADD PRIMARY KEY (id);


-- [cells-index]
CREATE UNIQUE INDEX ON ix_cell (level, code, channel, kind, pstart);


-- [cells-analyze]
ANALYZE ix_cell;


-- [cell-parents]
CREATE TEMP TABLE ix_cellmap ON COMMIT DROP AS
    SELECT c.id AS month_id, pc.id AS parent_id
      FROM ix_cell c
      JOIN ix_cell pc ON pc.level = c.level AND pc.code = c.code AND pc.channel = c.channel
                     AND ((pc.kind = 'quarter' AND pc.pstart = date_trunc('quarter', c.pstart)::date)
                       OR (pc.kind = 'year' AND pc.pstart = date_trunc('year', c.pstart)::date))
     WHERE c.kind = 'month';


-- [energy]
CREATE TEMP TABLE ix_leaf ON COMMIT DROP AS
      
  WITH items AS MATERIALIZED (
    SELECT i.leaf_idx, i.channel = 'ADVENIR' AS is_a, i.channel = 'GIREVE' AS is_g,
           i.a - (($1::int)::float8 * 1800) AS a, i.b - (($2::int)::float8 * 1800) AS b, i.e, CASE WHEN i.b > i.a THEN i.e / (i.b - i.a) ELSE 0 END AS p
      FROM (
      SELECT fs.leaf_idx, fs.channel, o.station_id, date_part('epoch', o.start_at) AS a, date_part('epoch', o.stop_at) AS b,
             (o.stop_wh - o.start_wh)::float8 AS e
        FROM charge_operation o
        JOIN ix_station fs ON fs.station_id = o.station_id
       WHERE o.env = 'production' AND o.quality_flags = '{}'
         AND o.stop_at >= to_timestamp((($3::int)::float8 * 1800)) AND o.start_at < to_timestamp(($4::int)::float8 * 1800)) i
  ),
  steps AS (
    SELECT leaf_idx, k, sum(da) AS da, sum(ta) AS ta, sum(dg) AS dg, sum(tg) AS tg, sum(ia) AS ia, sum(ig) AS ig
      FROM (SELECT leaf_idx, floor(a / 1800)::int AS k,
                   CASE WHEN is_a THEN p ELSE 0 END AS da, CASE WHEN is_a THEN p * a ELSE 0 END AS ta,
                   CASE WHEN is_g THEN p ELSE 0 END AS dg, CASE WHEN is_g THEN p * a ELSE 0 END AS tg,
                   CASE WHEN is_a AND b <= a THEN e ELSE 0 END AS ia, CASE WHEN is_g AND b <= a THEN e ELSE 0 END AS ig
              FROM items
            UNION ALL
            SELECT leaf_idx, floor(b / 1800)::int,
                   CASE WHEN is_a THEN -p ELSE 0 END, CASE WHEN is_a THEN -p * b ELSE 0 END,
                   CASE WHEN is_g THEN -p ELSE 0 END, CASE WHEN is_g THEN -p * b ELSE 0 END, 0, 0
              FROM items WHERE b > a) x
     GROUP BY 1, 2
  ),
  cum AS (
    SELECT leaf_idx, k, lag(k) OVER w AS kp, ia, ig,
           sum(da) OVER w AS s1a, sum(ta) OVER w AS s2a, sum(dg) OVER w AS s1g, sum(tg) OVER w AS s2g, da, ta, dg, tg
      FROM steps
    WINDOW w AS (PARTITION BY leaf_idx ORDER BY k ROWS UNBOUNDED PRECEDING)
  )
  SELECT leaf_idx, ($5::int) + k AS slot,
         ((k + 1) * 1800.0 * s1a - s2a) - (k * 1800.0 * (s1a - da) - (s2a - ta)) + ia AS a,
         ((k + 1) * 1800.0 * s1g - s2g) - (k * 1800.0 * (s1g - dg) - (s2g - tg)) + ig AS g
    FROM cum WHERE k >= 0 AND k < (($6::int) - ($7::int))
  UNION ALL
  SELECT leaf_idx, ($8::int) + j, 1800 * (s1a - da), 1800 * (s1g - dg)
    FROM cum
   CROSS JOIN LATERAL generate_series(greatest(kp + 1, 0), least(k - 1, (($9::int) - ($10::int)) - 1)) AS j
   WHERE k - kp > 1 AND (abs(s1a - da) > 0.000001 OR abs(s1g - dg) > 0.000001);
-- $1 = 946702
-- $2 = 946702
-- $3 = 946702
-- $4 = 964270
-- $5 = 946702
-- $6 = 964270
-- $7 = 946702
-- $8 = 946702
-- $9 = 964270
-- $10 = 946702


-- [energy-analyze]
ANALYZE ix_leaf;


-- [leaf-hours]
CREATE TEMP TABLE ix_leaf_hour ON COMMIT DROP AS
    SELECT lm.leaf, lm.dep, lm.reg, lm.leaf_idx, x.month_start, x.weekend, x.lhour, x.a, x.a_ci, x.a_cov, x.g, x.g_ci, x.g_cov,
           CASE WHEN x.is_peak THEN x.a ELSE 0 END AS a_peak, CASE WHEN x.is_offpeak THEN x.a ELSE 0 END AS a_off, CASE WHEN x.is_peak THEN x.g ELSE 0 END AS g_peak, CASE WHEN x.is_offpeak THEN x.g ELSE 0 END AS g_off, x.max_a, x.max_g, x.max_t
      FROM (SELECT l.k, s.month_start, s.weekend, s.lhour, s.is_peak, s.is_offpeak, sum(l.a) AS a, sum(l.a * s.ci) AS a_ci, coalesce(sum(l.a) FILTER (WHERE s.ci IS NOT NULL), 0) AS a_cov, sum(l.g) AS g, sum(l.g * s.ci) AS g_ci, coalesce(sum(l.g) FILTER (WHERE s.ci IS NOT NULL), 0) AS g_cov, max(l.a) AS max_a, max(l.g) AS max_g, max(l.a + l.g) AS max_t
          FROM (SELECT leaf_idx AS k, slot, a, g FROM ix_leaf) l JOIN ix_slot s ON s.slot = l.slot
         GROUP BY 1, 2, 3, 4, 5, 6) x
      JOIN ix_leafmap lm ON lm.leaf_idx = x.k;


-- [leaf-hours-analyze]
ANALYZE ix_leaf_hour (leaf, dep, reg, month_start, weekend, lhour);


-- [cell-hours]
CREATE TEMP TABLE ix_cellhour ON COMMIT DROP AS
    SELECT cl.id, x.weekend, x.lhour, c.wh, coalesce(c.wh_ci, 0) AS wh_ci, c.wh_cov, c.wh_peak, c.wh_off
      FROM (SELECT m.level, m.code, h.month_start, h.weekend, h.lhour, sum(h.a) AS a, sum(h.g) AS g, sum(h.a_ci) AS a_ci, sum(h.g_ci) AS g_ci, sum(h.a_cov) AS a_cov, sum(h.g_cov) AS g_cov, sum(h.a_peak) AS a_peak, sum(h.g_peak) AS g_peak, sum(h.a_off) AS a_off, sum(h.g_off) AS g_off
              FROM ix_leaf_hour h CROSS JOIN LATERAL (VALUES ('national', 'FR'), ('region', h.reg), ('departement', h.dep), ('commune', h.leaf))
            AS m(level, code)
             WHERE m.code IS NOT NULL AND m.level = ANY($1::text[])
             GROUP BY 1, 2, 3, 4, 5) x
     CROSS JOIN LATERAL (VALUES ('ADVENIR', x.a, x.a_ci, x.a_cov, x.a_peak, x.a_off),
                                ('GIREVE', x.g, x.g_ci, x.g_cov, x.g_peak, x.g_off),
                                ('all', x.a + x.g, x.a_ci + x.g_ci, x.a_cov + x.g_cov, x.a_peak + x.g_peak, x.a_off + x.g_off))
           AS c(channel, wh, wh_ci, wh_cov, wh_peak, wh_off)
      JOIN ix_cell cl ON cl.level = x.level AND cl.code = x.code AND cl.channel = c.channel AND cl.kind = 'month' AND cl.pstart = x.month_start;
-- $1 = ["national","region","departement","commune"]


-- [cell-hours-rollup]
INSERT INTO ix_cellhour
    SELECT cm.parent_id, h.weekend, h.lhour, sum(h.wh), sum(h.wh_ci), sum(h.wh_cov), sum(h.wh_peak), sum(h.wh_off)
      FROM ix_cellhour h JOIN ix_cellmap cm ON cm.month_id = h.id
     GROUP BY 1, 2, 3;


-- [cell-hours-analyze]
ANALYZE ix_cellhour (id, weekend, lhour);


-- [slots-dep]
CREATE TEMP TABLE ix_slot_dep ON COMMIT DROP AS
      SELECT lm.dep AS code, lm.reg, l.slot, sum(l.a) AS a, sum(l.g) AS g
        FROM ix_leaf l JOIN ix_leafmap lm ON lm.leaf_idx = l.leaf_idx GROUP BY 1, 2, 3;


-- [slots-reg]
CREATE TEMP TABLE ix_slot_reg ON COMMIT DROP AS
    SELECT x.reg AS code, x.slot, sum(x.a) AS a, sum(x.g) AS g FROM ix_slot_dep x GROUP BY 1, 2;


-- [slots-nat]
CREATE TEMP TABLE ix_slot_nat ON COMMIT DROP AS
    SELECT 'FR'::text AS code, slot, sum(a) AS a, sum(g) AS g FROM ix_slot_reg GROUP BY 1, 2;


-- [peaks]
CREATE TEMP TABLE ix_peak ON COMMIT DROP AS
    SELECT cl.id, c.wh
      FROM (
    SELECT $1::text AS level, x.code, s.month_start AS pstart, max(x.a) AS a, max(x.g) AS g, max(x.a + x.g) AS t
      FROM ix_slot_nat x JOIN ix_slot s ON s.slot = x.slot WHERE x.code IS NOT NULL GROUP BY 2, 3 UNION ALL 
    SELECT $2::text AS level, x.code, s.month_start AS pstart, max(x.a) AS a, max(x.g) AS g, max(x.a + x.g) AS t
      FROM ix_slot_reg x JOIN ix_slot s ON s.slot = x.slot WHERE x.code IS NOT NULL GROUP BY 2, 3 UNION ALL 
    SELECT $3::text AS level, x.code, s.month_start AS pstart, max(x.a) AS a, max(x.g) AS g, max(x.a + x.g) AS t
      FROM ix_slot_dep x JOIN ix_slot s ON s.slot = x.slot WHERE x.code IS NOT NULL GROUP BY 2, 3 UNION ALL 
    SELECT $4::text AS level, h.leaf AS code, h.month_start AS pstart, max(h.max_a) AS a, max(h.max_g) AS g, max(h.max_t) AS t
      FROM ix_leaf_hour h WHERE h.leaf IS NOT NULL GROUP BY 2, 3) x
     CROSS JOIN LATERAL (VALUES ('ADVENIR', x.a), ('GIREVE', x.g), ('all', x.t)) AS c(channel, wh)
      JOIN ix_cell cl ON cl.level = x.level AND cl.code = x.code AND cl.channel = c.channel AND cl.kind = 'month' AND cl.pstart = x.pstart;
-- $1 = "national"
-- $2 = "region"
-- $3 = "departement"
-- $4 = "commune"


-- [peaks-rollup]
INSERT INTO ix_peak
    SELECT cm.parent_id, max(x.wh) FROM ix_peak x JOIN ix_cellmap cm ON cm.month_id = x.id GROUP BY 1;


-- [cells-energy]
UPDATE ix_cell c SET wh = e.wh, wh_ci = e.wh_ci, wh_cov = e.wh_cov, wh_peak = e.wh_peak, wh_off = e.wh_off
      FROM (SELECT id, sum(wh) AS wh, sum(wh_ci) AS wh_ci, sum(wh_cov) AS wh_cov, sum(wh_peak) AS wh_peak, sum(wh_off) AS wh_off
              FROM ix_cellhour GROUP BY 1) e
     WHERE e.id = c.id;


-- [cells-peak]
UPDATE ix_cell c SET peak_wh = x.wh FROM ix_peak x WHERE x.id = c.id;


-- ═══ values of that run ═══

-- [insert-scalars]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, v.code, c.level, c.code, c.kind, c.pstart, c.channel, v.val, ARRAY[]::float8[], c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c JOIN ix_period ip ON ip.kind = c.kind AND ip.pstart = c.pstart
       CROSS JOIN LATERAL (SELECT CASE WHEN c.wh_cov > 0.001 THEN c.wh_ci / c.wh_cov END AS ci_charge, c.peak_wh * 2 / 1000.0 AS peak_kw) d
       CROSS JOIN LATERAL (VALUES
         ('energy_kwh', c.wh / 1000.0),
         ('mean_power_kw', c.wh / 1000.0 / ip.hours),
         ('installed_power_kw', c.kw),
         ('carbon_intensity_charging', d.ci_charge),
         ('carbon_intensity_grid', ip.grid_mean),
         ('carbon_timing_benefit', ip.grid_mean - d.ci_charge),
         ('emissions_t', CASE WHEN c.wh_cov > 0.001 THEN c.wh_ci / 1e9 END),
         ('carbon_coverage_share', CASE WHEN c.wh > 0.001 THEN c.wh_cov / c.wh END),
         ('peak_power_kw', d.peak_kw),
         ('coincidence_factor', d.peak_kw / nullif(c.kw, 0)),
         ('load_factor', c.wh / 1000.0 / nullif(c.kw * ip.hours, 0)),
         ('peak_window_energy_share', CASE WHEN ip.peak_hours > 0 THEN CASE WHEN c.wh > 0.001 THEN c.wh_peak / c.wh END END),
         ('peak_window_mean_power_kw', CASE WHEN ip.peak_hours > 0 THEN c.wh_peak / 1000.0 / ip.peak_hours END),
         ('offpeak_energy_share', CASE WHEN c.wh > 0.001 THEN c.wh_off / c.wh END)) AS v(code, val)
       WHERE c.kind = ANY($3::text[]);
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = null
-- $3 = ["month","quarter","year"]


-- [insert-profiles]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, v.code, c.level, c.code, c.kind, c.pstart, c.channel, NULL, v.arr, c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c
        JOIN (SELECT c.id,
                     array_agg(coalesce(h.wd, 0) / 1000.0 / ph.wd_hours ORDER BY ph.lhour) FILTER (WHERE ph.wd_hours IS NOT NULL) AS weekday,
                     array_agg(coalesce(h.we, 0) / 1000.0 / ph.we_hours ORDER BY ph.lhour) FILTER (WHERE ph.we_hours IS NOT NULL) AS weekend,
                     array_agg(h.ci ORDER BY ph.lhour) AS charging
                FROM ix_cell c
                JOIN (SELECT kind, pstart, lhour, max(hours) FILTER (WHERE NOT weekend) AS wd_hours, max(hours) FILTER (WHERE weekend) AS we_hours
                        FROM ix_period_hour GROUP BY 1, 2, 3) ph ON ph.kind = c.kind AND ph.pstart = c.pstart
                LEFT JOIN (SELECT id, lhour, sum(wh) FILTER (WHERE NOT weekend) AS wd, sum(wh) FILTER (WHERE weekend) AS we,
                                  CASE WHEN sum(wh_cov) > 0.001 THEN sum(wh_ci) / sum(wh_cov) END AS ci
                             FROM ix_cellhour GROUP BY 1, 2) h ON h.id = c.id AND h.lhour = ph.lhour
               WHERE c.kind = ANY($3::text[]) AND c.level <> 'commune'
               GROUP BY c.id) pr ON pr.id = c.id
       CROSS JOIN LATERAL (VALUES ('profile_weekday_kw', pr.weekday), ('profile_weekend_kw', pr.weekend),
                                  ('carbon_by_hour_charging', pr.charging)) AS v(code, arr);
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = null
-- $3 = ["month","quarter","year"]


-- [insert-grid-by-hour]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, 'carbon_by_hour_grid', c.level, c.code, c.kind, c.pstart, c.channel, NULL, g.arr, c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c
        JOIN (SELECT kind, pstart, array_agg(ci ORDER BY lhour) AS arr
                FROM (SELECT kind, pstart, lhour, sum(ci_sum) / nullif(sum(ci_n), 0) AS ci FROM ix_period_hour GROUP BY 1, 2, 3) x
               GROUP BY 1, 2) g ON g.kind = c.kind AND g.pstart = c.pstart
       WHERE c.level = 'national' AND c.channel = 'all' AND c.kind = ANY($3::text[]);
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = null
-- $3 = ["month","quarter","year"]


-- [insert-load-curves-national]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, 'load_curve_kw', c.level, c.code, c.kind, c.pstart, c.channel, NULL, lc.arr, c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c
        JOIN (SELECT c.id, array_agg(coalesce(CASE c.channel WHEN 'ADVENIR' THEN x.a WHEN 'GIREVE' THEN x.g ELSE x.a + x.g END, 0)
                                     * 2 / 1000.0 ORDER BY s.slot) AS arr
                FROM ix_cell c
                JOIN ix_slot s ON s.month_start = c.pstart
                LEFT JOIN ix_slot_nat x ON x.slot = s.slot AND true
               WHERE c.kind = 'month' AND c.level = $3::text
               GROUP BY c.id) lc ON lc.id = c.id;
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = null
-- $3 = "national"


-- [insert-load-curves-region]
INSERT INTO indicator_value (run_id, indicator_code, mesh_level, mesh_code, period_kind, period_start, channel, value, series,
    stations_reporting, stations_registered, energy_wh, charge_count, distinct_stations, distinct_beneficiaries,
    withheld, withheld_reason, series_id, computed_at)
      SELECT $1::uuid, 'load_curve_kw', c.level, c.code, c.kind, c.pstart, c.channel, NULL, lc.arr, c.stations, c.registered, c.wh, c.charges, c.stations, c.bens, c.withheld, c.reason, $2::int, now()
        FROM ix_cell c
        JOIN (SELECT c.id, array_agg(coalesce(CASE c.channel WHEN 'ADVENIR' THEN x.a WHEN 'GIREVE' THEN x.g ELSE x.a + x.g END, 0)
                                     * 2 / 1000.0 ORDER BY s.slot) AS arr
                FROM ix_cell c
                JOIN ix_slot s ON s.month_start = c.pstart
                LEFT JOIN ix_slot_reg x ON x.slot = s.slot AND x.code = c.code
               WHERE c.kind = 'month' AND c.level = $3::text AND c.channel = 'all'
               GROUP BY c.id) lc ON lc.id = c.id;
-- $1 = "00000000-0000-4000-8000-000000000001"
-- $2 = null
-- $3 = "region"

