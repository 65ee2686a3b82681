import { describe, expect, it } from "vitest";
import { ALONE, naturalBatches } from "@/lib/platform/batching/natural-batches";

// The batcher's promises: a lone item goes at once, alone; items arriving while writes run go
// together; each item gets its own result; ALONE and a failed write fall back to one item at a
// time; with distinctBy, one item per key in a batch, in arrival order.

function recorder(
  options: {
    maxInFlight?: number;
    distinct?: boolean;
    keys?: (n: number) => string[];
    failWrite?: boolean;
    aloneFor?: (n: number) => boolean;
  } = {},
) {
  const writes: number[][] = [];
  const alones: number[] = [];
  /** Every item in the order it was handed to `write` or `alone`. */
  const order: number[] = [];
  const submit = naturalBatches<number, string>({
    maxInFlight: options.maxInFlight ?? 1,
    maxBatch: 3,
    distinctBy: options.keys ?? (options.distinct ? (n) => String(n % 10) : undefined),
    write: async (batch) => {
      writes.push(batch);
      order.push(...batch);
      await new Promise((r) => setTimeout(r, 5));
      if (options.failWrite) throw new Error("statement failed");
      return batch.map((n) => (options.aloneFor?.(n) ? ALONE : `batch:${n}`));
    },
    alone: async (n) => {
      alones.push(n);
      order.push(n);
      await new Promise((r) => setTimeout(r, 5));
      return `alone:${n}`;
    },
  });
  return { submit, writes, alones, order };
}

describe("natural batches", () => {
  it("writes a lone item alone at once, then the items that arrived meanwhile together, up to the batch size", async () => {
    const r = recorder();
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => r.submit("lane", n)));
    expect(r.alones).toEqual([1]);
    expect(r.writes).toEqual([
      [2, 3, 4],
      [5, 6],
    ]);
    expect(results).toEqual(["alone:1", "batch:2", "batch:3", "batch:4", "batch:5", "batch:6"]);
  });

  it("hands an item the batch leaves (ALONE) and every item of a failed write to `alone`", async () => {
    const left = recorder({ aloneFor: (n) => n === 3 });
    expect(await Promise.all([1, 2, 3, 4].map((n) => left.submit("lane", n)))).toEqual(["alone:1", "batch:2", "alone:3", "batch:4"]);
    const failed = recorder({ failWrite: true });
    expect(await Promise.all([1, 2, 3].map((n) => failed.submit("lane", n)))).toEqual(["alone:1", "alone:2", "alone:3"]);
    expect(failed.writes).toEqual([[2, 3]]);
  });

  it("keeps one item per key in a batch, the others for later batches in their order, and never mixes lanes", async () => {
    const r = recorder({ distinct: true });
    await Promise.all([1, 11, 21, 2, 12].map((n) => r.submit("lane", n)).concat([r.submit("other", 3)]));
    expect(r.writes.every((b) => new Set(b.map((n) => n % 10)).size === b.length)).toBe(true);
    expect(r.order.filter((n) => n % 10 === 1)).toEqual([1, 11, 21]);
    expect(r.writes).toEqual([
      [11, 2],
      [21, 12],
    ]);
    expect(r.writes.flat().filter((n) => n === 3)).toEqual([]);
    expect(r.alones).toContain(3);
  });

  it("with several keys per item, takes no item sharing a key with one taken or still waiting before it", async () => {
    // Items' keys: their digits. 12 shares 2 with 2 (taken), 13 shares 1 with 12 (waiting): both wait; 4 goes.
    const r = recorder({ keys: (n) => [...String(n)] });
    await Promise.all([9, 2, 12, 13, 4].map((n) => r.submit("lane", n)));
    expect(r.writes).toEqual([[2, 4]]);
    expect(r.order).toEqual([9, 2, 4, 12, 13]); // a batch of one is written alone
    expect(r.alones).toEqual([9, 12, 13]);
  });
});
