import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { call, curve, makeTenant, operation } from "@/tests/support/advenir/ingest";

// The writer sends each column as one PostgreSQL array literal: identifiers with the literal's
// special characters must come back exactly as sent.
const TRICKY = ['a"b', "c\\d", "e,f", "{g}", "NULL", " espace ", "é€😀", ""];

describe("writeOperations / writeCurves", () => {
  it("store TransactionIDs with quotes, backslashes, commas, braces and NULL exactly", async () => {
    const t = await makeTenant();
    const ids = TRICKY.filter((id) => id !== "");
    const ops = Object.fromEntries(ids.map((id, i) => [id, operation(1_700_000_000 + i * 7200)]));
    const curves = Object.fromEntries(ids.map((id, i) => [id, curve(1_700_000_000 + i * 7200)]));
    expect((await call("operation", { [t.operatorId]: { R320: ops } }, { auth: t.auth })).json).toMatchObject({ statut: "OK", enregistres: ids.length });
    expect((await call("courbe", { [t.operatorId]: { R320: curves } }, { auth: t.auth })).json).toMatchObject({ statut: "OK", enregistres: ids.length });
    const prisma = await db();
    const storedOps = await prisma.chargeOperation.findMany({
      where: { operatorId: t.operatorId },
      select: { transactionId: true, startWh: true, qualityFlags: true },
    });
    expect(storedOps.map((o) => o.transactionId).sort()).toEqual([...ids].sort());
    expect(storedOps.every((o) => o.qualityFlags.length === 0 && o.startWh === BigInt(1000))).toBe(true);
    const storedCurves = await prisma.loadCurve.findMany({
      where: { operatorId: t.operatorId },
      select: { transactionId: true, offsetsS: true, valuesWh: true },
    });
    expect(storedCurves.map((c) => c.transactionId).sort()).toEqual([...ids].sort());
    expect(storedCurves[0].offsetsS).toEqual([0, 600, 1200, 1800]);
    expect(storedCurves[0].valuesWh).toEqual([BigInt(10_000), BigInt(11_000), BigInt(12_000), BigInt(13_000)]);
    // Sent again: all unchanged.
    expect((await call("operation", { [t.operatorId]: { R320: ops } }, { auth: t.auth })).json).toMatchObject({ enregistres: 0, inchanges: ids.length });
  });

  it("mixes new, changed and unchanged transactions in one body (the insert falls back to the upsert)", async () => {
    const t = await makeTenant();
    const first = { A: operation(1_700_000_000), B: operation(1_700_010_000) };
    expect((await call("operation", { [t.operatorId]: { R320: first } }, { auth: t.auth })).json).toMatchObject({ enregistres: 2, inchanges: 0 });
    // New transactions first in sort order, the existing ones after: the plain INSERT writes
    // rows before meeting an existing key, and all of that must be undone before the upsert.
    const second = { "0-new": operation(1_700_020_000), "1-new": operation(1_700_030_000), A: operation(1_700_000_000), B: operation(1_700_010_000, 7200) };
    expect((await call("operation", { [t.operatorId]: { R320: second } }, { auth: t.auth })).json).toMatchObject({
      statut: "OK",
      recus: 4,
      enregistres: 3,
      inchanges: 1,
    });
    const prisma = await db();
    const rows = await prisma.chargeOperation.findMany({
      where: { operatorId: t.operatorId },
      orderBy: { transactionId: "asc" },
      select: { transactionId: true, stopAt: true },
    });
    expect(rows.map((r) => r.transactionId)).toEqual(["0-new", "1-new", "A", "B"]);
    expect(rows[3].stopAt.getTime() / 1000).toBe(1_700_010_000 + 7200);
    const submissions = await prisma.submission.findMany({
      where: { operatorId: t.operatorId },
      orderBy: { id: "asc" },
      select: { stored: true, unchanged: true },
    });
    expect(submissions).toEqual([
      { stored: 2, unchanged: 0 },
      { stored: 3, unchanged: 1 },
    ]);
  });
});
