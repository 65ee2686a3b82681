import type { DataEnv } from "@/generated/prisma/enums";
import { LOCKED_READ_SQL, readRelaySession, type SessionRead } from "@/lib/charges/read-relay-sessions";
import { inRecordTransaction, writeRelayRecord, writeRelayRecordsWith, type RecordWrite } from "@/lib/charges/write-relay-records";
import { assessCurve, assessOperation } from "@/lib/charges/quality";
import { indexEnergy } from "@/lib/charges/index-energy";
import type { RelayCallJournal } from "@/lib/statuses/write-relay-status";

// GIREVE's charge detail records (eMIP CDRs) written into the core as charges (ADR 0023), each
// record's writes in one statement with its journal row:
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
// Two statements per record and no explicit transaction, each shared with the records arriving
// together: the first reads the point and the session's stored state
// (lib/charges/read-relay-sessions.ts); Node decides (`decide`, pure); the second writes the
// decision and the journal row only if, under the session's advisory lock, it reads the same state
// again (lib/charges/write-relay-records.ts; gireve_session_state, migration 20261206120000, takes
// the lock and reads with a fresh snapshot).
// Two records of one session arriving together: the later finds the state changed, writes nothing
// and is decided again on the new state, so neither loses the other's points; after a few such
// attempts it takes the lock for its read, decision and write, in one transaction, as one record
// of a session the relay keeps sending in parallel must still get in.

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

/** Attempts without a transaction before the record takes its session's lock from read to write. */
const MAX_OPTIMISTIC_ATTEMPTS = 3;

/** Stores the record and its journal row, or nothing (refused, closed). */
export async function recordChargeDetail(input: { record: ChargeDetail; env: DataEnv; journal: RelayCallJournal }): Promise<RecordChargeDetailResult> {
  const item = { ...input.record, env: input.env };
  for (let attempt = 1; attempt <= MAX_OPTIMISTIC_ATTEMPTS; attempt++) {
    const result = await attemptRecord(input, () => readRelaySession(item), writeRelayRecord);
    if (result !== "changed") return result;
  }
  // Records of one session keep arriving together: this one waits for the session's lock and
  // keeps it from its read to its write.
  return inRecordTransaction(async (query) => {
    const result = await attemptRecord(
      input,
      async () =>
        (await query<SessionRead>(LOCKED_READ_SQL, [item.idPdcItinerance, item.operatorCode, item.env, item.serviceSessionId], "gireve_cdr_read_locked"))[0] ??
        null,
      async (w) => (await writeRelayRecordsWith(query, [w]))[0],
    );
    if (result === "changed") throw new Error(`session ${item.serviceSessionId}: state changed under its lock`);
    return result;
  });
}

/** One read, decision and write; "changed" when the session changed between the read and the write (nothing written). */
async function attemptRecord(
  input: { record: ChargeDetail; env: DataEnv; journal: RelayCallJournal },
  read: () => Promise<SessionRead | null>,
  write: (w: RecordWrite) => Promise<boolean>,
): Promise<RecordChargeDetailResult | "changed"> {
  const r = input.record;
  const point = await read();
  if (!point) return { kind: "refused" };
  if (point.purged) return { kind: "closed" };
  const stored = JSON.parse(point.state) as { operation: OperationRow | null; curve: CurveRow | null };
  const outcome = decide(r, stored.operation, stored.curve, Number(point.power_kw));
  const conflict = outcome.kind === "conflict";
  const written = outcome.operation || outcome.curve ? 1 : 0;
  const items = (messages: string[]) => messages.map((message) => ({ chemin: "chargeDetailRecord", message }));
  const { operation: o, curve: c } = outcome;
  const done = await write({
    env: input.env,
    operatorId: point.operator_id,
    stationId: point.station_id,
    session: r.serviceSessionId,
    state: point.state,
    operation: o ? { ...o, pointId: point.id } : null,
    curve: c ? { ...c, form: stored.curve ? "update" : "insert", stopS: c.startS + c.offsets[c.offsets.length - 1] } : null,
    journal: input.journal,
    outcome: conflict ? "ECHEC" : "OK",
    stored: written,
    unchanged: conflict ? 0 : 1 - written,
    warnings: [...input.journal.warnings, ...items(outcome.warnings)],
    errors: items(conflict ? [outcome.message] : []),
  });
  // Not done: the session changed since it was read (or the programme closed); decided again.
  if (!done) return "changed";
  if (conflict) return { kind: "conflict", operatorId: point.operator_id, message: outcome.message };
  return { kind: written ? "stored" : "unchanged", operatorId: point.operator_id, warnings: outcome.warnings };
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
    const flags = [...assessOperation({ startS, stopS: endS, startWh: 0, stopWh: r.energyWh }, powerKw).flags];
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
