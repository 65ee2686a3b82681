import type { PrismaClient } from "@/generated/prisma/client";
import type { DataEnv } from "@/generated/prisma/enums";
import { db, rawSql } from "@/lib/platform/db/database";
import { relayPointSql } from "@/lib/gireve-relay/relay-point";
import { assessCurve, assessOperation } from "@/lib/charges/quality";
import { indexEnergy } from "@/lib/charges/index-energy";
import { PURGE_RECORDED_SQL } from "@/lib/programme/programme-status";
import { relayJournalParams, type RelayCallJournal } from "@/lib/statuses/write-relay-status";

// GIREVE's charge detail records (eMIP CDRs) written into the core as charges (ADR 0023), one
// transaction per record with its journal row:
//   - one charge per serviceSessionId (charge_operation, door GIREVE, transaction_id = the id),
//     created by the FINAL record (start, end, energy: start_wh 0, stop_wh = energy), with the
//     quality flags of the one rule set (lib/charges/quality.ts) at the point's power;
//   - INTERMEDIATE records are the points of its load curve (load_curve, door GIREVE): time =
//     endTime, value = energy since the start, from an origin (startTime, 0); the final record is
//     the curve's last point and drops the intermediates outside its start and end; a decreasing
//     series flags the curve index_decroissant (out of the indicators, which then read the charge);
//   - the same record again is harmless (unchanged); an intermediate with another value for a time
//     already recorded is ignored (the first reading stands); an intermediate arriving after the
//     final is kept only when it fits (inside the session, not above the final energy, not
//     decreasing); a second final with other values is refused (eMIP 10701): the first stands.
// The session's rows are serialised by an advisory lock on their key, so that two records of one
// session arriving together never lose one another's points.

export interface ChargeDetail {
  idPdcItinerance: string;
  operatorCode: string;
  serviceSessionId: string;
  nature: "final" | "intermediate";
  start: Date;
  end: Date;
  /** Energy since the session's start, in Wh. */
  energyWh: number;
}

export type RecordChargeDetailResult =
  /** Not a point the relay may report on: nothing written (lib/gireve-relay/relay-point.ts says why). */
  | { kind: "refused" }
  /** The programme's individual data were purged: nothing written. */
  | { kind: "closed" }
  | { kind: "stored" | "unchanged"; operatorId: string; warnings: string[] }
  /** A final record already received with other values (eMIP 10701), or a session of another door: nothing written. */
  | { kind: "conflict"; operatorId: string; message: string };

interface PointRow {
  id: string;
  station_id: string;
  operator_id: string;
  power_kw: number;
}

interface OperationRow {
  start_s: number;
  stop_s: number;
  energy_wh: number;
  door: string;
  flags: string[];
}

interface CurveRow {
  start_s: number;
  offsets: number[];
  values: number[];
  door: string;
}

const KEY = `env = $1::"DataEnv" AND operator_id = $2::uuid AND station_id = $3::uuid AND transaction_id = $4`;

/** The point, whether the programme's data were purged, and the session's lock taken: $1 IRVE id, $2 unit, $3 env, $4 session. */
const POINT_SQL = `
SELECT p.id::text, p.station_id::text, p.operator_id::text, p.power_kw,
       ${PURGE_RECORDED_SQL} AS purged,
       pg_advisory_xact_lock(hashtextextended($3 || '|' || p.station_id::text || '|' || $4, 18))::text AS locked
  FROM (${relayPointSql("$1::text", "$2::text")}) AS p`;

/** The session's stored charge and curve, as JSON (one round trip). */
const SESSION_SQL = `
SELECT (SELECT json_build_object('start_s', extract(epoch FROM start_at), 'stop_s', extract(epoch FROM stop_at),
                                 'energy_wh', stop_wh - start_wh, 'door', door, 'flags', quality_flags)
          FROM charge_operation WHERE ${KEY}) AS operation,
       (SELECT json_build_object('start_s', extract(epoch FROM start_at), 'offsets', offsets_s, 'values', values_wh, 'door', door)
          FROM load_curve WHERE ${KEY}) AS curve`;

/**
 * The record's writes and its journal row in one statement: the charge ($10), the curve ($18)
 * when the decision has them, the journal row always. $1–$4 the session's key.
 */
const WRITE_SQL = `
WITH operation AS (
  INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, quality_flags, door, charge_point_id)
  SELECT $1::"DataEnv", $2::uuid, $3::uuid, $4, to_timestamp($5::float8), to_timestamp($6::float8), 0, $7::bigint, $8::text[], 'GIREVE', $9::uuid
   WHERE $10::boolean
), curve AS (
  INSERT INTO load_curve AS c (env, operator_id, station_id, transaction_id, start_at, stop_at, point_count, energy_wh, offsets_s, values_wh, quality_flags, door)
  SELECT $1::"DataEnv", $2::uuid, $3::uuid, $4, to_timestamp($11::float8), to_timestamp($12::float8), $13::int, $14::bigint, $15::int[], $16::bigint[], $17::text[], 'GIREVE'
   WHERE $18::boolean
  ON CONFLICT (env, operator_id, station_id, transaction_id) DO UPDATE SET
    start_at = EXCLUDED.start_at, stop_at = EXCLUDED.stop_at, point_count = EXCLUDED.point_count, energy_wh = EXCLUDED.energy_wh,
    offsets_s = EXCLUDED.offsets_s, values_wh = EXCLUDED.values_wh, quality_flags = EXCLUDED.quality_flags, received_at = now()
  WHERE c.door = 'GIREVE'
)
INSERT INTO submission (door, env, operator_id, relay_account_id, endpoint, method, ip_address, received_at, duration_ms, size_bytes,
                        http_status, outcome, received, stored, unchanged, warnings, errors)
VALUES ('GIREVE', $1::"DataEnv", $2::uuid, $19::uuid, $20, $21, $22, $23::timestamptz, $24::int, $25::int, 200, $26, 1, $27::int, $28::int,
        $29::jsonb, $30::jsonb)`;

/** What the record's transaction runs its statements on. */
interface Tx {
  query<T>(text: string, params: unknown[], name: string): Promise<T[]>;
}

/**
 * `fn` in one transaction: on PostgreSQL on a pooled connection of its own, with prepared
 * statements; on PGlite (one in-process connection) through Prisma, which serialises transactions.
 */
async function inTransaction<T>(fn: (tx: Tx) => Promise<T>, prisma?: PrismaClient): Promise<T> {
  const sql = await rawSql();
  if (sql.transaction && !prisma) return sql.transaction((tx) => fn({ query: (text, params, name) => tx.query(text, params, { name }) }));
  return (prisma ?? (await db())).$transaction((tx) => fn({ query: (text, params) => tx.$queryRawUnsafe(text, ...params) }));
}

/** Stores the record and its journal row in one transaction. */
export async function recordChargeDetail(
  input: { record: ChargeDetail; env: DataEnv; journal: RelayCallJournal },
  options: { prisma?: PrismaClient } = {},
): Promise<RecordChargeDetailResult> {
  return inTransaction(async (tx) => {
    const r = input.record;
    const [point] = await tx.query<PointRow & { purged: boolean }>(
      POINT_SQL,
      [r.idPdcItinerance, r.operatorCode, input.env, r.serviceSessionId],
      "gireve_cdr_point",
    );
    if (!point) return { kind: "refused" } as const;
    if (point.purged) return { kind: "closed" } as const;
    const key = [input.env, point.operator_id, point.station_id, r.serviceSessionId] as const;
    const [stored] = await tx.query<{ operation: OperationRow | null; curve: CurveRow | null }>(SESSION_SQL, [...key], "gireve_cdr_session");
    const outcome = decide(r, stored.operation, stored.curve, Number(point.power_kw));
    const conflict = outcome.kind === "conflict";
    const written = outcome.operation || outcome.curve ? 1 : 0;
    await write(tx, { key, pointId: point.id, outcome, journal: input.journal, stored: written, errors: conflict ? [outcome.message] : [] });
    if (conflict) return { kind: "conflict", operatorId: point.operator_id, message: outcome.message } as const;
    return { kind: written ? "stored" : "unchanged", operatorId: point.operator_id, warnings: outcome.warnings } as const;
  }, options.prisma);
}

interface Decision {
  kind: "write" | "conflict";
  message: string;
  warnings: string[];
  operation?: { startS: number; stopS: number; energyWh: number; flags: string[] };
  curve?: { startS: number; offsets: number[]; values: number[]; energyWh: number | null; flags: string[] };
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const wh = (v: number) => `${v} Wh`;

/** The intermediate readings of a stored curve, as absolute times (s) → Wh (the origin left out). */
function readingsOf(curve: CurveRow | null, operation: OperationRow | null): Map<number, number> {
  const readings = new Map<number, number>();
  if (!curve) return readings;
  for (let i = 0; i < curve.offsets.length; i++) {
    if (curve.offsets[i] === 0 && curve.values[i] === 0) continue;
    const t = curve.start_s + curve.offsets[i];
    // The final record's point is the charge's, not a reading.
    if (operation && t === operation.stop_s && curve.values[i] === operation.energy_wh) continue;
    readings.set(t, curve.values[i]);
  }
  return readings;
}

/**
 * The curve from an origin (startS, 0) through the readings, with its energy and flags; with the
 * charge's own flags too once the final is known (an implausible charge stays out of the
 * indicators whichever of its curve or its record they read).
 */
function curveOf(startS: number, readings: Map<number, number>, powerKw: number, chargeFlags: string[] = []): NonNullable<Decision["curve"]> {
  const times = [...readings.keys()].filter((t) => t > startS).sort((a, b) => a - b);
  const timestamps = [startS, ...times];
  const values = [0, ...times.map((t) => readings.get(t)!)];
  const { energyWh, decrease } = indexEnergy(values, (i) => i);
  const flags = [...new Set<string>([...assessCurve({ timestamps, values, energyWh, decrease }, powerKw).flags, ...chargeFlags])];
  return { startS, offsets: timestamps.map((t) => t - startS), values, energyWh, flags };
}

/** What the record changes, given the session's stored charge and curve. Pure: the rules above. */
export function decide(r: ChargeDetail, operation: OperationRow | null, curve: CurveRow | null, powerKw: number): Decision {
  const startS = seconds(r.start);
  const endS = seconds(r.end);
  const warnings: string[] = [];
  if ((operation && operation.door !== "GIREVE") || (curve && curve.door !== "GIREVE"))
    return { kind: "conflict", warnings, message: `session ${r.serviceSessionId} déjà reçue par un autre canal pour ce point : rien n'a été enregistré` };
  const readings = readingsOf(curve, operation);

  if (r.nature === "final") {
    if (operation) {
      if (operation.start_s === startS && operation.stop_s === endS && operation.energy_wh === r.energyWh) return { kind: "write", message: "", warnings };
      return {
        kind: "conflict",
        warnings,
        message:
          `relevé final déjà reçu pour la session ${r.serviceSessionId} avec d'autres valeurs ` +
          `(${wh(operation.energy_wh)} du ${new Date(operation.start_s * 1000).toISOString()} au ${new Date(operation.stop_s * 1000).toISOString()}) : le premier est conservé`,
      };
    }
    const flags = assessOperation({ startS, stopS: endS, startWh: 0, stopWh: r.energyWh }, powerKw).flags;
    const out: Decision = { kind: "write", message: "", warnings, operation: { startS, stopS: endS, energyWh: r.energyWh, flags } };
    if (readings.size > 0) {
      for (const t of [...readings.keys()]) if (t <= startS || t >= endS) readings.delete(t);
      readings.set(endS, r.energyWh);
      out.curve = curveOf(startS, readings, powerKw, flags);
    }
    return out;
  }

  // An intermediate record.
  const known = readings.get(endS);
  if (known !== undefined) {
    if (known !== r.energyWh) warnings.push(`relevé intermédiaire de ${r.end.toISOString()} déjà reçu avec ${wh(known)} : ${wh(r.energyWh)} ignoré`);
    return { kind: "write", message: "", warnings };
  }
  if (operation) {
    const before = Math.max(0, ...[...readings].filter(([t]) => t < endS).map(([, v]) => v));
    const after = Math.min(operation.energy_wh, ...[...readings].filter(([t]) => t > endS).map(([, v]) => v));
    const fits = startS === operation.start_s && endS > operation.start_s && endS < operation.stop_s && r.energyWh >= before && r.energyWh <= after;
    if (!fits) {
      warnings.push(
        `relevé intermédiaire reçu après le relevé final et incohérent avec lui : ignoré (l'énergie de la charge reste ${wh(operation.energy_wh)})`,
      );
      return { kind: "write", message: "", warnings };
    }
    readings.set(endS, r.energyWh);
    readings.set(operation.stop_s, operation.energy_wh);
    return { kind: "write", message: "", warnings, curve: curveOf(operation.start_s, readings, powerKw, operation.flags) };
  }
  const origin = curve ? Math.min(curve.start_s, startS) : startS;
  if (curve && curve.start_s !== startS)
    warnings.push(`début de session différent des relevés précédents : ${r.start.toISOString()} (le plus ancien est retenu)`);
  if (endS <= origin) {
    warnings.push(`relevé intermédiaire daté du début de la session ou avant : ignoré`);
    return { kind: "write", message: "", warnings };
  }
  readings.set(endS, r.energyWh);
  return { kind: "write", message: "", warnings, curve: curveOf(origin, readings, powerKw) };
}

async function write(
  tx: Tx,
  w: { key: readonly [DataEnv, string, string, string]; pointId: string; outcome: Decision; journal: RelayCallJournal; stored: number; errors: string[] },
): Promise<void> {
  const { operation: o, curve: c } = w.outcome;
  const j = w.journal;
  const items = (messages: string[]) => messages.map((message) => ({ chemin: "chargeDetailRecord", message }));
  await tx.query(
    WRITE_SQL,
    [
      ...w.key,
      o?.startS ?? null,
      o?.stopS ?? null,
      o?.energyWh ?? null,
      o?.flags ?? null,
      w.pointId,
      Boolean(o),
      c?.startS ?? null,
      c ? c.startS + c.offsets[c.offsets.length - 1] : null,
      c?.offsets.length ?? null,
      c?.energyWh ?? null,
      c?.offsets ?? null,
      c?.values ?? null,
      c?.flags ?? null,
      Boolean(c),
      ...relayJournalParams(j),
      w.errors.length ? "ECHEC" : "OK",
      w.stored,
      w.errors.length ? 0 : 1 - w.stored,
      JSON.stringify([...j.warnings, ...items(w.outcome.warnings)]),
      JSON.stringify(items(w.errors)),
    ],
    "gireve_cdr_write",
  );
}
