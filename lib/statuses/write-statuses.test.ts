import { describe, expect, it } from "vitest";
import { rawSql } from "@/lib/platform/db/database";
import { writeStatuses, type StatusToWrite } from "@/lib/statuses/write-statuses";
import { makeQualichargeTenant } from "@/tests/support/qualicharge/tenant";
import { makeQualichargePoints, type MadePoint } from "@/tests/support/qualicharge/points";

// Bulks of many points with shuffled times, ties and older arrivals, written by the one statement
// of write-statuses.ts: every history row, and per point the latest status computed by hand.

const BULK = 150;

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
const at = (minutes: number, ms = 0) => new Date(T0 + minutes * 60_000 + ms);

async function setup(): Promise<{ operatorId: string; points: MadePoint[] }> {
  const tenant = await makeQualichargeTenant();
  return { operatorId: tenant.operatorId, points: await makeQualichargePoints(tenant, { stations: 2, perStation: 5 }) };
}

async function stored(points: MadePoint[]) {
  const sql = await rawSql();
  const ids = points.map((p) => p.chargePointId);
  const history = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM status_event WHERE charge_point_id = ANY($1::uuid[])", [ids]);
  const latest = await sql.query<{ charge_point_id: string; horodatage: Date; occupation_pdc: string; etat_prise_type_2: string | null }>(
    "SELECT charge_point_id, horodatage, occupation_pdc, etat_prise_type_2 FROM charge_point_status WHERE charge_point_id = ANY($1::uuid[]) AND env = 'production'",
    [ids],
  );
  return { history: history[0].n, latest: new Map(latest.map((r) => [r.charge_point_id, r])) };
}

describe("writeStatuses, bulks", () => {
  it(`stores a bulk of ${BULK + 1} statuses: every history row, and per point the greatest horodatage, ties to the last`, async () => {
    const { operatorId, points } = await setup();
    const statuses: StatusToWrite[] = [];
    // 15 statuses per point, minutes 0..14 in a shuffled order; point 0 ends with a tie at minute 14.
    for (let k = 0; k < 15; k++)
      for (const [j, p] of points.entries())
        statuses.push({
          idPdcItinerance: p.idPdcItinerance,
          horodatage: at((k * 7 + j) % 15, 123),
          etatPdc: "en_service",
          occupationPdc: k % 2 ? "occupe" : "libre",
        });
    statuses.push({
      idPdcItinerance: points[0].idPdcItinerance,
      horodatage: at(14, 123),
      etatPdc: "en_service",
      occupationPdc: "reserve",
      etatPriseType2: "fonctionnel",
    });
    expect(statuses.length).toBe(BULK + 1);

    const result = await writeStatuses({
      statuses,
      door: "QUALICHARGE",
      env: "production",
      journal: {
        env: "production",
        operatorId,
        apiUserId: null,
        endpoint: "/api/v1/dynamique/status/bulk",
        method: "POST",
        ipAddress: null,
        receivedAt: new Date(),
        durationMs: 5,
        sizeBytes: 100,
        httpStatus: 201,
      },
    });
    expect(result.written).toBe(true);
    if (result.written) expect(new Set(result.ids).size).toBe(statuses.length);

    const { history, latest } = await stored(points);
    expect(history).toBe(statuses.length);
    // By hand: point j has minute 14 at the k with (7k + j) % 15 = 14; for point 0 the tie's last item wins.
    expect(latest.get(points[0].chargePointId)).toMatchObject({ horodatage: at(14, 123), occupation_pdc: "reserve", etat_prise_type_2: "fonctionnel" });
    for (const [j, p] of points.entries()) {
      if (j === 0) continue;
      const k = [...Array(15).keys()].find((x) => (x * 7 + j) % 15 === 14)!;
      expect(latest.get(p.chargePointId)).toMatchObject({ horodatage: at(14, 123), occupation_pdc: k % 2 ? "occupe" : "libre", etat_prise_type_2: null });
    }
    const sql = await rawSql();
    const journal = await sql.query<{ received: number; stored: number }>("SELECT received, stored FROM submission WHERE operator_id = $1::uuid", [operatorId]);
    expect(journal).toEqual([{ received: statuses.length, stored: statuses.length }]);

    // An older bulk adds to the history but moves no latest status.
    const older = points.flatMap((p) =>
      Array.from({ length: 12 }, (_, k) => ({ idPdcItinerance: p.idPdcItinerance, horodatage: at(-k - 1), etatPdc: "hors_service", occupationPdc: "inconnu" })),
    );
    expect((await writeStatuses({ statuses: older, door: "QUALICHARGE", env: "production" })).written).toBe(true);
    const after = await stored(points);
    expect(after.history).toBe(statuses.length + older.length);
    expect(after.latest.get(points[3].chargePointId)?.horodatage).toEqual(at(14, 123));
  });

  it("writes nothing of a large bulk holding one undeclared or decommissioned point", async () => {
    const { points } = await setup();
    const sql = await rawSql();
    await sql.query("UPDATE charge_point SET decommissioned_at = now() WHERE id = $1::uuid", [points[9].chargePointId]);
    const bulk = (last: string) =>
      Array.from({ length: BULK }, (_, i) => ({
        idPdcItinerance: i === BULK - 1 ? last : points[i % 9].idPdcItinerance,
        horodatage: at(i),
        etatPdc: "en_service",
        occupationPdc: "libre",
      }));
    expect(await writeStatuses({ statuses: bulk("FRZZZE0000000001"), door: "QUALICHARGE", env: "production" })).toEqual({ written: false });
    expect(await writeStatuses({ statuses: bulk(points[9].idPdcItinerance), door: "QUALICHARGE", env: "production" })).toEqual({ written: false });
    const { history, latest } = await stored(points);
    expect(history).toBe(0);
    expect(latest.size).toBe(0);
  });
});
