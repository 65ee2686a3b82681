import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { db } from "@/lib/platform/db/database";
import { call, makeTenant, type Tenant } from "@/tests/support/advenir/ingest";
import { queryRows, sql } from "@/lib/platform/db/sql";

// Random mutations of valid bodies never yield a 500 and never store part of a body: either
// the answer is OK and everything was stored (a re-send is then entirely unchanged), or it is
// ECHEC and the operator's data did not move.

const T0 = 1_700_000_000;
const STATIONS = ["R320", "1234", "UNSIGNED"];

const operationArb = fc
  .record({
    start: fc.integer({ min: T0, max: T0 + 10_000_000 }),
    seconds: fc.integer({ min: 1, max: 20_000 }),
    from: fc.integer({ min: 0, max: 1e9 }),
    wh: fc.integer({ min: 0, max: 200_000 }),
  })
  .map((o) => ({ StartTransaction: o.start, StopTransaction: o.start + o.seconds, StartValue: o.from, StopValue: o.from + o.wh }));

const curveArb = fc
  .record({
    start: fc.integer({ min: T0, max: T0 + 10_000_000 }),
    steps: fc.array(fc.record({ dt: fc.integer({ min: 1, max: 900 }), dwh: fc.integer({ min: 0, max: 3000 }) }), { minLength: 2, maxLength: 8 }),
  })
  .map(({ start, steps }) => {
    const points = [{ timestamp: start, value: 1000 }];
    for (const s of steps) {
      const last = points[points.length - 1];
      points.push({ timestamp: last.timestamp + s.dt, value: last.value + s.dwh });
    }
    return points;
  });

const txsArb = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.oneof(operationArb, curveArb), { minKeys: 0, maxKeys: 4 });
const bodyArb = fc.dictionary(fc.constantFrom("R320", "1234"), txsArb, { minKeys: 0, maxKeys: 2 });

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const replacement = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(-1, 1.5, 0, 1e20, T0 * 1000, 1_000_000_000, "", "R999", null, [], {}, [{ x: 1 }, { y: 2 }]),
);

const mutationArb = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("replace", "delete", "rename", "duplicate"),
  value: replacement,
  key: fc.constantFrom(...STATIONS, "NOPE", "StartTransaction", "value", "timestamp", "x"),
});

/** Every container path of a JSON value (root excluded). */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...paths((value as Record<string, Json>)[k as string], [...prefix, k])]);
}

function mutate(body: Json, m: { at: number; kind: string; value: Json; key: string }): Json {
  const all = paths(body);
  if (all.length === 0) return m.kind === "replace" ? structuredClone(m.value) : body;
  const path = all[m.at % all.length];
  let parent = body as Record<string | number, Json>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, Json>;
  const last = path[path.length - 1];
  // A copy: the arbitrary's constants are shared between runs, and a later mutation of this body
  // would otherwise change them (once, into a cycle that JSON.stringify refuses).
  if (m.kind === "replace") parent[last] = structuredClone(m.value);
  else if (m.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (m.kind === "rename" && !Array.isArray(parent)) {
    parent[m.key] = parent[last];
    delete parent[last];
  } else if (m.kind === "duplicate" && Array.isArray(parent)) parent.push(structuredClone(parent[last]));
  return body;
}

async function snapshot(operatorId: string) {
  const prisma = await db();
  const [row] = await queryRows<{ s: string }>(
    prisma,
    sql`SELECT concat_ws('|',
       (SELECT count(*) || ':' || coalesce(max(received_at)::text, '') || ':' || coalesce(sum(stop_wh - start_wh), 0) FROM charge_operation WHERE operator_id = ${operatorId}::uuid),
       (SELECT count(*) || ':' || coalesce(max(received_at)::text, '') || ':' || coalesce(sum(energy_wh), 0) FROM load_curve WHERE operator_id = ${operatorId}::uuid)) AS s`,
  );
  return row.s;
}

describe("property: mutated bodies", () => {
  it("never answer 500 and never store part of a body", async () => {
    const t: Tenant = await makeTenant({ stations: ["R320", "1234"], unsignedStations: ["UNSIGNED"] });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        bodyArb,
        fc.array(mutationArb, { maxLength: 3 }),
        fc.constantFrom("courbe", "operation"),
        fc.boolean(),
        async (stations, mutations, endpoint, truncate) => {
          run++;
          // fresh TransactionIDs for every run, so "stored" can be checked by counting
          const fresh: Record<string, Record<string, Json>> = {};
          for (const [code, txs] of Object.entries(stations))
            fresh[code] = Object.fromEntries(Object.entries(txs).map(([id, d]) => [`${run}-${id}`, d as Json]));
          let body: Json = { [t.operatorId]: fresh as Json };
          for (const m of mutations) body = mutate(body, m);
          let text = JSON.stringify(body);
          if (truncate) text = text.slice(0, Math.max(0, text.length - 1 - ((mutations.length * 7) % 5)));

          const before = await snapshot(t.operatorId);
          const res = await call(endpoint, text, { auth: t.auth });
          expect(res.status).not.toBe(500);
          expect(res.json.statut).toBe(res.status === 200 ? "OK" : "ECHEC");
          if (res.status === 200) {
            const { recus, enregistres, inchanges } = res.json as unknown as { recus: number; enregistres: number; inchanges: number };
            expect(recus).toBe(enregistres + inchanges);
            const again = await call(endpoint, text, { auth: t.auth });
            expect(again.json).toMatchObject({ statut: "OK", recus, enregistres: 0, inchanges: recus });
          } else {
            expect([400, 403, 422]).toContain(res.status);
            expect(res.json.erreurs!.length).toBeGreaterThan(0);
            expect(await snapshot(t.operatorId)).toBe(before);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
