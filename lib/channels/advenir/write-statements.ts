import type { DataEnv } from "@/generated/prisma/enums";
import { PURGE_RECORDED_SQL } from "@/lib/programme/programme-status";
import type { SubmissionInput } from "@/lib/channels/advenir/record-submission";

// What the data API's writes share (lib/channels/advenir/write-records.ts for one body,
// write-batch.ts for the small bodies of concurrent calls): the rows, the gate, the two upserts,
// and how their columns travel as parameters.

export interface OperationRow {
  stationId: string;
  transactionId: string;
  startS: number;
  stopS: number;
  startWh: number;
  stopWh: number;
  flags: readonly string[];
}

export interface CurveRow {
  stationId: string;
  transactionId: string;
  timestamps: number[];
  values: number[];
  /** Energy delivered (Wh), null when a decreasing index leaves it undetermined (lib/channels/advenir/normalize-body.ts). */
  energyWh: number | null;
  flags: readonly string[];
}

// Each column travels as ONE text parameter holding a PostgreSQL array literal ("{…}"), not as a
// JS array: a 15 MB body has hundreds of thousands of elements per column, and one flat string
// per column costs far less memory and time through the driver than an array of that many values.
const quoted = (v: string) => (v.includes('"') || v.includes("\\") ? `"${v.replace(/[\\"]/g, "\\$&")}"` : `"${v}"`);
export const textArray = (values: string[]) => `{${values.map(quoted).join(",")}}`;
export const numberArray = (values: number[]) => `{${values.join(",")}}`;

type Keyed = { stationId: string; transactionId: string };

/**
 * The body's stations once (UUIDs: hex and dashes, no quoting needed), and each row's station
 * as a 1-based index into them: a few bytes per row to send and parse instead of a UUID.
 */
export function stationIndex(ops: Keyed[], curves: Keyed[]) {
  const index = new Map<string, number>();
  const of = (r: Keyed) => {
    let i = index.get(r.stationId);
    if (i === undefined) index.set(r.stationId, (i = index.size + 1));
    return i;
  };
  const opIndexes = numberArray(ops.map(of));
  const curveIndexes = numberArray(curves.map(of));
  return { ids: [...index.keys()], stations: `{${[...index.keys()].join(",")}}`, opIndexes, curveIndexes };
}

export function byKey(a: Keyed, b: Keyed): number {
  if (a.stationId !== b.stationId) return a.stationId < b.stationId ? -1 : 1;
  return a.transactionId < b.transactionId ? -1 : a.transactionId > b.transactionId ? 1 : 0;
}

/** Advisory lock namespace of the data API's writers (the two-key form: its own key space). */
export const LOCK_NS = 0x41445652; // "ADVR"
export const lockKey = "hashtext($2::text || $1::text)";

/**
 * The gate, one row: `closed` when a purge is recorded or the credential (when the write has one)
 * is revoked; `stale_auth` when the credential was verified from the process's memory (secret
 * hash given) and its hash changed or its login or address is blocked by the throttle;
 * `user_failures` when that login has failures to clear; `stations_ok` when every station of the
 * rows is still this operator's, under the same code, on a signed dossier, with the power the
 * quality flags were computed with (the same rule as lib/channels/advenir/authorize-stations.ts).
 * Parameters: $2 operator, $3 the rows' stations; `p` names the others.
 */
export const gateSelect = (p: { credential: string; secretHash: string; userKey: string; ipKey: string; codes: string; powers: string }) => `
  SELECT ${PURGE_RECORDED_SQL}
         OR (${p.credential}::uuid IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM api_credential WHERE id = ${p.credential}::uuid AND revoked_at IS NULL)) AS closed,
         ${p.secretHash}::text IS NOT NULL
         AND (NOT EXISTS (SELECT 1 FROM api_credential WHERE id = ${p.credential}::uuid AND secret_hash = ${p.secretHash}::text)
              OR EXISTS (SELECT 1 FROM auth_throttle WHERE key IN (${p.userKey}::text, ${p.ipKey}::text) AND blocked_until > now())) AS stale_auth,
         ${p.secretHash}::text IS NOT NULL AND EXISTS (SELECT 1 FROM auth_throttle WHERE key = ${p.userKey}::text) AS user_failures,
         NOT EXISTS (SELECT 1 FROM unnest($3::uuid[], ${p.codes}::text[], ${p.powers}::float8[]) AS e(id, code, power_kw)
                      WHERE NOT EXISTS (SELECT 1 FROM station s JOIN attestation a ON a.dossier_id = s.dossier_id
                                         WHERE s.id = e.id AND s.operator_id = $2::uuid AND s.station_code = e.code AND a.signed_at IS NOT NULL
                                           AND (s.nominal_power_kw * s.point_count)::float8 = e.power_kw)) AS stations_ok`;
export const GATE_OPEN = "NOT gate.closed AND NOT gate.stale_auth AND gate.stations_ok";

/**
 * The upserts of operations and of curves ($1 env, $2 operator, $3 stations): the operation
 * columns are 7 parameters from `first` on, the curve columns 9. `sub` is the submission id's
 * expression, `from` what the rows are joined with (the gate's one-row CTE, or nothing). With
 * `call`, one more parameter (int[]) gives each row's call, as `t.call` (write-batch.ts). Both
 * return the submission id of each row written.
 */
export const opsCte = (first: number, sub: string, from: string, call?: string) => {
  const $ = (k: number) => `$${first + k}`;
  return `
ops AS (
  INSERT INTO charge_operation AS o
    (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, quality_flags, submission_id)
  SELECT $1::"DataEnv", $2::uuid, ($3::uuid[])[t.station], t.transaction_id, to_timestamp(t.start_s), to_timestamp(t.stop_s),
         t.start_wh, t.stop_wh, string_to_array(t.flags, ','), ${sub}
    FROM unnest(${$(0)}::int[], ${$(1)}::text[], ${$(2)}::bigint[], ${$(3)}::bigint[], ${$(4)}::bigint[], ${$(5)}::bigint[], ${$(6)}::text[]${call ? `, ${call}::int[]` : ""})
      AS t(station, transaction_id, start_s, stop_s, start_wh, stop_wh, flags${call ? ", call" : ""})${from}
  ON CONFLICT (env, operator_id, station_id, transaction_id) DO UPDATE SET
    start_at = EXCLUDED.start_at, stop_at = EXCLUDED.stop_at, start_wh = EXCLUDED.start_wh, stop_wh = EXCLUDED.stop_wh,
    quality_flags = EXCLUDED.quality_flags, submission_id = EXCLUDED.submission_id, received_at = now()
  WHERE (o.start_at, o.stop_at, o.start_wh, o.stop_wh, o.quality_flags)
        IS DISTINCT FROM (EXCLUDED.start_at, EXCLUDED.stop_at, EXCLUDED.start_wh, EXCLUDED.stop_wh, EXCLUDED.quality_flags)
  RETURNING submission_id
)`;
};
export const curvesCte = (first: number, sub: string, from: string, call?: string) => {
  const $ = (k: number) => `$${first + k}`;
  return `
curves AS (
  INSERT INTO load_curve AS c
    (env, operator_id, station_id, transaction_id, start_at, stop_at, point_count, energy_wh, offsets_s, values_wh, quality_flags, submission_id)
  SELECT $1::"DataEnv", $2::uuid, ($3::uuid[])[t.station], t.transaction_id, to_timestamp(t.start_s), to_timestamp(t.stop_s),
         t.point_count, t.energy_wh, t.offsets::int[], t.vals::bigint[], string_to_array(t.flags, ','), ${sub}
    FROM unnest(${$(0)}::int[], ${$(1)}::text[], ${$(2)}::bigint[], ${$(3)}::bigint[], ${$(4)}::int[], ${$(5)}::bigint[], ${$(6)}::text[], ${$(7)}::text[], ${$(8)}::text[]${call ? `, ${call}::int[]` : ""})
      AS t(station, transaction_id, start_s, stop_s, point_count, energy_wh, offsets, vals, flags${call ? ", call" : ""})${from}
  ON CONFLICT (env, operator_id, station_id, transaction_id) DO UPDATE SET
    start_at = EXCLUDED.start_at, stop_at = EXCLUDED.stop_at, point_count = EXCLUDED.point_count, energy_wh = EXCLUDED.energy_wh,
    offsets_s = EXCLUDED.offsets_s, values_wh = EXCLUDED.values_wh, quality_flags = EXCLUDED.quality_flags,
    submission_id = EXCLUDED.submission_id, received_at = now()
  WHERE (c.start_at, c.offsets_s, c.values_wh, c.quality_flags)
        IS DISTINCT FROM (EXCLUDED.start_at, EXCLUDED.offsets_s, EXCLUDED.values_wh, EXCLUDED.quality_flags)
  RETURNING submission_id
)`;
};
export interface WriteInput {
  env: DataEnv;
  operatorId: string;
  operations: OperationRow[];
  curves: CurveRow[];
  /**
   * The submission row written with the data (status OK; counts come from the write). Its raw
   * body may still be compressing: it is awaited only when the row is written.
   */
  submission: Omit<SubmissionInput, "rawBody"> & { rawBody: Promise<Uint8Array | null> | Uint8Array | null };
  /** What the gate checks again under the write's locks, besides the purge and the credential's revocation. */
  checks: WriteChecks;
}

export interface WriteChecks {
  /** The rows' stations as they were authorized (read now, or remembered): by station id. */
  stations: ReadonlyMap<string, { code: string; powerKw: number }>;
  /**
   * Set when the credential was verified from the process's memory rather than read for this
   * request (lib/channels/advenir/operator-basic.ts): its secret hash must be unchanged and its
   * login and address not blocked by the throttle.
   */
  remembered: { secretHash: string; userKey: string; ipKey: string } | null;
}

/**
 * `refused`: the gate was closed, nothing was written, not even the submission row: "closed" the
 * credential was revoked or the programme's individual data purged meanwhile; "auth" a remembered
 * credential must be verified again (its hash changed, or its login or address is blocked);
 * "stations" a station is no longer authorized as it was (to authorize again from the database).
 * `userFailures`: the remembered login had throttle failures, which a success clears.
 */
export type WriteResult = { refused: false; submissionId: bigint; stored: number; userFailures: boolean } | { refused: "closed" | "auth" | "stations" };

export interface GateRow {
  closed: boolean;
  stale_auth: boolean;
  stations_ok: boolean;
  user_failures: boolean;
  id: string | null;
}

export function refusal(gate: GateRow): "closed" | "auth" | "stations" {
  return gate.closed ? "closed" : gate.stale_auth ? "auth" : "stations";
}

/** The gate's parameters after $3 (GATE_PARAMS order, without the credential): the stations' codes and powers in $3's order. */
export function gateParams(checks: WriteChecks, stationIds: string[]): unknown[] {
  const authorized = stationIds.map((id) => {
    const station = checks.stations.get(id);
    if (!station) throw new Error(`station ${id} écrite sans avoir été autorisée`);
    return station;
  });
  const r = checks.remembered;
  return [r?.secretHash ?? null, r?.userKey ?? null, r?.ipKey ?? null, textArray(authorized.map((s) => s.code)), numberArray(authorized.map((s) => s.powerKw))];
}

export const operationParams = (ops: OperationRow[], indexes: string) => [
  indexes,
  textArray(ops.map((r) => r.transactionId)),
  numberArray(ops.map((r) => r.startS)),
  numberArray(ops.map((r) => r.stopS)),
  numberArray(ops.map((r) => r.startWh)),
  numberArray(ops.map((r) => r.stopWh)),
  textArray(ops.map((r) => r.flags.join(","))),
];

export const curveParams = (curves: CurveRow[], indexes: string) => [
  indexes,
  textArray(curves.map((r) => r.transactionId)),
  numberArray(curves.map((r) => r.timestamps[0])),
  numberArray(curves.map((r) => r.timestamps[r.timestamps.length - 1])),
  numberArray(curves.map((r) => r.timestamps.length)),
  `{${curves.map((r) => r.energyWh ?? "NULL").join(",")}}`,
  textArray(curves.map((r) => `{${r.timestamps.map((t) => t - r.timestamps[0]).join(",")}}`)),
  textArray(curves.map((r) => `{${r.values.join(",")}}`)),
  textArray(curves.map((r) => r.flags.join(","))),
];

/** The bulk upsert's parameters ($1–$19), for the given rows. */
export function rowParams(env: DataEnv, operatorId: string, ops: OperationRow[], curves: CurveRow[]): unknown[] {
  const { stations, opIndexes, curveIndexes } = stationIndex(ops, curves);
  return [env, operatorId, stations, ...operationParams(ops, opIndexes), ...curveParams(curves, curveIndexes)];
}
