import { describe, expect, it } from "vitest";
import { BinaryCopyWriter } from "@/lib/platform/db/binary-copy";

// The bulk write sends its COPY data in pieces taken from the writer as it goes (take()), the
// last one from finish(): put end to end, they must be the very bytes of one piece.

function writeRows(w: BinaryCopyWriter, from: number, to: number, taken: Buffer[] | null) {
  for (let i = from; i < to; i++) {
    w.row(4)
      .int8(i * 1_000_003)
      .text(`TX-${i}-é`)
      .timestamptz(1_700_000_000 + i)
      .textArray(i % 3 === 0 ? ["index_decroissant"] : []);
    if (taken && w.length >= 300) taken.push(w.take());
  }
}

describe("binary COPY writer", () => {
  it("gives, piece by piece, the same bytes as in one piece, header first and trailer last", () => {
    const whole = new BinaryCopyWriter(64);
    writeRows(whole, 0, 200, null);
    const expected = Buffer.from(whole.finish());

    const pieces: Buffer[] = [];
    const chunked = new BinaryCopyWriter(64);
    writeRows(chunked, 0, 200, pieces);
    pieces.push(chunked.finish());

    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces[0].subarray(0, 11).toString("latin1")).toBe("PGCOPY\n\xff\r\n\0");
    expect(pieces.slice(1).every((p) => !p.subarray(0, 6).equals(Buffer.from("PGCOPY")))).toBe(true);
    expect(Buffer.concat(pieces).equals(expected)).toBe(true);
    expect(pieces.at(-1)!.subarray(-2).readInt16BE(0)).toBe(-1);
  });

  it("never writes again into a piece already taken", () => {
    const w = new BinaryCopyWriter(64);
    writeRows(w, 0, 5, null);
    const first = w.take();
    const copy = Buffer.from(first);
    writeRows(w, 5, 50, null);
    w.finish();
    expect(first.equals(copy)).toBe(true);
    expect(w.length).toBeGreaterThan(0);
  });
});
