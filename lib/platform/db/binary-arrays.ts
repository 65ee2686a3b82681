import { randomBytes } from "node:crypto";

// One-dimensional arrays in PostgreSQL's binary format (array_send), for parameters of hot
// statements on PostgreSQL: node-postgres sends a Buffer parameter in binary format, so the
// server reads each element's internal representation instead of parsing its text (a bulk of
// 1,000 statuses: its UUIDs and timestamps cost more to parse as text than to insert).
// Format (src/backend/utils/adt/arrayfuncs.c, array_recv): ndim, has-nulls flag, element type
// OID, then per dimension its length and lower bound, then per element its length (-1: NULL)
// and its bytes. PGlite takes its parameters as text: callers keep a text path for it.
// The elements are written byte by byte in plain loops: a Buffer method call per element (write,
// copy) cost more than the statement's own parsing of the array it replaced.

const OID = { text: 25, uuid: 2950, timestamptz: 1184 } as const;
/** Milliseconds from 1970-01-01 to 2000-01-01, PostgreSQL's timestamp epoch. */
const PG_EPOCH_MS = 946_684_800_000;
const NULL_LENGTH = -1;

/** Writes the header; returns the offset of the first element. */
function header(buf: Buffer, count: number, oid: number, hasNulls: boolean): number {
  buf.writeInt32BE(count === 0 ? 0 : 1, 0);
  buf.writeInt32BE(hasNulls ? 1 : 0, 4);
  buf.writeInt32BE(oid, 8);
  if (count === 0) return 12;
  buf.writeInt32BE(count, 12);
  buf.writeInt32BE(1, 16); // lower bound
  return 20;
}

const isNull = (v: unknown): v is null | undefined => v === null || v === undefined;

/** Hexadecimal digit values by character code (-1: not a digit). */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) HEX[97 + i] = HEX[65 + i] = 10 + i;
/** Where each of a UUID's 16 bytes starts in its 8-4-4-4-12 text. */
const UUID_BYTE_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

function hexDigit(v: string, i: number): number {
  const c = v.charCodeAt(i);
  const d = c < 128 ? HEX[c] : -1;
  if (d < 0) throw new Error(`UUID invalide : ${v}`);
  return d;
}

/** A uuid[] of UUIDs in their 8-4-4-4-12 text form (as randomUUID() gives them), or nulls. */
export function uuidArray(values: readonly (string | null | undefined)[]): Buffer {
  const buf = Buffer.allocUnsafe(20 + values.length * 20);
  let at = header(buf, values.length, OID.uuid, values.some(isNull));
  for (const v of values) {
    if (isNull(v)) {
      buf.writeInt32BE(NULL_LENGTH, at);
      at += 4;
      continue;
    }
    if (v.length !== 36 || v[8] !== "-" || v[13] !== "-" || v[18] !== "-" || v[23] !== "-") throw new Error(`UUID invalide : ${v}`);
    buf.writeInt32BE(16, at);
    at += 4;
    for (const i of UUID_BYTE_AT) buf[at++] = (hexDigit(v, i) << 4) | hexDigit(v, i + 1);
  }
  return buf.subarray(0, at);
}

/** A timestamptz[] of instants (millisecond precision: PostgreSQL's microseconds are whole). */
export function timestamptzArray(values: readonly Date[]): Buffer {
  const buf = Buffer.allocUnsafe(20 + values.length * 12);
  let at = header(buf, values.length, OID.timestamptz, false);
  for (const d of values) {
    const micros = (d.getTime() - PG_EPOCH_MS) * 1000;
    if (!Number.isSafeInteger(micros)) throw new Error(`horodatage invalide : ${d.getTime()}`);
    buf.writeInt32BE(8, at);
    // Two 32-bit halves (no BigInt): exact for every safe integer.
    const hi = Math.floor(micros / 0x1_0000_0000);
    buf.writeInt32BE(hi, at + 4);
    buf.writeUInt32BE(micros - hi * 0x1_0000_0000, at + 8);
    at += 12;
  }
  return buf.subarray(0, at);
}

/** A text[] whose elements may be null (UTF-8; the caller's strings hold no NUL). */
export function textArray(values: readonly (string | null | undefined)[]): Buffer {
  // At most 3 bytes of UTF-8 per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
  let bound = 20;
  for (const v of values) bound += 4 + (isNull(v) ? 0 : v.length * 3);
  const buf = Buffer.allocUnsafe(bound);
  let at = header(buf, values.length, OID.text, values.some(isNull));
  for (const v of values) {
    if (isNull(v)) {
      buf.writeInt32BE(NULL_LENGTH, at);
      at += 4;
      continue;
    }
    const start = at + 4;
    let end = start;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c >= 128) {
        end = start + buf.write(v, start, "utf8"); // not ASCII: the whole element by Node's encoder
        break;
      }
      buf[end++] = c;
    }
    buf.writeInt32BE(end - start, at);
    at = end;
  }
  return buf.subarray(0, at);
}

/** `count` new random UUIDs (version 4), as text and as a uuid[] in binary format. */
export function randomUuidArray(count: number): { ids: string[]; array: Buffer } {
  const random = randomBytes(count * 16);
  const array = Buffer.allocUnsafe(20 + count * 20);
  let at = header(array, count, OID.uuid, false);
  for (let k = 0; k < count; k++) {
    random[k * 16 + 6] = (random[k * 16 + 6] & 0x0f) | 0x40; // version 4
    random[k * 16 + 8] = (random[k * 16 + 8] & 0x3f) | 0x80; // RFC 4122 variant
    array.writeInt32BE(16, at);
    at += 4;
    for (let b = 0; b < 16; b++) array[at++] = random[k * 16 + b];
  }
  const hex = random.toString("hex");
  const ids = Array.from({ length: count }, (_, k) => {
    const h = hex.slice(k * 32, k * 32 + 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  });
  return { ids, array: array.subarray(0, at) };
}
