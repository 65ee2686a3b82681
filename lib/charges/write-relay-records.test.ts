import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rawSql } from "@/lib/platform/db/database";
import { makeGireveSetup } from "@/tests/support/gireve/relay";
import { readRelaySession } from "@/lib/charges/read-relay-sessions";
import { inRecordTransaction, writeRelayRecord, writeRelayRecordsWith, type RecordWrite } from "@/lib/charges/write-relay-records";

// The guarded write of GIREVE records: a record decided on a state its session no longer has
// writes nothing, not even its journal row; the write runs as well on a transaction's connection
// (the path a record takes after losing to others of its session), on either database.

async function sessionRows(stationId: string, session: string, relayId: string) {
  const sql = await rawSql();
  const [row] = await sql.query<{ curves: number; charges: number; calls: number }>(
    `SELECT (SELECT count(*)::int FROM load_curve WHERE station_id = $1::uuid AND transaction_id = $2) AS curves,
            (SELECT count(*)::int FROM charge_operation WHERE station_id = $1::uuid AND transaction_id = $2) AS charges,
            (SELECT count(*)::int FROM submission s WHERE s.door = 'GIREVE' AND s.relay_account_id = $3::uuid) AS calls`,
    [stationId, session, relayId],
  );
  return row;
}

const RECEIVED_AT = new Date(Date.UTC(2026, 0, 5, 10, 0));

function recordWrite(s: Awaited<ReturnType<typeof makeGireveSetup>>, read: { station_id: string; id: string; state: string }, session: string): RecordWrite {
  const start = Date.UTC(2026, 0, 5, 9, 0) / 1000;
  return {
    env: "production",
    operatorId: s.operatorId,
    stationId: read.station_id,
    session,
    state: read.state,
    operation: null,
    curve: { form: "insert", startS: start, stopS: start + 300, energyWh: 900, offsets: [0, 300], values: [0, 900], flags: [] },
    journal: {
      relayAccountId: s.relay.id,
      endpoint: "/api/gireve/emip",
      method: "POST",
      ipAddress: null,
      receivedAt: RECEIVED_AT,
      durationMs: 1,
      sizeBytes: 800,
      warnings: [],
    },
    outcome: "OK",
    stored: 1,
    unchanged: 0,
    warnings: [],
    errors: [],
  };
}

/** The session's read as a record of the setup's `point`-th point would have it. */
async function readSession(s: Awaited<ReturnType<typeof makeGireveSetup>>, point: number, session: string) {
  return (await readRelaySession({ idPdcItinerance: s.points[point].idPdcItinerance, operatorCode: s.unit, env: "production", serviceSessionId: session }))!;
}

describe("guarded writes of GIREVE records", () => {
  it("writes a record decided on its session's state, then nothing for one decided on the state before", async () => {
    const s = await makeGireveSetup();
    const session = `S-${randomUUID()}`;
    const before = await readSession(s, 0, session);
    expect(JSON.parse(before.state)).toEqual({ operation: null, curve: null });
    expect(await writeRelayRecord(recordWrite(s, before, session))).toBe(true);
    expect(await sessionRows(before.station_id, session, s.relay.id)).toEqual({ curves: 1, charges: 0, calls: 1 });
    expect(JSON.parse((await readSession(s, 0, session)).state).curve).toMatchObject({ offsets: [0, 300], values: [0, 900], door: "GIREVE" });
    // The same decision again, on the state it no longer has: refused whole.
    expect(await writeRelayRecord(recordWrite(s, before, session))).toBe(false);
    expect(await sessionRows(before.station_id, session, s.relay.id)).toEqual({ curves: 1, charges: 0, calls: 1 });
  });

  it("writes in a transaction, holding the session's lock, on either database", async () => {
    const s = await makeGireveSetup();
    const session = `S-${randomUUID()}`;
    const read = await readSession(s, 0, session);
    const written = await inRecordTransaction((query) => writeRelayRecordsWith(query, [recordWrite(s, read, session)]));
    expect(written).toEqual([true]);
    expect(await sessionRows(read.station_id, session, s.relay.id)).toEqual({ curves: 1, charges: 0, calls: 1 });
    // A failing transaction writes nothing.
    const other = `S-${randomUUID()}`;
    const otherRead = await readSession(s, 1, other);
    await expect(
      inRecordTransaction(async (query) => {
        await writeRelayRecordsWith(query, [recordWrite(s, otherRead, other)]);
        throw new Error("the decision failed after the write");
      }),
    ).rejects.toThrow("the decision failed");
    expect(await sessionRows(otherRead.station_id, other, s.relay.id)).toEqual({ curves: 0, charges: 0, calls: 1 });
  });
});
