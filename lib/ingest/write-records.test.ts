import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { call, curve, makeTenant, operation } from "@/lib/ingest/testing";

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
    const storedOps = await prisma.chargeOperation.findMany({ where: { operatorId: t.operatorId }, select: { transactionId: true, startWh: true, qualityFlags: true } });
    expect(storedOps.map((o) => o.transactionId).sort()).toEqual([...ids].sort());
    expect(storedOps.every((o) => o.qualityFlags.length === 0 && o.startWh === BigInt(1000))).toBe(true);
    const storedCurves = await prisma.loadCurve.findMany({ where: { operatorId: t.operatorId }, select: { transactionId: true, offsetsS: true, valuesWh: true } });
    expect(storedCurves.map((c) => c.transactionId).sort()).toEqual([...ids].sort());
    expect(storedCurves[0].offsetsS).toEqual([0, 600, 1200, 1800]);
    expect(storedCurves[0].valuesWh).toEqual([BigInt(10_000), BigInt(11_000), BigInt(12_000), BigInt(13_000)]);
    // Sent again: all unchanged.
    expect((await call("operation", { [t.operatorId]: { R320: ops } }, { auth: t.auth })).json).toMatchObject({ enregistres: 0, inchanges: ids.length });
  });
});
