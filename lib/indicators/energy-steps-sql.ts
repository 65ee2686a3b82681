// SQL that turns charge data into energy per 30-minute step (slot = floor(epoch / 1800), UTC).
// Only production data without quality flags counts. A transaction with a load curve is taken
// from its curve: energy between consecutive points (differences of the cumulative values) is
// spread over the interval in proportion to time; otherwise the operation's energy is spread
// evenly from start to stop. A piece crossing a half-hour boundary is split in proportion to the
// time on each side. Hourly energy is the sum of the two halves of the hour.

export const SLOT_SECONDS = 1800;

/**
 * Rows (station_id, slot, wh) for the stations of `stationsTable` (a table or subquery with a
 * `station_id` column) and slots in [slotFrom, slotTo). The bounds are SQL expressions.
 */
export function energyPiecesSql(o: { stationsTable: string; slotFrom: string; slotTo: string }): string {
  const from = `to_timestamp((${o.slotFrom})::float8 * ${SLOT_SECONDS})`;
  const to = `to_timestamp((${o.slotTo})::float8 * ${SLOT_SECONDS})`;
  return `
  SELECT t.station_id, g.slot, g.wh
    FROM (
      SELECT o.station_id, extract(epoch FROM o.start_at)::float8 AS a, extract(epoch FROM o.stop_at)::float8 AS b,
             (o.stop_wh - o.start_wh)::float8 AS e
        FROM charge_operation o
        JOIN ${o.stationsTable} fs ON fs.station_id = o.station_id
       WHERE o.env = 'production' AND cardinality(o.quality_flags) = 0
         AND o.stop_at >= ${from} AND o.start_at < ${to}
         AND NOT EXISTS (
           SELECT 1 FROM load_curve c
            WHERE c.env = 'production' AND c.operator_id = o.operator_id AND c.station_id = o.station_id
              AND c.transaction_id = o.transaction_id AND cardinality(c.quality_flags) = 0)
      UNION ALL
      SELECT c.station_id, extract(epoch FROM c.start_at)::float8 + p.o0, extract(epoch FROM c.start_at)::float8 + p.o1,
             (p.v1 - p.v0)::float8
        FROM load_curve c
        JOIN ${o.stationsTable} fs ON fs.station_id = c.station_id
       CROSS JOIN LATERAL unnest(c.offsets_s[:cardinality(c.offsets_s) - 1], c.offsets_s[2:],
                                 c.values_wh[:cardinality(c.values_wh) - 1], c.values_wh[2:]) AS p(o0, o1, v0, v1)
       WHERE c.env = 'production' AND cardinality(c.quality_flags) = 0
         AND c.stop_at >= ${from} AND c.start_at < ${to}
    ) t
   CROSS JOIN LATERAL (
      SELECT s AS slot,
             CASE WHEN t.b <= t.a THEN t.e
                  ELSE t.e * (least(t.b, (s + 1) * ${SLOT_SECONDS}.0) - greatest(t.a, s * ${SLOT_SECONDS}.0)) / (t.b - t.a) END AS wh
        FROM generate_series(floor(t.a / ${SLOT_SECONDS})::int,
                             greatest(floor(t.a / ${SLOT_SECONDS})::int, ceil(t.b / ${SLOT_SECONDS})::int - 1)) AS s
   ) g
   WHERE g.slot >= (${o.slotFrom}) AND g.slot < (${o.slotTo})`;
}

/** Clean charge transactions (one per operation or curve-only transaction) with their start and stop. */
export function cleanTransactionsSql(o: { stationsTable: string; from: string; to: string }): string {
  return `
  SELECT o.station_id, o.start_at, o.stop_at
    FROM charge_operation o JOIN ${o.stationsTable} fs ON fs.station_id = o.station_id
   WHERE o.env = 'production' AND cardinality(o.quality_flags) = 0 AND o.stop_at >= ${o.from} AND o.start_at < ${o.to}
  UNION ALL
  SELECT c.station_id, c.start_at, c.stop_at
    FROM load_curve c JOIN ${o.stationsTable} fs ON fs.station_id = c.station_id
   WHERE c.env = 'production' AND cardinality(c.quality_flags) = 0 AND c.stop_at >= ${o.from} AND c.start_at < ${o.to}
     AND NOT EXISTS (
       SELECT 1 FROM charge_operation o
        WHERE o.env = 'production' AND o.operator_id = c.operator_id AND o.station_id = c.station_id
          AND o.transaction_id = c.transaction_id AND cardinality(o.quality_flags) = 0)`;
}
