import { describe, expect, it } from "vitest";
import { rawSql } from "@/lib/platform/db/database";
import { writeOneStatus } from "@/lib/statuses/coalesce-status-writes";
import type { CallJournalRow } from "@/lib/statuses/call-journal-row";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints } from "@/tests/support/qualicharge/points";

// Twenty calls at once: the first ones go alone, the rest wait for a free slot and are written
// together by one statement. Each call must keep its own outcome and its own journal row.

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

function journal(operatorId: string, endpoint: string): CallJournalRow {
  return {
    env: "production",
    operatorId,
    apiUserId: null,
    endpoint,
    method: "POST",
    ipAddress: "192.0.2.1",
    receivedAt: new Date(),
    durationMs: 3,
    sizeBytes: 200,
    httpStatus: 201,
  };
}

describe("single status writes, coalesced", () => {
  it("stores concurrent calls each with its outcome and journal row; the latest is the greatest horodatage, ties to the last call", async () => {
    const tenant = await makeQualichargeTenant();
    const points = await makeQualichargePoints(tenant, { stations: 1, perStation: 4 });
    const sql = await rawSql();
    await sql.query("UPDATE charge_point SET decommissioned_at = now() WHERE id = $1::uuid", [points[3].chargePointId]);
    const calls = Array.from({ length: 20 }, (_, i) => {
      // Call 18 targets an undeclared point, call 19 a decommissioned one; points 0–2 get the rest.
      const pdc = i === 18 ? "FRZZZE0000000042" : i === 19 ? points[3].idPdcItinerance : points[i % 3].idPdcItinerance;
      // Point 0: calls 0, 3, …, 15; calls 12 and 15 tie at minute 30, the greatest.
      const minute = i === 12 || i === 15 ? 30 : i;
      return writeOneStatus({
        status: { idPdcItinerance: pdc, horodatage: at(minute), etatPdc: "en_service", occupationPdc: i === 15 ? "reserve" : "libre" },
        door: "QUALICHARGE",
        env: "production",
        journal: journal(tenant.operatorId, `/api/v1/dynamique/status/#${i}`),
      });
    });
    const results = await Promise.all(calls);
    expect(results.map((r) => r.written)).toEqual([...Array(18).fill(true), false, false]);
    const ids = results.flatMap((r) => (r.written ? r.ids : []));
    expect(new Set(ids).size).toBe(18);

    const history = await sql.query<{ id: string }>("SELECT id FROM status_event WHERE station_id = $1::uuid", [points[0].stationId]);
    expect(history.map((r) => r.id).sort()).toEqual([...ids].sort());
    const latest = await sql.query<{ charge_point_id: string; horodatage: Date; occupation_pdc: string }>(
      "SELECT charge_point_id, horodatage, occupation_pdc FROM charge_point_status WHERE station_id = $1::uuid",
      [points[0].stationId],
    );
    const byPoint = new Map(latest.map((r) => [r.charge_point_id, r]));
    expect(byPoint.get(points[0].chargePointId)).toMatchObject({ horodatage: at(30), occupation_pdc: "reserve" });
    expect(byPoint.get(points[1].chargePointId)).toMatchObject({ horodatage: at(16) }); // calls 1, 4, …, 16
    expect(byPoint.get(points[2].chargePointId)).toMatchObject({ horodatage: at(17) }); // calls 2, 5, …, 17
    expect(byPoint.has(points[3].chargePointId)).toBe(false);

    // A journal row for each stored call (the two refused ones are journaled by their door, with their 404).
    const rows = await sql.query<{ endpoint: string; received: number; stored: number; ip_address: string }>(
      "SELECT endpoint, received, stored, ip_address FROM submission WHERE operator_id = $1::uuid ORDER BY endpoint",
      [tenant.operatorId],
    );
    expect(rows.map((r) => r.endpoint).sort()).toEqual(Array.from({ length: 18 }, (_, i) => `/api/v1/dynamique/status/#${i}`).sort());
    expect(rows.every((r) => r.received === 1 && r.stored === 1 && r.ip_address === "192.0.2.1")).toBe(true);
  });

  it("writes the others when one call of a batch fails in the database", async () => {
    const tenant = await makeQualichargeTenant();
    const points = await makeQualichargePoints(tenant, { stations: 1, perStation: 2 });
    // No monthly partition holds the year 2200: that call's insert fails, alone or in a batch.
    const calls = Array.from({ length: 12 }, (_, i) =>
      writeOneStatus({
        status: {
          idPdcItinerance: points[i % 2].idPdcItinerance,
          horodatage: i === 7 ? new Date(Date.UTC(2200, 0, 1)) : at(i),
          etatPdc: "en_service",
          occupationPdc: "libre",
        },
        door: "QUALICHARGE",
        env: "production",
      }).then(
        (r) => r.written,
        () => "failed",
      ),
    );
    expect(await Promise.all(calls)).toEqual([...Array(7).fill(true), "failed", ...Array(4).fill(true)]);
    const sql = await rawSql();
    const history = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM status_event WHERE station_id = $1::uuid", [points[0].stationId]);
    expect(history[0].n).toBe(11);
  });
});
