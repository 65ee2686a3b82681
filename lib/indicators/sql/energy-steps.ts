import { sql, type SqlFragment } from "@/lib/platform/db/sql";

// SQL that turns charge data into energy per 30-minute step (slot = floor(epoch / 1800), UTC).
// Only production data without quality flags counts. A transaction with a load curve is taken
// from its curve: energy between consecutive points (differences of the cumulative values) is
// spread over the interval in proportion to time; otherwise the operation's energy is spread
// evenly from start to stop. A piece crossing a half-hour boundary is split in proportion to the
// time on each side. Hourly energy is the sum of the two halves of the hour.
// "No quality flag" is written quality_flags = '{}' (not cardinality(…) = 0): the planner then
// estimates it from the column's statistics instead of guessing 0.5 % of the rows.

export const SLOT_SECONDS = 1800;
const L = sql.constant(SLOT_SECONDS);

/**
 * The energy items of the stations of `stationsTable` (a table or subquery with a `station_id`
 * column) overlapping [from, to) (timestamptz fragments): rows (station_id, a, b, e), energy
 * e in Wh delivered evenly from a to b (UNIX seconds): an operation, or the piece of a load curve
 * between two consecutive points. b = a for an instantaneous piece.
 * `curves: false` is for a caller that knows, in the same snapshot, that no clean production
 * curve exists: the anti-join is then left out (with an empty load_curve the planner probes it
 * once per operation, about a third of the indicator run's energy step).
 */
export function energyItemsSql(o: { stationsTable: SqlFragment; from: SqlFragment; to: SqlFragment; columns?: SqlFragment; curves?: boolean }): SqlFragment {
  const extra = o.columns ? sql`${o.columns}, ` : sql.empty;
  const operations = sql`
      SELECT ${extra}o.station_id, date_part('epoch', o.start_at) AS a, date_part('epoch', o.stop_at) AS b,
             (o.stop_wh - o.start_wh)::float8 AS e
        FROM charge_operation o
        JOIN ${o.stationsTable} fs ON fs.station_id = o.station_id
       WHERE o.env = 'production' AND o.quality_flags = '{}'
         AND o.stop_at >= ${o.from} AND o.start_at < ${o.to}`;
  if (o.curves === false) return operations;
  return sql`${operations}
         AND NOT EXISTS (
           SELECT 1 FROM load_curve c
            WHERE c.env = 'production' AND c.operator_id = o.operator_id AND c.station_id = o.station_id
              AND c.transaction_id = o.transaction_id AND c.quality_flags = '{}')
      UNION ALL
      SELECT ${extra}c.station_id, date_part('epoch', c.start_at) + p.o0, date_part('epoch', c.start_at) + p.o1,
             (p.v1 - p.v0)::float8
        FROM load_curve c
        JOIN ${o.stationsTable} fs ON fs.station_id = c.station_id
       CROSS JOIN LATERAL unnest(c.offsets_s[:cardinality(c.offsets_s) - 1], c.offsets_s[2:],
                                 c.values_wh[:cardinality(c.values_wh) - 1], c.values_wh[2:]) AS p(o0, o1, v0, v1)
       WHERE c.env = 'production' AND c.quality_flags = '{}'
         AND c.stop_at >= ${o.from} AND c.start_at < ${o.to}`;
}

/**
 * Rows (station_id, slot, wh) for the stations of `stationsTable` and slots in [slotFrom,
 * slotTo), one per item and slot it touches (the bounds are integer fragments). For a few stations
 * (a dossier's page); the indicator run sums whole meshes with leafEnergySql instead.
 */
export function energyPiecesSql(o: { stationsTable: SqlFragment; slotFrom: SqlFragment; slotTo: SqlFragment }): SqlFragment {
  const from = sql`to_timestamp((${o.slotFrom})::float8 * ${L})`;
  const to = sql`to_timestamp((${o.slotTo})::float8 * ${L})`;
  return sql`
  SELECT t.station_id, g.slot, g.wh
    FROM (${energyItemsSql({ stationsTable: o.stationsTable, from, to })}) t
   CROSS JOIN LATERAL (
      SELECT s AS slot,
             CASE WHEN t.b <= t.a THEN t.e
                  ELSE t.e * (least(t.b, (s + 1) * ${L}.0) - greatest(t.a, s * ${L}.0)) / (t.b - t.a) END AS wh
        FROM generate_series(floor(t.a / ${L})::int,
                             greatest(floor(t.a / ${L})::int, ceil(t.b / ${L})::int - 1)) AS s
   ) g
   WHERE g.slot >= (${o.slotFrom}) AND g.slot < (${o.slotTo})`;
}

/** Power below this (Wh per second, i.e. 3.6 mW) is rounding left when every item has ended. */
const NEGLIGIBLE_POWER = sql.constant(1e-6);

/**
 * Energy per leaf mesh and half-hour: rows (leaf_idx, slot, a, g), a for ADVENIR stations and g
 * for GIREVE ones, for slots in [s0, s1) (integer fragments), from `stations` (station_id,
 * channel, leaf_idx; bounds known when the statement is planned let the planner size the steps).
 * The same sums as energyPiecesSql grouped by leaf and slot, without
 * expanding every item into its half-hours (ten million rows for a year of a million charges):
 *   each item adds its power p = e / (b − a) at a and removes it at b; with S1(t) the sum of the
 *   power steps up to t and S2(t) the sum of step × time, the energy delivered up to t is
 *   F(t) = t·S1(t) − S2(t), and a slot's energy is F(end) − F(start). Steps are summed per
 *   (leaf, slot), accumulated in slot order, and the slots between two slots with steps carry
 *   constant power (L·S1 each). Instantaneous items add their energy to their slot. Times are
 *   taken from s0 so that the float8 sums keep their precision.
 */
export function leafEnergySql(o: { stations: SqlFragment; s0: SqlFragment; s1: SqlFragment; curves?: boolean }): SqlFragment {
  const origin = sql`((${o.s0})::float8 * ${L})`;
  const n = sql`((${o.s1}) - (${o.s0}))`;
  const from = sql`to_timestamp(${origin})`;
  const to = sql`to_timestamp((${o.s1})::float8 * ${L})`;
  return sql`
  WITH items AS MATERIALIZED (
    SELECT i.leaf_idx, i.channel = 'ADVENIR' AS is_a, i.channel = 'GIREVE' AS is_g,
           i.a - ${origin} AS a, i.b - ${origin} AS b, i.e, CASE WHEN i.b > i.a THEN i.e / (i.b - i.a) ELSE 0 END AS p
      FROM (${energyItemsSql({ stationsTable: o.stations, from, to, columns: sql`fs.leaf_idx, fs.channel`, curves: o.curves })}) i
  ),
  steps AS (
    SELECT leaf_idx, k, sum(da) AS da, sum(ta) AS ta, sum(dg) AS dg, sum(tg) AS tg, sum(ia) AS ia, sum(ig) AS ig
      FROM (SELECT leaf_idx, floor(a / ${L})::int AS k,
                   CASE WHEN is_a THEN p ELSE 0 END AS da, CASE WHEN is_a THEN p * a ELSE 0 END AS ta,
                   CASE WHEN is_g THEN p ELSE 0 END AS dg, CASE WHEN is_g THEN p * a ELSE 0 END AS tg,
                   CASE WHEN is_a AND b <= a THEN e ELSE 0 END AS ia, CASE WHEN is_g AND b <= a THEN e ELSE 0 END AS ig
              FROM items
            UNION ALL
            SELECT leaf_idx, floor(b / ${L})::int,
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
  SELECT leaf_idx, (${o.s0}) + k AS slot,
         ((k + 1) * ${L}.0 * s1a - s2a) - (k * ${L}.0 * (s1a - da) - (s2a - ta)) + ia AS a,
         ((k + 1) * ${L}.0 * s1g - s2g) - (k * ${L}.0 * (s1g - dg) - (s2g - tg)) + ig AS g
    FROM cum WHERE k >= 0 AND k < ${n}
  UNION ALL
  SELECT leaf_idx, (${o.s0}) + j, ${L} * (s1a - da), ${L} * (s1g - dg)
    FROM cum
   CROSS JOIN LATERAL generate_series(greatest(kp + 1, 0), least(k - 1, ${n} - 1)) AS j
   WHERE k - kp > 1 AND (abs(s1a - da) > ${NEGLIGIBLE_POWER} OR abs(s1g - dg) > ${NEGLIGIBLE_POWER})`;
}

/** Clean charge transactions (one per operation or curve-only transaction) with their start and stop. */
export function cleanTransactionsSql(o: { stationsTable: SqlFragment; from: SqlFragment; to: SqlFragment }): SqlFragment {
  return sql`
  SELECT o.station_id, o.start_at, o.stop_at
    FROM charge_operation o JOIN ${o.stationsTable} fs ON fs.station_id = o.station_id
   WHERE o.env = 'production' AND o.quality_flags = '{}' AND o.stop_at >= ${o.from} AND o.start_at < ${o.to}
  UNION ALL
  SELECT c.station_id, c.start_at, c.stop_at
    FROM load_curve c JOIN ${o.stationsTable} fs ON fs.station_id = c.station_id
   WHERE c.env = 'production' AND c.quality_flags = '{}' AND c.stop_at >= ${o.from} AND c.start_at < ${o.to}
     AND NOT EXISTS (
       SELECT 1 FROM charge_operation o
        WHERE o.env = 'production' AND o.operator_id = c.operator_id AND o.station_id = c.station_id
          AND o.transaction_id = c.transaction_id AND o.quality_flags = '{}')`;
}
