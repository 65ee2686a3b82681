// Natural batching (ADR 0021): items arriving together are handled by one call of `write`. An item
// finding fewer than `maxInFlight` writes running goes at once, alone; the others wait for the next
// free slot and go together, up to `maxBatch`. Nothing waits on a timer, so a lone item is never
// delayed; under load one statement and one commit serve many items.
//
// Each item keeps its own outcome: `write` answers one result per item, or ALONE for an item the
// batch could not settle, which `alone` then handles by itself; when `write` throws, every item of
// the batch is handled alone (one item's failure never costs the others). With `distinctBy`, a
// batch holds at most one item per key: a second item of a key waits for a later batch, so the
// items of one key are written in their arrival order.

export const ALONE = Symbol("alone");

export interface NaturalBatchesOptions<T, R> {
  maxInFlight: number;
  maxBatch: number;
  write(batch: T[]): Promise<(R | typeof ALONE)[]>;
  alone(item: T): Promise<R>;
  distinctBy?: (item: T) => string | readonly string[];
}

interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

interface Lane<T, R> {
  pending: Pending<T, R>[];
  inFlight: number;
}

/** A batcher with one queue per lane (items of different lanes never share a write). */
export function naturalBatches<T, R>(options: NaturalBatchesOptions<T, R>): (lane: string, item: T) => Promise<R> {
  const lanes = new Map<string, Lane<T, R>>();

  function take(lane: Lane<T, R>): Pending<T, R>[] {
    if (!options.distinctBy) return lane.pending.splice(0, options.maxBatch);
    const batch: Pending<T, R>[] = [];
    const rest: Pending<T, R>[] = [];
    const keys = new Set<string>();
    for (const p of lane.pending) {
      const own = options.distinctBy(p.item);
      const itemKeys = typeof own === "string" ? [own] : own;
      // Keys of items left waiting count too: a later item never overtakes an earlier one of its key.
      if (batch.length < options.maxBatch && !itemKeys.some((k) => keys.has(k))) batch.push(p);
      else rest.push(p);
      for (const k of itemKeys) keys.add(k);
    }
    lane.pending = rest;
    return batch;
  }

  async function alone(p: Pending<T, R>): Promise<void> {
    try {
      p.resolve(await options.alone(p.item));
    } catch (e) {
      p.reject(e);
    }
  }

  async function run(batch: Pending<T, R>[]): Promise<void> {
    if (batch.length === 1) return alone(batch[0]);
    let results: (R | typeof ALONE)[];
    try {
      results = await options.write(batch.map((p) => p.item));
    } catch {
      await Promise.all(batch.map(alone));
      return;
    }
    await Promise.all(batch.map((p, i) => (results[i] === ALONE ? alone(p) : p.resolve(results[i] as R))));
  }

  function pump(lane: Lane<T, R>): void {
    while (lane.inFlight < options.maxInFlight && lane.pending.length > 0) {
      const batch = take(lane);
      lane.inFlight++;
      void run(batch).finally(() => {
        lane.inFlight--;
        pump(lane);
      });
    }
  }

  return (key, item) => {
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { pending: [], inFlight: 0 }));
    const current = lane;
    return new Promise<R>((resolve, reject) => {
      current.pending.push({ item, resolve, reject });
      pump(current);
    });
  };
}
