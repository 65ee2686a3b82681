import { describe, expect, it, vi } from "vitest";
import { databaseKind, rawSql } from "@/lib/platform/db/database";
import { writeStatuses, type StatusToWrite } from "@/lib/statuses/write-statuses";
import { RememberedPoints, rememberedPoints } from "@/lib/statuses/remembered-points";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints, type MadePoint } from "@/tests/support/qualicharge/points";

// The points a status bulk resolved are remembered by the process (remembered-points.ts) and
// used by the next bulks while the generation of the points' identities holds; any change to
// what a point resolves to is seen by the very next write.

const bulk = (points: MadePoint[], minute: number): StatusToWrite[] =>
  points.map((p, i) => ({
    idPdcItinerance: p.idPdcItinerance,
    horodatage: new Date(Date.now() - 3_600_000 + minute * 60_000 + i),
    etatPdc: "en_service",
    occupationPdc: "libre",
  }));
const write = (statuses: StatusToWrite[]) => writeStatuses({ statuses, door: "QUALICHARGE", env: "production" });

async function historyOf(point: MadePoint) {
  const sql = await rawSql();
  return sql.query<{ station_id: string }>("SELECT station_id::text FROM status_event WHERE charge_point_id = $1::uuid ORDER BY horodatage", [
    point.chargePointId,
  ]);
}

describe("remembered points", () => {
  it("learn a newer generation only, forgetting the older one's points", () => {
    const points = new RememberedPoints();
    const p = (n: number) => ({ chargePointId: `cp${n}`, stationId: `st${n}` });
    points.learn("41", [["A", p(1)]]);
    points.learn("42", [["B", p(2)]]);
    expect([points.current, points.get("A"), points.get("B")]).toEqual(["42", undefined, p(2)]);
    points.learn("41", [["C", p(3)]]); // a write that read the generation before another learnt 42
    expect([points.current, points.get("C"), points.size]).toEqual(["42", undefined, 1]);
    points.learn("42", [["C", p(3)]]);
    expect(points.size).toBe(2);
  });

  it("never let a write use a point decommissioned, moved or recommissioned since it was remembered", async () => {
    const tenant = await makeQualichargeTenant();
    const points = await makeQualichargePoints(tenant, { stations: 2, perStation: 3 });
    const sql = await rawSql();
    expect((await write(bulk(points, 0))).written).toBe(true);

    await sql.query("UPDATE charge_point SET decommissioned_at = now() WHERE id = $1::uuid", [points[0].chargePointId]);
    expect(await write(bulk(points, 1))).toEqual({ written: false });
    expect((await write(bulk(points.slice(1), 2))).written).toBe(true);

    await sql.query("UPDATE charge_point SET decommissioned_at = NULL WHERE id = $1::uuid", [points[0].chargePointId]);
    // The point moves to the other station (as a statique write re-attaching it does).
    await sql.query("UPDATE charge_point SET station_id = $2::uuid WHERE id = $1::uuid", [points[1].chargePointId, points[5].stationId]);
    expect((await write(bulk(points, 3))).written).toBe(true);
    expect((await historyOf(points[0])).length).toBe(2);
    expect((await historyOf(points[1])).map((r) => r.station_id)).toEqual([points[1].stationId, points[1].stationId, points[5].stationId]);

    await sql.query("DELETE FROM charge_point WHERE id = $1::uuid", [points[2].chargePointId]);
    expect(await write(bulk(points.slice(2, 4), 4))).toEqual({ written: false });
  });

  it("spare the lookups of remembered points on PostgreSQL while nothing changed", async () => {
    if ((await databaseKind()) !== "postgres") return; // PGlite resolves every point of every bulk
    const tenant = await makeQualichargeTenant();
    const points = await makeQualichargePoints(tenant, { stations: 1, perStation: 4 });
    const learn = vi.spyOn(rememberedPoints(), "learn");
    const resolvedByLastWrite = () => [...(learn.mock.lastCall?.[1] ?? [])].map(([id]) => id).sort();
    try {
      expect((await write(bulk(points, 0))).written).toBe(true);
      expect(resolvedByLastWrite()).toEqual(points.map((p) => p.idPdcItinerance).sort());
      expect(rememberedPoints().get(points[0].idPdcItinerance)).toEqual({ chargePointId: points[0].chargePointId, stationId: points[0].stationId });
      // The next bulk resolves none of them, unless another write moved the generation meanwhile
      // (tests run side by side on one database): then it resolves them all again.
      expect((await write(bulk(points, 1))).written).toBe(true);
      const generation = rememberedPoints().current;
      expect((await write(bulk(points, 2))).written).toBe(true);
      if (rememberedPoints().current === generation) expect(resolvedByLastWrite()).toEqual([]);
      else expect(resolvedByLastWrite()).toHaveLength(points.length);
    } finally {
      learn.mockRestore();
    }
  });
});
