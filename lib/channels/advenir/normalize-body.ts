import { chargeOperationSchema, curvePointSchema, MAX_FUTURE_S, MIN_CURVE_POINTS, MIN_TIMESTAMP_S } from "@/lib/schemas/advenir";
import { pathOf } from "@/lib/channels/advenir/errors";
import type { IssueList, MessageList } from "@/lib/channels/advenir/message-list";
import type { z } from "zod";
import type { IndexDecrease } from "@/lib/charges/quality";
import { indexEnergy } from "@/lib/charges/index-energy";

// One transaction's data, checked field by field and normalised (lib/channels/advenir/parse-body.ts reads
// the body and calls these for each transaction). Refused (an error with its path) is only what
// cannot be read or is ambiguous: a field that is not an integer, a time outside [2010, now + 1
// day], a negative index, an operation that stops before it starts, the same timestamp with two
// values. A cumulative index that decreases is possible (a meter glitch, two meters under one
// TransactionID): the transaction is stored and flagged (lib/charges/quality.ts), and its energy
// is computed without the one point that breaks the series when one point alone does
// (docs/decisions/0007-implausible-is-not-impossible.md).

export type Endpoint = "courbe" | "operation";
export type { Issue, IssueKind } from "@/lib/channels/advenir/message-list";

export interface NormalizedOperation {
  stationCode: string;
  transactionId: string;
  path: string;
  startS: number;
  stopS: number;
  startWh: number;
  stopWh: number;
}

export interface NormalizedCurve {
  stationCode: string;
  transactionId: string;
  path: string;
  /** Sorted by time, identical repeats collapsed. */
  timestamps: number[];
  /** The cumulative index as sent, in the order of `timestamps`. */
  values: number[];
  /** Energy delivered (Wh): last minus first value, without the outlier if any; null when the index decreases ambiguously. */
  energyWh: number | null;
  decrease: IndexDecrease | null;
}

export interface NormalizedBody {
  operations: NormalizedOperation[];
  curves: NormalizedCurve[];
  issues: IssueList;
  warnings: MessageList;
}

export interface ItemContext {
  stationCode: string;
  transactionId: string;
  path: string;
  /** Latest time accepted (UNIX seconds). */
  maxS: number;
}

export const OPERATION_KEYS = ["StartTransaction", "StopTransaction", "StartValue", "StopValue"] as const;

export function latestAcceptedTime(now: Date): number {
  return Math.floor(now.getTime() / 1000) + MAX_FUTURE_S;
}

export function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max;
}

function zodIssues(error: z.ZodError, base: string, out: NormalizedBody): void {
  for (const i of error.issues) out.issues.push({ kind: "data", chemin: pathOf(base, ...i.path.map(String)), message: i.message });
}

function futureMessage(label: string, value: number): string {
  const hint = value > 1e11 ? " (horodatage en millisecondes ? les secondes sont attendues)" : "";
  return `${label} : date trop loin dans le futur (plus d'un jour après maintenant)${hint}`;
}

/** A time that is a safe integer later than accepted (zod's schema has no upper bound: it depends on now). */
function checkFuture(label: string, v: unknown, maxS: number, chemin: string, out: NormalizedBody): void {
  if (typeof v === "number" && Number.isSafeInteger(v) && v > maxS) out.issues.push({ kind: "data", chemin, message: futureMessage(label, v) });
}

/**
 * An operation from its four fields' values as read, in OPERATION_KEYS order (undefined: absent;
 * an object or array as {}). An array rather than an object keyed as the body wrote them: one
 * shape for every operation, read 50,000 times in a large body.
 */
export function normalizeOperation(fields: readonly unknown[], ctx: ItemContext, out: NormalizedBody): NormalizedOperation | undefined {
  const [start, stop, startWh, stopWh] = fields;
  const valid =
    isInt(start, MIN_TIMESTAMP_S, ctx.maxS) &&
    isInt(stop, MIN_TIMESTAMP_S, ctx.maxS) &&
    isInt(startWh, 0, Number.MAX_SAFE_INTEGER) &&
    isInt(stopWh, 0, Number.MAX_SAFE_INTEGER);
  if (!valid) {
    if (out.issues.full("data")) return void out.issues.countOnly("data");
    const data: Record<string, unknown> = {};
    OPERATION_KEYS.forEach((key, i) => {
      if (fields[i] !== undefined) data[key] = fields[i];
    });
    const parsed = chargeOperationSchema.safeParse(data);
    if (!parsed.success) zodIssues(parsed.error, ctx.path, out);
    for (const key of ["StartTransaction", "StopTransaction"] as const) checkFuture(key, data[key], ctx.maxS, pathOf(ctx.path, key), out);
    return undefined;
  }
  // A period that ends before it starts cannot be placed in time (which of the two is wrong?).
  // The same instant is possible (an operation that delivered nothing, or a quality flag).
  if (stop < start) {
    out.issues.push({
      kind: "data",
      chemin: pathOf(ctx.path, "StopTransaction"),
      message: `StopTransaction (${stop}) antérieur à StartTransaction (${start}) : une opération ne peut pas finir avant d'avoir commencé`,
    });
    return undefined;
  }
  return { stationCode: ctx.stationCode, transactionId: ctx.transactionId, path: ctx.path, startS: start, stopS: stop, startWh, stopWh };
}

/** Messages of the invalid points of a curve, as today's zod schema words them. */
export function pointIssues(point: { timestamp?: unknown; value?: unknown } | null, rank: number, ctx: ItemContext, out: NormalizedBody): void {
  if (out.issues.full("data")) return out.issues.countOnly("data");
  const base = pathOf(ctx.path, rank);
  if (point === null) {
    out.issues.push({ kind: "data", chemin: base, message: 'point invalide : un objet { "timestamp": …, "value": … } est attendu' });
    return;
  }
  const parsed = curvePointSchema.safeParse(point);
  if (!parsed.success) zodIssues(parsed.error, base, out);
  checkFuture("timestamp", point.timestamp, ctx.maxS, pathOf(base, "timestamp"), out);
}

/**
 * A curve from its valid points (`ts[i]`, `vs[i]` for the point of rank i in the body): sorted,
 * identical repeats collapsed, its energy computed. Two distinct points are an operation sent as
 * a curve: returned as the operation it is, with a warning.
 */
export function normalizeCurve(ts: number[], vs: number[], ctx: ItemContext, out: NormalizedBody): NormalizedCurve | NormalizedOperation | undefined {
  let sorted = true;
  for (let i = 1; i < ts.length && sorted; i++) sorted = ts[i] > ts[i - 1];
  // Points in strictly increasing time, as clients send them: kept as they are, ranks are indexes.
  let timestamps = ts;
  let values = vs;
  let ranks: number[] | null = null;
  let repeated = 0;
  if (!sorted) {
    const order = ts.map((_, i) => i).sort((a, b) => ts[a] - ts[b] || a - b);
    timestamps = [];
    values = [];
    ranks = [];
    let ok = true;
    let last = -1;
    for (const i of order) {
      if (last >= 0 && ts[i] === ts[last]) {
        if (vs[i] === vs[last]) repeated++;
        else {
          out.issues.push({
            kind: "data",
            chemin: pathOf(ctx.path, i, "timestamp"),
            message: `timestamp ${ts[i]} déjà présent (point ${last}) avec une autre valeur (${vs[last]} Wh, puis ${vs[i]} Wh) : envoi ambigu`,
          });
          ok = false;
        }
        continue;
      }
      timestamps.push(ts[i]);
      values.push(vs[i]);
      ranks.push(i);
      last = i;
    }
    if (!ok) return undefined;
  }
  if (repeated > 0) out.warnings.push({ chemin: ctx.path, message: `${repeated} point(s) répété(s) à l'identique fusionné(s)` });
  if (timestamps.length === 2) {
    out.warnings.push({
      chemin: ctx.path,
      message: `courbe de 2 points distincts : enregistrée comme opération de charge (une courbe a au moins ${MIN_CURVE_POINTS} points : début, fin et un intermédiaire)`,
    });
    return {
      stationCode: ctx.stationCode,
      transactionId: ctx.transactionId,
      path: ctx.path,
      startS: timestamps[0],
      stopS: timestamps[1],
      startWh: values[0],
      stopWh: values[1],
    };
  }
  if (timestamps.length < MIN_CURVE_POINTS) {
    out.issues.push({
      kind: "data",
      chemin: ctx.path,
      message: `au moins 2 points distincts sont nécessaires (${MIN_CURVE_POINTS} pour une courbe : début, fin et un intermédiaire), ${timestamps.length} reçu(s) : une charge ne peut pas être déduite d'un seul index`,
    });
    return undefined;
  }
  const { energyWh, decrease } = indexEnergy(values, ranks ?? ((i) => i));
  return { stationCode: ctx.stationCode, transactionId: ctx.transactionId, path: ctx.path, timestamps, values, energyWh, decrease };
}
