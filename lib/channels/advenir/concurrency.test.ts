import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { call, countRows, curve, makeTenant, operation } from "@/tests/support/advenir/ingest";
import { queryRows, sql } from "@/lib/platform/db/sql";

// Concurrent posts of overlapping transactions: one row per transaction, no deadlock surfaced.

const T0 = 1_700_000_000;

function shuffled<T>(list: T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe("concurrency", () => {
  it("20 parallel posts of overlapping operations and curves leave exactly one row per transaction", async () => {
    const t = await makeTenant({ stations: ["R320", "1234", "R560"] });
    const ids = Array.from({ length: 40 }, (_, i) => `tx-${i}`);
    const stations = ["R320", "1234", "R560"];
    const bodies = Array.from({ length: 20 }, (_, k) => {
      const chosen = shuffled(ids, k + 1).slice(0, 25);
      const byStation: Record<string, Record<string, unknown>> = {};
      for (const id of chosen) {
        const n = Number(id.slice(3));
        const station = stations[n % 3];
        // half of the posts change the energy of the transactions they share: last writer wins
        byStation[station] ??= {};
        byStation[station][id] = n % 2 === 0 ? operation(T0 + n * 3600, 1800, 1000 + (k % 2) * 10) : curve(T0 + n * 3600, 4);
      }
      return { endpoint: (k % 2 === 0 ? "operation" : "courbe") as "operation" | "courbe", body: { [t.operatorId]: byStation } };
    });
    const results = await Promise.all(bodies.map((b) => call(b.endpoint, b.body, { auth: t.auth, method: "PUT" })));
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ statut: "OK", recus: 25 });
    }
    const touched = new Set(bodies.flatMap((b) => Object.values(b.body[t.operatorId]).flatMap((txs) => Object.keys(txs))));
    const expected = {
      operations: [...touched].filter((id) => Number(id.slice(3)) % 2 === 0).length,
      curves: [...touched].filter((id) => Number(id.slice(3)) % 2 === 1).length,
    };
    expect(await countRows(t.operatorId)).toEqual(expected);
    const prisma = await db();
    const duplicates = await queryRows<{ n: number }>(
      prisma,
      sql`SELECT count(*)::int AS n FROM (SELECT transaction_id FROM charge_operation WHERE operator_id = ${t.operatorId}::uuid
         GROUP BY env, station_id, transaction_id HAVING count(*) > 1) d`,
    );
    expect(duplicates[0].n).toBe(0);
    expect(await prisma.submission.count({ where: { operatorId: t.operatorId, httpStatus: 200 } })).toBe(20);
  });
});
