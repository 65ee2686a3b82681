import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { BULK_MIN_ROWS } from "@/lib/channels/advenir/write-records";
import { call, makeTenant, operation } from "@/tests/support/advenir/ingest";

// 32 clients re-sending overlapping transactions at once: every call answered 200 (no deadlock
// or serialization failure surfaced as a 500/503), one row per transaction, and each row holds
// the last write of its transaction. "Last" is checked in real time, which is what a client can
// know: each write (client c, round r) gives its transactions a value of its own; the write a
// row holds must be one that was acknowledged, and no other write of that transaction may have
// been SENT after it was ACKNOWLEDGED (that one would have committed later, and won).
// Two writers also carry BULK_MIN_ROWS transactions of their own once, so that the bulk path
// (probe + COPY) runs among the concurrent upserts.

const T0 = 1_700_000_000;
const CLIENTS = 32;
const ROUNDS = 4;
const TRANSACTIONS = 24;
const STATIONS = ["R320", "1234", "R560"];

interface Write {
  client: number;
  round: number;
  transactions: string[];
  sentAt: number;
  ackedAt: number;
}

/** Duration and energy both encode the write (client, round): the whole row must come from one write. */
const valueOf = (client: number, round: number, tx: number) => operation(T0 + tx * 86_400, 3600 + client * 10 + round, 1000 + client * 100 + round);

function chosen(client: number, round: number): number[] {
  // A different half of the transactions for each write, overlapping the others'.
  return Array.from({ length: TRANSACTIONS }, (_, i) => i).filter((i) => (i * 7 + client * 3 + round * 5) % 24 < 12);
}

describe("concurrent re-senders", () => {
  it(`${CLIENTS} clients × ${ROUNDS} rounds on overlapping transactions: all 200, no duplicate, the last write wins`, async () => {
    const t = await makeTenant({ stations: STATIONS });
    const writes: Write[] = [];
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let round = 0; round < ROUNDS; round++) {
          const byStation: Record<string, Record<string, unknown>> = {};
          const ids = chosen(client, round);
          for (const i of ids) (byStation[STATIONS[i % 3]] ??= {})[`tx-${i}`] = valueOf(client, round, i);
          if (round === 1 && client < 2) for (let k = 0; k < BULK_MIN_ROWS; k++) byStation.R560[`own-${client}-${k}`] = operation(T0 + 30 * 86_400 + k * 7200);
          const sentAt = performance.now();
          const r = await call("operation", { [t.operatorId]: byStation }, { auth: t.auth, method: "PUT" });
          statuses.push(r.status);
          if (r.status === 200) writes.push({ client, round, transactions: ids.map((i) => `tx-${i}`), sentAt, ackedAt: performance.now() });
        }
      }),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const prisma = await db();
    const rows = await prisma.chargeOperation.findMany({
      where: { operatorId: t.operatorId, transactionId: { startsWith: "tx-" } },
      select: { transactionId: true, startAt: true, stopAt: true, startWh: true, stopWh: true },
    });
    expect(rows).toHaveLength(TRANSACTIONS);
    expect(await prisma.chargeOperation.count({ where: { operatorId: t.operatorId, transactionId: { startsWith: "own-" } } })).toBe(2 * BULK_MIN_ROWS);
    for (const row of rows) {
      const code = (row.stopAt.getTime() - row.startAt.getTime()) / 1000 - 3600;
      const [client, round] = [Math.floor(code / 10), code % 10];
      expect(Number(row.stopWh - row.startWh) - 1000, `${row.transactionId}: duration and energy from one write`).toBe(client * 100 + round);
      const holder = writes.find((w) => w.client === client && w.round === round && w.transactions.includes(row.transactionId));
      expect(holder, `${row.transactionId}: written by an acknowledged write`).toBeDefined();
      const later = writes.filter((w) => w !== holder && w.transactions.includes(row.transactionId) && w.sentAt > holder!.ackedAt);
      expect(
        later.map((w) => `${w.client}/${w.round}`),
        `${row.transactionId}: no write sent after the holder was acknowledged`,
      ).toEqual([]);
    }
    expect(await prisma.submission.count({ where: { operatorId: t.operatorId, httpStatus: 200 } })).toBe(CLIENTS * ROUNDS);
  }, 240_000); // 128 calls, two of them bulk: minutes on PGlite on a busy machine
});
