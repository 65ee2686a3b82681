import { randomUUID } from "node:crypto";
import type { DataEnv } from "@/generated/prisma/enums";
import { rawSql } from "@/lib/platform/db/database";
import { randomUuidArray, textArray, timestamptzArray, uuidArray } from "@/lib/platform/db/binary-arrays";
import type { SqlExecutor } from "@/lib/platform/db/migrate";
import type { CallJournalRow } from "@/lib/statuses/call-journal-row";
import { rememberedPoints, type ResolvedPoint } from "@/lib/statuses/remembered-points";

// Writes statuses of charge points into the core (ADR 0019): the history (status_event,
// partitioned by month of horodatage) and the latest status of each point
// (charge_point_status, per environment: the greatest horodatage; ties: the last received), in ONE statement
// (ADR 0005: one round trip, atomic, a named prepared statement on PostgreSQL). The points are
// resolved by id_pdc_itinerance in the same statement; when any is unknown or decommissioned,
// nothing is written (all or nothing) and the caller is told. Rows are upserted in
// charge_point_id order, so concurrent writers of the same points lock them in the same order.

export type Door = "ADVENIR" | "QUALICHARGE" | "GIREVE";

export interface StatusToWrite {
  idPdcItinerance: string;
  horodatage: Date;
  etatPdc: string;
  occupationPdc: string;
  etatPriseType2?: string | null;
  etatPriseTypeComboCcs?: string | null;
  etatPriseTypeChademo?: string | null;
  etatPriseTypeEf?: string | null;
}

export type WriteStatusesResult = { written: true; ids: string[] } | { written: false };

/** The latest-status upsert's conflict clause (greatest horodatage wins; ties: the later write). */
export const UPSERT_LATEST_SET = `
  ON CONFLICT (station_id, charge_point_id, env) DO UPDATE
     SET status_id = EXCLUDED.status_id, horodatage = EXCLUDED.horodatage, door = EXCLUDED.door, etat_pdc = EXCLUDED.etat_pdc,
         occupation_pdc = EXCLUDED.occupation_pdc, etat_prise_type_2 = EXCLUDED.etat_prise_type_2,
         etat_prise_type_combo_ccs = EXCLUDED.etat_prise_type_combo_ccs, etat_prise_type_chademo = EXCLUDED.etat_prise_type_chademo,
         etat_prise_type_ef = EXCLUDED.etat_prise_type_ef, received_at = EXCLUDED.received_at
   WHERE s.horodatage <= EXCLUDED.horodatage`;

// Parameters shared by both statements: $1 door, $2 environment, $3 whether to journal, $4–$13
// the call's journal row, $14 the count of statuses; the statuses follow from $15.
/** The journal's INSERT … SELECT (its FROM and WHERE follow). */
const JOURNAL_INSERT = `
  INSERT INTO submission (door, env, operator_id, api_user_id, endpoint, method, ip_address, received_at, duration_ms, size_bytes,
                          http_status, outcome, received, stored, unchanged, warnings, errors)
  SELECT $1::"Door", $4::"DataEnv", $5::uuid, $6::uuid, $7::text, $8::text, $9::text, $10::timestamptz, $11::int, $12::int, $13::int, 'OK',
         $14::int, $14::int, 0, '[]'::jsonb, '[]'::jsonb`;

// One status (the common single POST): the same writes without unnest, aggregate nor sort,
// about a fifth cheaper for PostgreSQL. Same parameters as the bulk's, as scalars.
const WRITE_ONE_STATUS_SQL = `
WITH point AS (
  SELECT id, station_id FROM charge_point WHERE id_pdc_itinerance = $15::text AND decommissioned_at IS NULL
), events AS (
  INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, env, etat_pdc, occupation_pdc,
                            etat_prise_type_2, etat_prise_type_combo_ccs, etat_prise_type_chademo, etat_prise_type_ef)
  SELECT station_id, id, $16::timestamptz, $23::uuid, $1::"Door", $2::"DataEnv", $17::text, $18::text, $19::text, $20::text, $21::text, $22::text FROM point
), latest AS (
  INSERT INTO charge_point_status AS s (station_id, charge_point_id, env, status_id, horodatage, door, etat_pdc, occupation_pdc,
                                        etat_prise_type_2, etat_prise_type_combo_ccs, etat_prise_type_chademo, etat_prise_type_ef, received_at)
  SELECT station_id, id, $2::"DataEnv", $23::uuid, $16::timestamptz, $1::"Door", $17::text, $18::text, $19::text, $20::text, $21::text, $22::text, now() FROM point
  ${UPSERT_LATEST_SET}
), journal AS (${JOURNAL_INSERT}
    FROM point WHERE $3::boolean
)
SELECT count(*) = 1 AS complete FROM point`;

// The bulk's rows come, on PostgreSQL, as arrays in binary format from $15
// (lib/platform/db/binary-arrays.ts: a bulk's UUIDs and timestamps parsed from text, or from one
// JSON text, cost about as much as inserting them), with the points this process remembers
// (lib/statuses/remembered-points.ts): $24 their generation, $25 and $26 each status's point and
// station, null when not remembered. On PGlite, which takes its parameters as text: one JSON
// text in $15, every point resolved.
// A point is resolved by its own index lookup (OFFSET 0 keeps the lateral subquery from being
// flattened into a hash join, which read every charge point of the portal for each bulk: 8 ms of
// a 1,000-status bulk over 10,000 points, 2.5 ms this way, and growing with the table); on
// PostgreSQL only when not remembered under the generation the statement's snapshot holds.
const BINARY_INPUT = `
generation AS MATERIALIZED (
  SELECT value, value = $24::bigint AS fresh FROM charge_point_generation LIMIT 1
), input AS (
  SELECT t.* FROM unnest($15::text[], $16::timestamptz[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::uuid[],
                         $25::uuid[], $26::uuid[])
    WITH ORDINALITY AS t(pdc, horodatage, etat_pdc, occupation_pdc, p2, ccs, chademo, ef, id, known_point, known_station, ord)
), resolved AS (
  SELECT i.pdc, i.horodatage, i.etat_pdc, i.occupation_pdc, i.p2, i.ccs, i.chademo, i.ef, i.id, i.ord,
         COALESCE(cp.id, CASE WHEN (SELECT fresh FROM generation) THEN i.known_point END) AS charge_point_id,
         COALESCE(cp.station_id, CASE WHEN (SELECT fresh FROM generation) THEN i.known_station END) AS station_id,
         cp.id IS NOT NULL AS looked_up
    FROM input i LEFT JOIN LATERAL (
      SELECT id, station_id FROM charge_point
       WHERE id_pdc_itinerance = i.pdc AND decommissioned_at IS NULL AND (i.known_point IS NULL OR NOT (SELECT fresh FROM generation)) OFFSET 0
    ) AS cp ON true
)`;
const JSON_INPUT = `
input AS (
  SELECT t.* FROM ROWS FROM (json_to_recordset($15::json)
      AS (pdc text, horodatage timestamptz, etat_pdc text, occupation_pdc text, p2 text, ccs text, chademo text, ef text, id uuid))
    WITH ORDINALITY AS t(pdc, horodatage, etat_pdc, occupation_pdc, p2, ccs, chademo, ef, id, ord)
), resolved AS (
  SELECT i.*, cp.id AS charge_point_id, cp.station_id
    FROM input i LEFT JOIN LATERAL (
      SELECT id, station_id FROM charge_point WHERE id_pdc_itinerance = i.pdc AND decommissioned_at IS NULL OFFSET 0
    ) AS cp ON true
)`;
// The binary statement also returns the generation it read and the points it resolved, to remember.
// (One row with the verdict and the generation; one row per point resolved.)
const BINARY_RESULT = `
SELECT (SELECT complete FROM verdict) AS complete, (SELECT value FROM generation)::text AS generation,
       NULL::text AS pdc, NULL::text AS charge_point_id, NULL::text AS station_id
UNION ALL
SELECT NULL, NULL, pdc, charge_point_id::text, station_id::text FROM resolved WHERE looked_up`;
const writeStatusesSql = (resolve: string, result: string) => `
WITH ${resolve.trim()}, verdict AS (
  SELECT bool_and(charge_point_id IS NOT NULL) AS complete FROM resolved
), events AS (
  INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, env, etat_pdc, occupation_pdc,
                            etat_prise_type_2, etat_prise_type_combo_ccs, etat_prise_type_chademo, etat_prise_type_ef)
  SELECT station_id, charge_point_id, horodatage, id, $1::"Door", $2::"DataEnv", etat_pdc, occupation_pdc, p2, ccs, chademo, ef
    FROM resolved WHERE (SELECT complete FROM verdict)
), latest AS (
  INSERT INTO charge_point_status AS s (station_id, charge_point_id, env, status_id, horodatage, door, etat_pdc, occupation_pdc,
                                        etat_prise_type_2, etat_prise_type_combo_ccs, etat_prise_type_chademo, etat_prise_type_ef, received_at)
  SELECT DISTINCT ON (charge_point_id) station_id, charge_point_id, $2::"DataEnv", id, horodatage, $1::"Door", etat_pdc, occupation_pdc, p2, ccs, chademo, ef, now()
    FROM resolved WHERE (SELECT complete FROM verdict)
   ORDER BY charge_point_id, horodatage DESC, ord DESC
  ${UPSERT_LATEST_SET}
), journal AS (${JOURNAL_INSERT}
   WHERE $3::boolean AND (SELECT complete FROM verdict)
)${result}`;
const WRITE_STATUSES_BINARY_SQL = writeStatusesSql(BINARY_INPUT, BINARY_RESULT);
const WRITE_STATUSES_JSON_SQL = writeStatusesSql(
  JSON_INPUT,
  `
SELECT complete FROM verdict`,
);

interface BinaryWriteRow {
  complete: boolean | null;
  generation: string | null;
  pdc: string | null;
  charge_point_id: string | null;
  station_id: string | null;
}

/**
 * Writes the statuses (all or none) and, when given, the call's journal row with them.
 * `written: false` when a point is undeclared or decommissioned: nothing was written then.
 */
export async function writeStatuses(input: { statuses: StatusToWrite[]; door: Door; env: DataEnv; journal?: CallJournalRow }): Promise<WriteStatusesResult> {
  const n = input.statuses.length;
  if (n === 0) return { written: true, ids: [] };
  const j = input.journal;
  const shared = [
    input.door,
    input.env,
    Boolean(j),
    j?.env ?? null,
    j?.operatorId ?? null,
    j?.apiUserId ?? null,
    j?.endpoint ?? null,
    j?.method ?? null,
    j?.ipAddress ?? null,
    j?.receivedAt.toISOString() ?? null,
    j?.durationMs ?? null,
    j?.sizeBytes ?? null,
    j?.httpStatus ?? null,
    n,
  ];
  const sql = await rawSql();
  if (sql.transaction && n > 1) return writeBulkBinary(sql, input.statuses, shared);
  const ids = Array.from({ length: n }, () => randomUUID());
  if (n === 1) {
    const s = input.statuses[0];
    const values = [
      s.idPdcItinerance,
      s.horodatage.toISOString(),
      s.etatPdc,
      s.occupationPdc,
      s.etatPriseType2 ?? null,
      s.etatPriseTypeComboCcs ?? null,
      s.etatPriseTypeChademo ?? null,
      s.etatPriseTypeEf ?? null,
      ids[0],
    ];
    const [row] = await sql.query<{ complete: boolean }>(WRITE_ONE_STATUS_SQL, [...shared, ...values], { name: "statuses_write_one" });
    return row?.complete ? { written: true, ids } : { written: false };
  }
  // PGlite: the bulk as one JSON text (one native JSON.stringify).
  const rows = input.statuses.map((s, i) => ({
    pdc: s.idPdcItinerance,
    horodatage: s.horodatage.toISOString(),
    etat_pdc: s.etatPdc,
    occupation_pdc: s.occupationPdc,
    p2: s.etatPriseType2 ?? null,
    ccs: s.etatPriseTypeComboCcs ?? null,
    chademo: s.etatPriseTypeChademo ?? null,
    ef: s.etatPriseTypeEf ?? null,
    id: ids[i],
  }));
  const [row] = await sql.query<{ complete: boolean }>(WRITE_STATUSES_JSON_SQL, [...shared, JSON.stringify(rows)], { name: "statuses_write" });
  return row?.complete ? { written: true, ids } : { written: false };
}

/** A bulk on PostgreSQL: its columns as binary arrays, with the points this process remembers. */
async function writeBulkBinary(sql: SqlExecutor, statuses: StatusToWrite[], shared: unknown[]): Promise<WriteStatusesResult> {
  const points = rememberedPoints();
  const generation = points.current;
  const known = statuses.map((s) => (generation === null ? undefined : points.get(s.idPdcItinerance)));
  const column = (f: (s: StatusToWrite) => string | null | undefined) => textArray(statuses.map(f));
  const { ids, array: idArray } = randomUuidArray(statuses.length);
  const arrays = [
    column((s) => s.idPdcItinerance),
    timestamptzArray(statuses.map((s) => s.horodatage)),
    column((s) => s.etatPdc),
    column((s) => s.occupationPdc),
    column((s) => s.etatPriseType2),
    column((s) => s.etatPriseTypeComboCcs),
    column((s) => s.etatPriseTypeChademo),
    column((s) => s.etatPriseTypeEf),
    idArray,
    generation,
    uuidArray(known.map((p) => p?.chargePointId)),
    uuidArray(known.map((p) => p?.stationId)),
  ];
  const rows = await sql.query<BinaryWriteRow>(WRITE_STATUSES_BINARY_SQL, [...shared, ...arrays], { name: "statuses_write_binary" });
  const resolved = rows.flatMap((r): [string, ResolvedPoint][] =>
    r.pdc !== null && r.charge_point_id !== null && r.station_id !== null ? [[r.pdc, { chargePointId: r.charge_point_id, stationId: r.station_id }]] : [],
  );
  const head = rows.find((r) => r.generation !== null);
  if (head?.generation) points.learn(head.generation, resolved);
  return head?.complete ? { written: true, ids } : { written: false };
}
