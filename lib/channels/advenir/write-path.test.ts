import { describe, expect, it } from "vitest";
import { db, rawSql } from "@/lib/platform/db/database";
import type { SqlExecutor } from "@/lib/platform/db/migrate";
import { ingestBody } from "@/lib/channels/advenir/ingest-body";
import { BULK_MIN_ROWS } from "@/lib/channels/advenir/write-records";
import { glitchedCurve, makeTenant, operation, curve, type Tenant } from "@/tests/support/advenir/ingest";

// The write decides by the keys present: a re-send never goes through a failed statement (a
// unique violation would put an ERROR naming the station and transaction into PostgreSQL's log,
// individual data the purge never reaches). Checked from the executor: no query rejected.

function watched(inner: SqlExecutor): { sql: SqlExecutor; failures: unknown[]; copyChunks: number[] } {
  const failures: unknown[] = [];
  /** Chunks sent by each COPY, in order. */
  const copyChunks: number[] = [];
  function* counted(chunks: Iterable<Buffer>) {
    const at = copyChunks.push(0) - 1;
    for (const chunk of chunks) {
      copyChunks[at]++;
      yield chunk;
    }
  }
  const query: SqlExecutor["query"] = <T>(text: string, params?: unknown[], options?: { name?: string }) =>
    inner.query<T>(text, params, options).catch((e: unknown) => {
      failures.push(e);
      throw e;
    });
  const sql: SqlExecutor = {
    exec: (text) => inner.exec(text),
    query,
    transaction: inner.transaction
      ? (fn) =>
          inner.transaction!((tx) =>
            fn({
              query: <T>(text: string, params?: unknown[], options?: { name?: string }) =>
                tx.query<T>(text, params, options).catch((e: unknown) => {
                  failures.push(e);
                  throw e;
                }),
              copyFrom: (text, data) =>
                tx.copyFrom(text, counted(data)).catch((e: unknown) => {
                  failures.push(e);
                  throw e;
                }),
            }),
          )
      : undefined,
  };
  return { sql, failures, copyChunks };
}

const T0 = 1_700_000_000;

function post(t: Tenant, sql: SqlExecutor, endpoint: "operation" | "courbe", body: unknown) {
  const text = JSON.stringify(body);
  return ingestBody({
    sql,
    operatorId: t.operatorId,
    env: "production",
    endpoint,
    text,
    startedAt: performance.now(),
    submission: {
      env: "production",
      operatorId: t.operatorId,
      credentialId: t.credentialId,
      endpoint: `/api/${endpoint}/put`,
      method: "POST",
      ipAddress: "192.0.2.1",
      receivedAt: new Date(),
      sizeBytes: text.length,
      rawBody: null,
    },
  });
}

/** `n` operations on R320, the i-th one `shift`ed seconds later when `changed(i)`. */
function operations(n: number, changed: (i: number) => boolean = () => false, shift = 60) {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`TX-${i}`, operation(T0 + i * 7200, 3600 + (changed(i) ? shift : 0))]));
}

describe("the write path decides by the keys present", () => {
  it("a small re-send, unchanged or partly changed, rejects no statement and counts right", async () => {
    const t = await makeTenant();
    const { sql, failures } = watched(await rawSql());
    const first = { [t.operatorId]: { R320: operations(5), "1234": { C1: curve(T0), C2: curve(T0 + 86_400) } } };
    expect(await post(t, sql, "operation", { [t.operatorId]: { R320: operations(5) } })).toMatchObject({ recus: 5, enregistres: 5, inchanges: 0 });
    expect(await post(t, sql, "courbe", { [t.operatorId]: { "1234": first[t.operatorId]["1234"] } })).toMatchObject({ recus: 2, enregistres: 2, inchanges: 0 });
    expect(await post(t, sql, "operation", { [t.operatorId]: { R320: operations(5) } })).toMatchObject({ recus: 5, enregistres: 0, inchanges: 5 });
    // 2 changed, 3 unchanged, 2 new.
    expect(await post(t, sql, "operation", { [t.operatorId]: { R320: operations(7, (i) => i === 1 || i === 3) } })).toMatchObject({
      recus: 7,
      enregistres: 4,
      inchanges: 3,
    });
    expect(await post(t, sql, "courbe", { [t.operatorId]: { "1234": { C1: curve(T0), C2: curve(T0 + 86_400, 5) } } })).toMatchObject({
      recus: 2,
      enregistres: 1,
      inchanges: 1,
    });
    expect(failures).toEqual([]);
    const stored = await (await db()).chargeOperation.findMany({ where: { operatorId: t.operatorId }, orderBy: { startAt: "asc" }, select: { stopAt: true } });
    expect(stored.map((o, i) => o.stopAt.getTime() / 1000 - (T0 + i * 7200))).toEqual([3600, 3660, 3600, 3660, 3600, 3600, 3600]);
  });

  it("a body sent to the database in many COPY chunks is stored whole, new rows alone or among stored ones", async () => {
    const t = await makeTenant();
    const { sql, failures, copyChunks } = watched(await rawSql());
    if (!sql.transaction) return; // PGlite: one statement, no COPY
    const n = 6000;
    // One session every half hour, lasting 20 minutes (30 minutes when `changed`).
    const ops = (from: number, to: number, changed: (i: number) => boolean = () => false) =>
      Object.fromEntries(Array.from({ length: to - from }, (_, k) => from + k).map((i) => [`TX-${i}`, operation(T0 + i * 1800, changed(i) ? 1800 : 1200)]));
    expect(await post(t, sql, "operation", { [t.operatorId]: { R320: ops(0, n) } })).toMatchObject({ recus: n, enregistres: n });
    // The second half again, every seventh changed, with as many new ones: the COPY of the new rows only.
    const changed = (i: number) => i < n && i % 7 === 0;
    const changedCount = Array.from({ length: n / 2 }, (_, k) => k + n / 2).filter(changed).length;
    expect(await post(t, sql, "operation", { [t.operatorId]: { R320: ops(n / 2, n + n / 2, changed) } })).toMatchObject({
      recus: n,
      enregistres: n / 2 + changedCount,
      inchanges: n / 2 - changedCount,
    });
    expect(failures).toEqual([]);
    // Each COPY went in several chunks (about 256 KiB each).
    expect(copyChunks).toHaveLength(2);
    expect(copyChunks[0]).toBeGreaterThanOrEqual(3);
    expect(copyChunks[1]).toBeGreaterThanOrEqual(2);
    const rows = await (await db()).chargeOperation.findMany({ where: { operatorId: t.operatorId }, select: { transactionId: true, stopAt: true } });
    const stored = new Map(rows.map((r) => [r.transactionId, r.stopAt.getTime() / 1000]));
    const expected = new Map(Array.from({ length: n + n / 2 }, (_, i) => [`TX-${i}`, T0 + i * 1800 + (i >= n / 2 && changed(i) ? 1800 : 1200)]));
    expect(stored).toEqual(expected);
  });

  it(`a large body (${BULK_MIN_ROWS}+ rows) of new, changed and unchanged rows is stored exactly, with no statement rejected`, async () => {
    const t = await makeTenant();
    const { sql, failures } = watched(await rawSql());
    const n = BULK_MIN_ROWS + 500;
    // Half of it first, then all of it with every tenth of the first half changed.
    expect(await post(t, sql, "operation", { [t.operatorId]: { R320: operations(n / 2) } })).toMatchObject({ recus: n / 2, enregistres: n / 2 });
    const changed = (i: number) => i < n / 2 && i % 10 === 0;
    const expectedChanged = Array.from({ length: n / 2 }, (_, i) => i).filter(changed).length;
    const second = await post(t, sql, "operation", { [t.operatorId]: { R320: operations(n, changed) } });
    expect(second).toMatchObject({ recus: n, enregistres: n / 2 + expectedChanged, inchanges: n / 2 - expectedChanged });
    // Its journal row says the same (written last, with the counts of the COPY and the upsert).
    expect(
      await (await db()).submission.findUniqueOrThrow({ where: { id: second.submissionId }, select: { received: true, stored: true, unchanged: true } }),
    ).toEqual({
      received: n,
      stored: n / 2 + expectedChanged,
      unchanged: n / 2 - expectedChanged,
    });
    // The same large body again: all unchanged.
    expect(await post(t, sql, "operation", { [t.operatorId]: { R320: operations(n, changed) } })).toMatchObject({ recus: n, enregistres: 0, inchanges: n });
    // Curves through the same path: new ones and a changed one.
    const curves = Object.fromEntries(Array.from({ length: BULK_MIN_ROWS }, (_, i) => [`C-${i}`, curve(T0 + i * 7200, 3 + (i % 3))]));
    expect(await post(t, sql, "courbe", { [t.operatorId]: { "1234": curves } })).toMatchObject({ enregistres: BULK_MIN_ROWS });
    expect(await post(t, sql, "courbe", { [t.operatorId]: { "1234": { ...curves, "C-7": curve(T0 + 7 * 7200, 9) } } })).toMatchObject({
      enregistres: 1,
      inchanges: BULK_MIN_ROWS - 1,
    });
    // Flagged rows through the COPY: an operation above 1,000 kWh, a curve whose index decreases (energy unknown).
    const flagged = await post(t, sql, "courbe", {
      [t.operatorId]: {
        "1234": { ...curves, "C-7": curve(T0 + 7 * 7200, 9), "C-glitch": glitchedCurve(T0 - 86_400, 1).points },
        R320: Object.fromEntries(
          Array.from({ length: BULK_MIN_ROWS }, (_, i) => [`BIG-${i}`, operation(T0 - 900_000 + i * 7200, 3600, i === 0 ? 1_500_000 : 5000)]),
        ),
      },
    });
    expect(flagged).toMatchObject({ enregistres: BULK_MIN_ROWS + 1 });
    expect(failures).toEqual([]);

    const prisma = await db();
    const glitch = await prisma.loadCurve.findFirstOrThrow({ where: { operatorId: t.operatorId, transactionId: "C-glitch" } });
    expect(glitch.qualityFlags).toContain("index_decroissant");
    const big = await prisma.chargeOperation.findFirstOrThrow({ where: { operatorId: t.operatorId, transactionId: "BIG-0" } });
    expect(big.qualityFlags.length).toBeGreaterThan(0);
    await prisma.chargeOperation.deleteMany({ where: { operatorId: t.operatorId, transactionId: { startsWith: "BIG-" } } });
    const ops = await prisma.chargeOperation.findMany({
      where: { operatorId: t.operatorId },
      select: { transactionId: true, startAt: true, stopAt: true, startWh: true, stopWh: true, qualityFlags: true },
    });
    expect(ops).toHaveLength(n);
    for (const o of ops) {
      const i = Number(o.transactionId.slice(3));
      expect([o.startAt.getTime() / 1000, o.stopAt.getTime() / 1000, Number(o.startWh), Number(o.stopWh), o.qualityFlags]).toEqual([
        T0 + i * 7200,
        T0 + i * 7200 + 3600 + (changed(i) ? 60 : 0),
        1000,
        6000,
        [],
      ]);
    }
    const c7 = await prisma.loadCurve.findFirstOrThrow({ where: { operatorId: t.operatorId, transactionId: "C-7" } });
    expect([c7.pointCount, c7.offsetsS.at(-1), Number(c7.energyWh), c7.valuesWh.map(Number).at(-1)]).toEqual([9, 8 * 600, 8000, 18_000]);
    const c5 = await prisma.loadCurve.findFirstOrThrow({ where: { operatorId: t.operatorId, transactionId: "C-4" } });
    expect([
      c5.startAt.getTime() / 1000,
      c5.stopAt.getTime() / 1000,
      c5.pointCount,
      c5.offsetsS,
      c5.valuesWh.map(Number),
      Number(c5.energyWh),
      c5.qualityFlags,
    ]).toEqual([T0 + 4 * 7200, T0 + 4 * 7200 + 1800, 4, [0, 600, 1200, 1800], [10_000, 11_000, 12_000, 13_000], 3000, []]);
    const submissions = await prisma.submission.findMany({
      where: { operatorId: t.operatorId },
      orderBy: { id: "asc" },
      select: { stored: true, unchanged: true, received: true },
    });
    expect(submissions.map((s) => s.stored)).toEqual([n / 2, n / 2 + expectedChanged, 0, BULK_MIN_ROWS, 1, BULK_MIN_ROWS + 1]);
    // Every stored row points at the submission that last wrote it.
    const orphans = await prisma.chargeOperation.count({ where: { operatorId: t.operatorId, submissionId: null } });
    expect(orphans).toBe(0);
  });
});
