import { IngestError } from "@/lib/channels/advenir/errors";
import { JsonScanner } from "@/lib/channels/advenir/json-scanner";
import { sameValue } from "@/lib/channels/advenir/json-same-value";
import { IssueList, MessageList, type IssueKind } from "@/lib/channels/advenir/message-list";
import {
  isInt,
  latestAcceptedTime,
  normalizeCurve,
  normalizeOperation,
  OPERATION_KEYS,
  pointIssues,
  type Endpoint,
  type ItemContext,
  type NormalizedBody,
  type NormalizedCurve,
  type NormalizedOperation,
} from "@/lib/channels/advenir/normalize-body";
import { MIN_TIMESTAMP_S } from "@/lib/schemas/advenir";

// The transaction level of the body reader (lib/channels/advenir/parse-body.ts reads the levels above):
// one transaction's data, an operation object or an array of points, read into a normalised
// item without building the JSON values; repeated keys compared; repeats of a transaction across
// the body caught.

/** Most members of an operation's or a point's object (extra fields are allowed, not without end). */
export const MAX_FIELDS_PER_OBJECT = 1000;

const POINT_KEYS = ["timestamp", "value"] as const;

export class TransactionReader {
  protected readonly s: JsonScanner;
  protected readonly out: NormalizedBody = { operations: [], curves: [], issues: new IssueList(), warnings: new MessageList() };
  /**
   * First occurrence of each transaction in the body per station and kind, to catch repeats
   * across objects (array elements, two spellings of the UserID). Keyed by the TransactionID
   * string itself: its hash, computed once, serves the object's own map of keys too.
   */
  private readonly seen = new Map<string, { operations: Map<string, NormalizedOperation>; curves: Map<string, NormalizedCurve> }>();
  private readonly maxS: number;

  constructor(
    text: string,
    protected readonly options: { endpoint: Endpoint; operatorId: string; now: Date },
  ) {
    this.s = new JsonScanner(text);
    this.maxS = latestAcceptedTime(options.now);
  }

  protected issue(kind: IssueKind, chemin: string, message: string): void {
    this.out.issues.push({ kind, chemin, message });
  }

  /**
   * Whether the member about to be read repeats a key of its object (`key` null: never compared).
   * A repeat's value is compared with the first one's, said so, and skipped.
   */
  protected repeated(keys: Map<string, number>, key: string | null, path: string, depth: number): boolean {
    if (key === null) return false;
    const s = this.s;
    s.peek();
    const start = s.pos;
    const first = keys.get(key);
    if (first === undefined) {
      keys.set(key, start);
      return false;
    }
    s.skip(depth);
    this.repeatOf(first, start, path);
    return true;
  }

  protected repeatOf(first: number, start: number, path: string): void {
    if (sameValue(this.s.text, first, start))
      this.out.warnings.push({ chemin: path, message: "clé répétée à l'identique dans le même objet JSON : prise en compte une fois" });
    else this.issue("data", path, "clé répétée dans le même objet JSON avec une autre valeur : envoi ambigu (un analyseur JSON ne garderait que la dernière)");
  }

  /** One transaction's data at `depth`: an operation object or an array of curve points. */
  protected transaction(stationCode: string, transactionId: string, path: string, depth: number): void {
    const s = this.s;
    const ctx: ItemContext = { stationCode, transactionId, path, maxS: this.maxS };
    const kind = s.kind();
    const unknown =
      "données non reconnues : une opération { StartTransaction, StopTransaction, StartValue, StopValue } ou une courbe [ { timestamp, value }, … ] est attendue";
    if (kind !== "object" && kind !== "array") {
      this.issue("structure", path, unknown);
      s.skip(depth);
      return;
    }
    const before = this.out.issues.size;
    let item: NormalizedOperation | NormalizedCurve | undefined;
    if (kind === "array") item = this.curve(ctx, depth);
    else {
      const fields = this.operationFields(path, depth);
      if (!fields) {
        this.issue("structure", path, unknown);
        return;
      }
      item = normalizeOperation(fields, ctx, this.out);
    }
    if (!item || this.out.issues.size > before) return;
    const isCurve = "timestamps" in item;
    if (kind === "array" ? this.options.endpoint !== "courbe" && isCurve : this.options.endpoint === "courbe") {
      this.out.warnings.push({
        chemin: path,
        message: isCurve
          ? "courbe de charge envoyée à /api/operation/put : enregistrée comme courbe de charge"
          : "opération de charge envoyée à /api/courbe/put : enregistrée comme opération de charge",
      });
    }
    this.keep(item, isCurve);
  }

  /** A transaction of the body, unless the same (kind, station, TransactionID) came before. */
  private keep(item: NormalizedOperation | NormalizedCurve, isCurve: boolean): void {
    let station = this.seen.get(item.stationCode);
    if (station === undefined) this.seen.set(item.stationCode, (station = { operations: new Map(), curves: new Map() }));
    const kept: Map<string, NormalizedOperation | NormalizedCurve> = isCurve ? station.curves : station.operations;
    const previous = kept.get(item.transactionId);
    if (previous !== undefined) {
      if (sameData(previous, item))
        this.out.warnings.push({ chemin: item.path, message: "transaction répétée à l'identique dans l'envoi : prise en compte une fois" });
      else this.issue("data", item.path, "TransactionID répété dans l'envoi avec des données différentes : envoi ambigu");
      return;
    }
    kept.set(item.transactionId, item);
    if (isCurve) this.out.curves.push(item as NormalizedCurve);
    else this.out.operations.push(item as NormalizedOperation);
  }

  /** The operation fields of an object, in OPERATION_KEYS order (undefined: absent), or null when it has none of them. */
  private operationFields(path: string, depth: number): unknown[] | null {
    const s = this.s;
    s.open(123);
    const fields: unknown[] = [undefined, undefined, undefined, undefined];
    const starts = [-1, -1, -1, -1]; // where each operation key's value starts, for repeats
    let found = false;
    let count = 0;
    for (let first = true; s.nextMember(first); first = false) {
      this.countField(++count, path);
      const k = s.knownKey(OPERATION_KEYS);
      if (k < 0) {
        s.skip(depth + 1);
        continue;
      }
      found = true;
      s.peek();
      if (starts[k] >= 0) {
        const start = s.pos;
        s.skip(depth + 1);
        this.repeatOf(starts[k], start, `${path}/${OPERATION_KEYS[k]}`);
        continue;
      }
      starts[k] = s.pos;
      fields[k] = this.fieldValue(depth + 1);
    }
    return found ? fields : null;
  }

  /** A field's value: a primitive as read, {} for an object or array (a type error either way). */
  private fieldValue(depth: number): unknown {
    const v = this.s.primitive(depth);
    return v === undefined ? {} : v;
  }

  private countField(count: number, path: string): void {
    if (count > MAX_FIELDS_PER_OBJECT)
      throw new IngestError(400, [{ chemin: path, message: `trop de champs dans cet objet (${MAX_FIELDS_PER_OBJECT} au plus)` }]);
  }

  /** A curve's points into two arrays of numbers, then normalised. */
  private curve(ctx: ItemContext, depth: number): NormalizedCurve | NormalizedOperation | undefined {
    const s = this.s;
    s.open(91);
    const ts: number[] = [];
    const vs: number[] = [];
    let valid = true;
    for (let rank = 0, first = true; s.nextElement(first); first = false, rank++) {
      if (s.kind() !== "object") {
        s.skip(depth + 1);
        pointIssues(null, rank, ctx, this.out);
        valid = false;
        continue;
      }
      s.open(123);
      let timestamp: unknown = undefined;
      let value: unknown = undefined;
      let tStart = -1;
      let vStart = -1;
      let count = 0;
      for (let firstKey = true; s.nextMember(firstKey); firstKey = false) {
        this.countField(++count, `${ctx.path}/${rank}`);
        const k = s.knownKey(POINT_KEYS);
        if (k < 0) {
          s.skip(depth + 2);
          continue;
        }
        s.peek();
        const start = s.pos;
        if ((k === 0 ? tStart : vStart) >= 0) {
          s.skip(depth + 2);
          this.repeatOf(k === 0 ? tStart : vStart, start, `${ctx.path}/${rank}/${POINT_KEYS[k]}`);
          continue;
        }
        if (k === 0) {
          tStart = start;
          timestamp = this.fieldValue(depth + 2);
        } else {
          vStart = start;
          value = this.fieldValue(depth + 2);
        }
      }
      if (isInt(timestamp, MIN_TIMESTAMP_S, ctx.maxS) && isInt(value, 0, Number.MAX_SAFE_INTEGER)) {
        if (valid) {
          ts.push(timestamp);
          vs.push(value);
        }
        continue;
      }
      valid = false;
      const point: { timestamp?: unknown; value?: unknown } = {};
      if (tStart >= 0) point.timestamp = timestamp;
      if (vStart >= 0) point.value = value;
      pointIssues(point, rank, ctx, this.out);
    }
    return valid ? normalizeCurve(ts, vs, ctx, this.out) : undefined;
  }
}

const sameNumbers = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Whether two normalised items of the same kind carry the same data (a harmless repeat). */
function sameData(a: NormalizedOperation | NormalizedCurve, b: NormalizedOperation | NormalizedCurve): boolean {
  if ("timestamps" in a && "timestamps" in b) return sameNumbers(a.timestamps, b.timestamps) && sameNumbers(a.values, b.values);
  if ("startS" in a && "startS" in b) return a.startS === b.startS && a.stopS === b.stopS && a.startWh === b.startWh && a.stopWh === b.stopWh;
  return false;
}
