import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { openDatabase } from "@/lib/platform/db/database";
import type { SqlExecutor } from "@/lib/platform/db/migrate";
import { createIsolatedDatabase } from "@/tests/support/common/isolated-database";
import { recordSessions } from "@/lib/charges/record-sessions";
import { PROGRAMME_TARGET, PURGE_ACTION } from "@/lib/programme/programme-status";

// After the end-of-programme purge no session is written, even by a call authenticated before
// it. The purge's record closes collection for everyone, so this file works on a database of
// its own (a fresh PostgreSQL database when TEST_DATABASE_URL is set, else its own PGlite).

let prisma: PrismaClient;
let sql: SqlExecutor;
let close: () => Promise<void>;
beforeAll(async () => {
  const base = process.env.TEST_DATABASE_URL;
  const own = base ? await createIsolatedDatabase(base, "advenir_sessions") : null;
  const opened = await openDatabase(own?.url ?? "pglite:memory://");
  ({ prisma, sql } = opened);
  close = async () => {
    await opened.close();
    await own?.drop();
  };
});
afterAll(async () => close());

describe("recordSessions", () => {
  it("writes, then refuses everything once the programme's individual data is purged", async () => {
    const s = randomBytes(3).toString("hex").toUpperCase();
    const operator = await prisma.operator.create({ data: { name: `Opérateur ${s}`, siren: "732829320" }, select: { id: true } });
    const station = await prisma.station.create({
      data: { operatorId: operator.id, stationCode: `FRQCSP${s}`, pointCount: 1, nominalPowerKw: 22, inseeCode: "75101" },
      select: { id: true },
    });
    const idPdc = `FRQCSE${s}1`;
    await prisma.chargePoint.create({ data: { stationId: station.id, pointCode: idPdc, idPdcItinerance: idPdc, nominalPowerKw: 22 } });
    const user = await prisma.apiUser.create({
      data: { username: `u-${s}`, email: `u-${s}@test.advenir.fr`, passwordHash: "x", operatorId: operator.id },
      select: { id: true },
    });
    const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 3 * 3_600_000);
    const one = (minutes: number) => ({ idPdcItinerance: idPdc, start, end: new Date(start.getTime() + minutes * 60_000), energyKwh: 5 });

    expect(await recordSessions({ env: "production", apiUserId: user.id, sessions: [one(60)] }, { sql })).toMatchObject({ kind: "stored", stored: 1 });
    await prisma.auditLog.create({ data: { ...PROGRAMME_TARGET, action: PURGE_ACTION, actor: "test" } });
    expect(await recordSessions({ env: "production", apiUserId: user.id, sessions: [one(90)] }, { sql })).toEqual({ kind: "closed" });
    expect(await recordSessions({ env: "production", apiUserId: null, sessions: [one(90)] }, { sql })).toEqual({ kind: "closed" });
    expect(await prisma.chargeOperation.findMany({ select: { stopAt: true } })).toEqual([{ stopAt: new Date(start.getTime() + 60 * 60_000) }]);
  });
});
