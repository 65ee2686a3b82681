import {
  chargeOperationSchema,
  curvePointSchema,
  MAX_FUTURE_S,
  MIN_CURVE_POINTS,
  MIN_TIMESTAMP_S,
  type AdvenirMessage,
} from "@/lib/schemas/advenir";
import { pathOf } from "@/lib/ingest/errors";
import type { z } from "zod";

// Walks a parsed body UserID → StationID → TransactionID → data, level by level, and returns
// every transaction normalised plus every error and warning with its path. Nothing here touches
// the database: station checks and quality flags come next (lib/ingest/ingest-body.ts).
//
// Error kinds decide the status: "forbidden" (another operator's UserID) → 403 alone;
// "structure" (the nesting levels are not objects as documented) → 400; "data" → 422.

export type Endpoint = "courbe" | "operation";
export type IssueKind = "structure" | "forbidden" | "data";
export interface Issue extends AdvenirMessage {
  kind: IssueKind;
}

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
  values: number[];
}

export interface NormalizedBody {
  operations: NormalizedOperation[];
  curves: NormalizedCurve[];
  issues: Issue[];
  warnings: AdvenirMessage[];
}

const OPERATION_KEYS = ["StartTransaction", "StopTransaction", "StartValue", "StopValue"] as const;
const MAX_ID_LENGTH = 200;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max;
}

function zodIssues(error: z.ZodError, base: string, kind: IssueKind): Issue[] {
  return error.issues.map((i) => ({ kind, chemin: pathOf(base, ...i.path.map(String)), message: i.message }));
}

function hasOperationKey(data: Record<string, unknown>): boolean {
  for (const k of OPERATION_KEYS) if (k in data) return true;
  return false;
}

const sameNumbers = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Whether two normalised items of the same kind carry the same data (a harmless repeat). */
function sameData(a: NormalizedOperation | NormalizedCurve, b: NormalizedOperation | NormalizedCurve): boolean {
  if ("timestamps" in a && "timestamps" in b) return sameNumbers(a.timestamps, b.timestamps) && sameNumbers(a.values, b.values);
  if ("startS" in a && "startS" in b) return a.startS === b.startS && a.stopS === b.stopS && a.startWh === b.startWh && a.stopWh === b.stopWh;
  return false;
}

function futureMessage(label: string, value: number): string {
  const hint = value > 1e11 ? " (horodatage en millisecondes ? les secondes sont attendues)" : "";
  return `${label} : date trop loin dans le futur (plus d'un jour après maintenant)${hint}`;
}

export function normalizeBody(body: unknown, options: { endpoint: Endpoint; operatorId: string; now: Date }): NormalizedBody {
  const out: NormalizedBody = { operations: [], curves: [], issues: [], warnings: [] };
  const structure = (chemin: string, message: string) => out.issues.push({ kind: "structure", chemin, message });

  if (!isPlainObject(body)) {
    structure("(corps)", "le corps doit être un objet JSON { \"<UserID>\": { \"<StationID>\": { … } } }");
    return out;
  }
  const userIds = Object.keys(body);
  if (userIds.length === 0) {
    structure("(corps)", "corps vide : un objet { \"<UserID>\": { … } } est attendu");
    return out;
  }
  const foreign = userIds.filter((u) => u.trim().toLowerCase() !== options.operatorId.toLowerCase());
  if (foreign.length > 0) {
    for (const u of foreign)
      out.issues.push({
        kind: "forbidden",
        chemin: u,
        message: "ce UserID n'est pas celui de votre compte : utilisez l'identifiant affiché dans votre espace opérateur",
      });
    return out;
  }

  const maxS = Math.floor(options.now.getTime() / 1000) + MAX_FUTURE_S;
  // First occurrence of each (kind, station, transaction) in the body, to catch repeats.
  const seen = new Map<string, NormalizedOperation | NormalizedCurve>();

  const addTransaction = (stationCode: string, transactionId: string, data: unknown, path: string) => {
    if (transactionId.trim() === "" || transactionId.length > MAX_ID_LENGTH) {
      out.issues.push({ kind: "data", chemin: path, message: `TransactionID vide ou trop long (${MAX_ID_LENGTH} caractères au plus)` });
      return;
    }
    let kind: "curve" | "operation";
    if (Array.isArray(data)) kind = "curve";
    else if (isPlainObject(data) && hasOperationKey(data)) kind = "operation";
    else {
      structure(path, "données non reconnues : une opération { StartTransaction, StopTransaction, StartValue, StopValue } ou une courbe [ { timestamp, value }, … ] est attendue");
      return;
    }
    if ((kind === "curve") !== (options.endpoint === "courbe")) {
      out.warnings.push({
        chemin: path,
        message:
          kind === "curve"
            ? "courbe de charge envoyée à /api/operation/put : enregistrée comme courbe de charge"
            : "opération de charge envoyée à /api/courbe/put : enregistrée comme opération de charge",
      });
    }
    const before = out.issues.length;
    const item =
      kind === "curve"
        ? normalizeCurve(data as unknown[], { stationCode, transactionId, path, maxS }, out)
        : normalizeOperation(data as Record<string, unknown>, { stationCode, transactionId, path, maxS }, out);
    if (!item || out.issues.length > before) return;

    const key = `${kind}\u0000${stationCode}\u0000${transactionId}`;
    const previous = seen.get(key);
    if (previous !== undefined) {
      if (sameData(previous, item)) out.warnings.push({ chemin: path, message: "transaction répétée à l'identique dans l'envoi : prise en compte une fois" });
      else out.issues.push({ kind: "data", chemin: path, message: "TransactionID répété dans l'envoi avec des données différentes : envoi ambigu" });
      return;
    }
    seen.set(key, item);
    if (kind === "curve") out.curves.push(item as NormalizedCurve);
    else out.operations.push(item as NormalizedOperation);
  };

  for (const userId of userIds) {
    const stations = body[userId];
    if (!isPlainObject(stations)) {
      structure(userId, "un objet { \"<StationID>\": { … } } est attendu pour ce UserID");
      continue;
    }
    for (const stationCode in stations) {
      const txs = stations[stationCode];
      const stationPath = pathOf(userId, stationCode);
      if (isPlainObject(txs)) {
        for (const id in txs) addTransaction(stationCode, id, txs[id], `${stationPath}/${id}`);
      } else if (Array.isArray(txs)) {
        txs.forEach((item, index) => {
          const keys = isPlainObject(item) ? Object.keys(item) : [];
          if (keys.length !== 1) {
            structure(pathOf(stationPath, index), "un objet à une seule clé { \"<TransactionID>\": … } est attendu dans ce tableau");
            return;
          }
          addTransaction(stationCode, keys[0], (item as Record<string, unknown>)[keys[0]], `${stationPath}/${keys[0]}`);
        });
      } else {
        structure(stationPath, "les transactions de la station doivent former un objet { \"<TransactionID>\": … }");
      }
    }
  }
  return out;
}

interface ItemContext {
  stationCode: string;
  transactionId: string;
  path: string;
  maxS: number;
}

function normalizeOperation(data: Record<string, unknown>, ctx: ItemContext, out: NormalizedBody): NormalizedOperation | undefined {
  const { StartTransaction: start, StopTransaction: stop, StartValue: startWh, StopValue: stopWh } = data;
  const fast =
    isInt(start, MIN_TIMESTAMP_S, ctx.maxS) &&
    isInt(stop, MIN_TIMESTAMP_S, ctx.maxS) &&
    isInt(startWh, 0, Number.MAX_SAFE_INTEGER) &&
    isInt(stopWh, 0, Number.MAX_SAFE_INTEGER);
  if (!fast) {
    const parsed = chargeOperationSchema.safeParse(data);
    if (!parsed.success) out.issues.push(...zodIssues(parsed.error, ctx.path, "data"));
    for (const key of ["StartTransaction", "StopTransaction"] as const) {
      const v = data[key];
      if (typeof v === "number" && Number.isInteger(v) && v > ctx.maxS) out.issues.push({ kind: "data", chemin: pathOf(ctx.path, key), message: futureMessage(key, v) });
    }
    return undefined;
  }
  let ok = true;
  if ((stop as number) <= (start as number)) {
    out.issues.push({ kind: "data", chemin: pathOf(ctx.path, "StopTransaction"), message: `StopTransaction (${stop}) doit être postérieur à StartTransaction (${start})` });
    ok = false;
  }
  if ((stopWh as number) < (startWh as number)) {
    out.issues.push({ kind: "data", chemin: pathOf(ctx.path, "StopValue"), message: `StopValue (${stopWh} Wh) inférieur à StartValue (${startWh} Wh) : l'index d'énergie ne peut pas décroître` });
    ok = false;
  }
  if (!ok) return undefined;
  return {
    stationCode: ctx.stationCode,
    transactionId: ctx.transactionId,
    path: ctx.path,
    startS: start as number,
    stopS: stop as number,
    startWh: startWh as number,
    stopWh: stopWh as number,
  };
}

function normalizeCurve(points: unknown[], ctx: ItemContext, out: NormalizedBody): NormalizedCurve | undefined {
  const ts: number[] = [];
  const vs: number[] = [];
  let ok = true;
  points.forEach((p, index) => {
    if (isPlainObject(p) && isInt(p.timestamp, MIN_TIMESTAMP_S, ctx.maxS) && isInt(p.value, 0, Number.MAX_SAFE_INTEGER)) {
      ts.push(p.timestamp);
      vs.push(p.value);
      return;
    }
    ok = false;
    const base = pathOf(ctx.path, index);
    if (!isPlainObject(p)) {
      out.issues.push({ kind: "data", chemin: base, message: "point invalide : un objet { \"timestamp\": …, \"value\": … } est attendu" });
      return;
    }
    const parsed = curvePointSchema.safeParse(p);
    if (!parsed.success) out.issues.push(...zodIssues(parsed.error, base, "data"));
    const t = p.timestamp;
    if (typeof t === "number" && Number.isInteger(t) && t > ctx.maxS) out.issues.push({ kind: "data", chemin: pathOf(base, "timestamp"), message: futureMessage("timestamp", t) });
  });
  if (!ok) return undefined;

  const order = ts.map((_, i) => i).sort((a, b) => ts[a] - ts[b] || a - b);
  const timestamps: number[] = [];
  const values: number[] = [];
  let repeated = 0;
  let last = -1;
  for (const i of order) {
    if (last >= 0 && ts[i] === ts[last]) {
      if (vs[i] === vs[last]) repeated++;
      else {
        out.issues.push({ kind: "data", chemin: pathOf(ctx.path, i, "timestamp"), message: `timestamp ${ts[i]} déjà présent (point ${last}) avec une autre valeur (${vs[last]} Wh, puis ${vs[i]} Wh) : envoi ambigu` });
        ok = false;
      }
      continue;
    }
    if (last >= 0 && vs[i] < vs[last]) {
      out.issues.push({ kind: "data", chemin: pathOf(ctx.path, i, "value"), message: `énergie cumulée décroissante : ${vs[i]} Wh au timestamp ${ts[i]}, après ${vs[last]} Wh au timestamp ${ts[last]}` });
      ok = false;
    }
    timestamps.push(ts[i]);
    values.push(vs[i]);
    last = i;
  }
  if (!ok) return undefined;
  if (timestamps.length < MIN_CURVE_POINTS) {
    out.issues.push({
      kind: "data",
      chemin: ctx.path,
      message: `au moins ${MIN_CURVE_POINTS} points distincts sont nécessaires (début, fin et un intermédiaire), ${timestamps.length} reçu(s) : sinon envoyez une opération à /api/operation/put`,
    });
    return undefined;
  }
  if (repeated > 0) out.warnings.push({ chemin: ctx.path, message: `${repeated} point(s) répété(s) à l'identique fusionné(s)` });
  return { stationCode: ctx.stationCode, transactionId: ctx.transactionId, path: ctx.path, timestamps, values };
}
