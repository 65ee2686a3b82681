// Rows in PostgreSQL's binary COPY format (COPY … FROM STDIN WITH (FORMAT binary)): the bulk
// write of the data API (lib/channels/advenir/write-records.ts). Binary rather than text: nothing to
// escape on our side, nothing to parse on the server's (numbers, timestamps, UUIDs and arrays
// travel as their internal representation).
// Format: https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** Seconds from 1970-01-01 to 2000-01-01, PostgreSQL's timestamp epoch. */
const PG_EPOCH_S = 946_684_800;
const OID = { int4: 23, int8: 20, text: 25 } as const;

export class BinaryCopyWriter {
  private buf: Buffer;
  private pos = 0;
  private readonly sizeHint: number;

  constructor(sizeHint = 64 * 1024) {
    this.sizeHint = Math.max(1024, sizeHint);
    this.buf = Buffer.allocUnsafe(this.sizeHint);
    SIGNATURE.copy(this.buf, 0);
    this.pos = SIGNATURE.length;
    this.buf.writeInt32BE(0, this.pos); // flags
    this.buf.writeInt32BE(0, this.pos + 4); // header extension length
    this.pos += 8;
  }

  private room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + bytes) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  private i32(v: number): void {
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
  }

  /** A safe integer as a big-endian 64-bit two's complement, without going through BigInt. */
  private i64(v: number): void {
    const hi = Math.floor(v / 0x1_0000_0000);
    this.buf.writeInt32BE(hi, this.pos);
    this.buf.writeUInt32BE(v - hi * 0x1_0000_0000, this.pos + 4);
    this.pos += 8;
  }

  /** Bytes already in COPY form (a prefix shared by every row, a cached field). */
  raw(bytes: Buffer): this {
    this.room(bytes.length);
    bytes.copy(this.buf, this.pos);
    this.pos += bytes.length;
    return this;
  }

  row(fields: number): this {
    this.room(2);
    this.buf.writeInt16BE(fields, this.pos);
    this.pos += 2;
    return this;
  }

  null(): this {
    this.room(4);
    this.i32(-1);
    return this;
  }

  int4(v: number): this {
    this.room(8);
    this.i32(4);
    this.i32(v);
    return this;
  }

  int8(v: number): this {
    this.room(12);
    this.i32(8);
    this.i64(v);
    return this;
  }

  /** A timestamptz from whole UNIX seconds. */
  timestamptz(unixSeconds: number): this {
    return this.int8((unixSeconds - PG_EPOCH_S) * 1_000_000);
  }

  /** 16 bytes, as prepared by uuidBytes(). */
  uuid(bytes: Buffer): this {
    this.room(20);
    this.i32(16);
    bytes.copy(this.buf, this.pos);
    this.pos += 16;
    return this;
  }

  /** Text, and enum values (sent as their label). */
  text(v: string): this {
    const n = Buffer.byteLength(v);
    this.room(4 + n);
    this.i32(n);
    this.pos += this.buf.write(v, this.pos);
    return this;
  }

  private arrayHeader(count: number, oid: number, elementBytes: number): void {
    const size = count === 0 ? 12 : 20 + elementBytes;
    this.room(4 + size);
    this.i32(size);
    this.i32(count === 0 ? 0 : 1); // dimensions
    this.i32(0); // no nulls
    this.i32(oid);
    if (count > 0) {
      this.i32(count);
      this.i32(1); // lower bound
    }
  }

  int4Array(values: number[]): this {
    this.arrayHeader(values.length, OID.int4, values.length * 8);
    for (const v of values) {
      this.i32(4);
      this.i32(v);
    }
    return this;
  }

  int8Array(values: number[]): this {
    this.arrayHeader(values.length, OID.int8, values.length * 12);
    for (const v of values) {
      this.i32(8);
      this.i64(v);
    }
    return this;
  }

  textArray(values: readonly string[]): this {
    const bytes = values.map((v) => Buffer.byteLength(v));
    this.arrayHeader(
      values.length,
      OID.text,
      bytes.reduce((a, n) => a + 4 + n, 0),
    );
    values.forEach((v, i) => {
      this.i32(bytes[i]);
      this.pos += this.buf.write(v, this.pos);
    });
    return this;
  }

  /** Bytes written since the last take() (the header included, on the first). */
  get length(): number {
    return this.pos;
  }

  /**
   * The bytes written since the last take(), to be sent while the next rows are encoded: the
   * writer goes on in a buffer of its own (the one returned is never written again). finish()
   * then gives the rest, trailer included.
   */
  take(): Buffer {
    const taken = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.sizeHint);
    this.pos = 0;
    return taken;
  }

  /** The data with its trailer, ready for COPY (after take(): the rest only). */
  finish(): Buffer {
    this.room(2);
    this.buf.writeInt16BE(-1, this.pos);
    this.pos += 2;
    return this.buf.subarray(0, this.pos);
  }
}

/** Fields encoded once, for copying into many rows with raw(). */
export function encodedFields(fill: (w: BinaryCopyWriter) => void): Buffer {
  const w = new BinaryCopyWriter(1024);
  const start = SIGNATURE.length + 8;
  fill(w);
  return Buffer.from(w.finish().subarray(start, -2));
}

export function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ""), "hex");
}
