import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { db, rawSql } from "@/lib/platform/db/database";
import type { SqlExecutor } from "@/lib/platform/db/migrate";
import { writeRecords, type WriteInput, type WriteResult } from "@/lib/channels/advenir/write-records";
import { rawBodyForStorage } from "@/lib/channels/advenir/record-submission";
import { makeTenant, type Tenant } from "@/tests/support/advenir/ingest";

// Small bodies of concurrent calls are written together (write-batch.ts): fewer statements than
// calls, yet each call keeps its own gate, submission row, counts and rows, and a batch's failure
// costs no call. Calls are dispatched in one tick: the first ones are written alone (the lane's
// free slots), those arriving meanwhile wait and go together.

const T0 = 1_700_000_000;

/** The executor, counting the write statements by name, and the statements the database rejected. */
function counted(inner: SqlExecutor): { sql: SqlExecutor; names: string[]; failures: unknown[] } {
  const names: string[] = [];
  const failures: unknown[] = [];
  const sql: SqlExecutor = {
    exec: (text) => inner.exec(text),
    query: <T>(text: string, params?: unknown[], options?: { name?: string }) => {
      if (options?.name?.startsWith("advenir_write")) names.push(options.name);
      return inner.query<T>(text, params, options).catch((e: unknown) => {
        failures.push(e);
        throw e;
      });
    },
    transaction: inner.transaction?.bind(inner),
  };
  return { sql, names, failures };
}

/** A call writing `n` operations on R320 (its transactions `TX-<call>-<k>`), as ingest-body.ts would. */
function callInput(
  t: Tenant,
  call: number,
  options: { n?: number; powerKw?: number; rawBody?: WriteInput["submission"]["rawBody"]; credentialId?: string } = {},
): WriteInput {
  const stationId = t.stations.R320;
  return {
    env: "production",
    operatorId: t.operatorId,
    operations: Array.from({ length: options.n ?? 3 }, (_, k) => ({
      stationId,
      transactionId: `TX-${call}-${k}`,
      startS: T0 + call * 10_000 + k * 1000,
      stopS: T0 + call * 10_000 + k * 1000 + 600,
      startWh: 0,
      stopWh: 1000 + call,
      flags: [],
    })),
    curves: [],
    submission: {
      env: "production",
      operatorId: t.operatorId,
      credentialId: options.credentialId ?? t.credentialId,
      endpoint: "/api/operation/put",
      method: "POST",
      ipAddress: `192.0.2.${call}`,
      receivedAt: new Date(),
      durationMs: call,
      sizeBytes: 100 + call,
      warnings: call % 2 === 0 ? [{ chemin: `$.x.R320.TX-${call}-0`, message: "énergie élevée" }] : [],
      rawBody: options.rawBody ?? null,
    },
    checks: { stations: new Map([[stationId, { code: "R320", powerKw: options.powerKw ?? 22 }]]), remembered: null },
  };
}

describe("small bodies of concurrent calls written together", () => {
  it("take fewer statements than calls, each call with its own submission row, counts and rows", async () => {
    const t = await makeTenant();
    const { sql, names } = counted(await rawSql());
    const raw = (call: number) => rawBodyForStorage({ raw: Buffer.from(`{"call":${call}}`), gzipped: false });
    const calls = Array.from({ length: 12 }, (_, i) => callInput(t, i + 1, { n: 1 + (i % 3), rawBody: i % 4 === 0 ? null : raw(i + 1) }));
    const results = await Promise.all(calls.map((c) => writeRecords(sql, c)));

    expect(names.filter((n) => n === "advenir_write_batch_ops").length).toBeGreaterThan(0);
    expect(names.length).toBeLessThan(12);
    const ok = results.map((r) => (r.refused === false ? r : null));
    expect(ok.every((r) => r !== null)).toBe(true);
    expect(ok.map((r) => r!.stored)).toEqual(calls.map((c) => c.operations.length));
    expect(new Set(ok.map((r) => r!.submissionId)).size).toBe(12);

    const prisma = await db();
    const submissions = await prisma.submission.findMany({ where: { operatorId: t.operatorId }, orderBy: { id: "asc" } });
    expect(submissions).toHaveLength(12);
    for (const [i, r] of ok.entries()) {
      const s = submissions.find((x) => x.id === r!.submissionId)!;
      expect({ ip: s.ipAddress, received: s.received, stored: s.stored, unchanged: s.unchanged, size: s.sizeBytes, ms: s.durationMs }).toEqual({
        ip: `192.0.2.${i + 1}`,
        received: calls[i].operations.length,
        stored: calls[i].operations.length,
        unchanged: 0,
        size: 101 + i,
        ms: i + 1,
      });
      expect(s.warnings).toEqual(calls[i].submission.warnings);
      expect(s.rawBody === null ? null : gunzipSync(s.rawBody).toString()).toBe(i % 4 === 0 ? null : `{"call":${i + 1}}`);
      const rows = await prisma.chargeOperation.findMany({ where: { submissionId: r!.submissionId }, select: { transactionId: true } });
      expect(rows.map((o) => o.transactionId).sort()).toEqual(calls[i].operations.map((o) => o.transactionId));
    }
  });

  it("re-sent together, count their unchanged rows call by call", async () => {
    const t = await makeTenant();
    const calls = Array.from({ length: 10 }, (_, i) => callInput(t, i + 1));
    const first = await rawSql();
    await Promise.all(calls.map((c) => writeRecords(first, c)));
    const { sql, names } = counted(await rawSql());
    // Calls 1–5 unchanged, 6–10 with their second operation changed.
    const again = calls.map((c, i) => (i < 5 ? c : { ...c, operations: c.operations.map((o, k) => (k === 1 ? { ...o, stopWh: o.stopWh + 5 } : o)) }));
    const results = await Promise.all(again.map((c) => writeRecords(sql, c)));
    expect(names).toContain("advenir_write_batch_ops");
    expect(results.map((r) => (r.refused === false ? r.stored : r.refused))).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it("a call the gate refuses writes nothing, not even its submission; the others of its batch are stored", async () => {
    const t = await makeTenant();
    const revoked = await (
      await db()
    ).apiCredential.create({
      data: { operatorId: t.operatorId, env: "production", username: `revoked-${t.operatorId}`, secretHash: "x", revokedAt: new Date() },
      select: { id: true },
    });
    const { sql, names } = counted(await rawSql());
    const calls = Array.from({ length: 10 }, (_, i) =>
      // Call 7 was authorized with another power (its station changed since), call 9 with a revoked credential.
      callInput(t, i + 1, { powerKw: i === 6 ? 50 : 22, credentialId: i === 8 ? revoked.id : undefined }),
    );
    const results = await Promise.all(calls.map((c) => writeRecords(sql, c)));
    expect(names).toContain("advenir_write_batch_ops");
    expect(results.map((r: WriteResult) => (r.refused === false ? r.stored : r.refused))).toEqual([3, 3, 3, 3, 3, 3, "stations", 3, "closed", 3]);
    const prisma = await db();
    expect(await prisma.submission.count({ where: { operatorId: t.operatorId } })).toBe(8);
    expect(await prisma.chargeOperation.count({ where: { operatorId: t.operatorId, transactionId: { in: ["TX-7-0", "TX-9-0"] } } })).toBe(0);
  });

  it("a batch that fails costs no call: each is written again alone, and only the failing one fails", async () => {
    const t = await makeTenant();
    const { sql, names } = counted(await rawSql());
    const broken = Promise.reject(new Error("archive du corps impossible"));
    broken.catch(() => undefined);
    const calls = Array.from({ length: 10 }, (_, i) => callInput(t, i + 1, { rawBody: i === 7 ? broken : null }));
    const settled = await Promise.allSettled(calls.map((c) => writeRecords(sql, c)));
    expect(settled.map((s) => s.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    // The batch holding call 8 never ran its statement; its calls ran alone.
    expect(names.filter((n) => n === "advenir_write_ops").length).toBeGreaterThanOrEqual(5);
    expect(await (await db()).submission.count({ where: { operatorId: t.operatorId } })).toBe(9);
  });

  it("two calls writing the same transaction never share a statement; both are stored, one after the other", async () => {
    const t = await makeTenant();
    const { sql, names, failures } = counted(await rawSql());
    const calls = Array.from({ length: 10 }, (_, i) => callInput(t, i + 1));
    // Calls 6 and 9 also write TX-shared, with different values.
    for (const [i, stopWh] of [
      [5, 111],
      [8, 222],
    ])
      calls[i].operations.push({ ...calls[i].operations[0], transactionId: "TX-shared", stopWh });
    const results = await Promise.all(calls.map((c) => writeRecords(sql, c)));
    expect(results.map((r) => (r.refused === false ? r.stored : r.refused))).toEqual([3, 3, 3, 3, 3, 4, 3, 3, 4, 3]);
    const shared = await (await db()).chargeOperation.findMany({ where: { operatorId: t.operatorId, transactionId: "TX-shared" } });
    expect(shared).toHaveLength(1);
    expect([111, 222]).toContain(Number(shared[0].stopWh));
    // Not by a failed batch written again alone: no statement was rejected (ON CONFLICT cannot touch a row twice).
    expect(names).toContain("advenir_write_batch_ops");
    expect(failures).toEqual([]);
  });

  it("a body over 64 KiB as received is written alone, however many calls run beside it", async () => {
    const t = await makeTenant();
    const { sql, names } = counted(await rawSql());
    const calls = Array.from({ length: 10 }, (_, i) => callInput(t, i + 1));
    for (const c of calls) c.submission.sizeBytes = 64 * 1024 + 1;
    const results = await Promise.all(calls.map((c) => writeRecords(sql, c)));
    expect(results.every((r) => r.refused === false && r.stored === 3)).toBe(true);
    expect(names).toEqual(Array(10).fill("advenir_write_ops"));
  });
});
