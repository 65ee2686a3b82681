import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { execute, sql } from "@/lib/platform/db/sql";
import { endedQuarters, listAmenageurStatuses } from "@/lib/tiruert/list-quarters";
import { registerPoints } from "@/lib/tiruert/register-points";
import { fileStatement } from "@/lib/tiruert/file-statement";
import { loadRealPoints } from "@/tests/support/tiruert/real-points";
import { makeBeneficiary } from "@/cli/demo/factories";

describe("quarters to file and what is missing", () => {
  it("lists the four quarters ended before now, latest first", () => {
    expect(endedQuarters(new Date("2025-01-20T12:00:00Z"))).toEqual([
      { year: 2024, quarter: 4 },
      { year: 2024, quarter: 3 },
      { year: 2024, quarter: 2 },
      { year: 2024, quarter: 1 },
    ]);
    // 31 March 2025 23:30 Paris is still Q1: Q1 2025 has not ended.
    expect(endedQuarters(new Date("2025-03-31T21:30:00Z"), 1)).toEqual([{ year: 2024, quarter: 4 }]);
    expect(endedQuarters(new Date("2025-03-31T22:00:00Z"), 1)).toEqual([{ year: 2025, quarter: 1 }]);
  });

  it("says a quarter is overdue after its deadline, then filed, then waiting for a correction when sessions arrive", async () => {
    const r = await loadRealPoints();
    const siren = r.siren["953900123"];
    const actor = { role: "operateur" as const, operatorId: r.operatorId, beneficiaryId: null, label: "operateur@test" };
    await registerPoints({ actor, points: [{ chargePointId: r.points.FRETIE13001A12.chargePointId, meterType: "dc_conforme" }] });
    const q4 = async (now: Date) => (await listAmenageurStatuses({ actor, now })).find((a) => a.siren === siren)!.quarters[0];

    expect(await q4(new Date("2025-01-15T12:00:00Z"))).toMatchObject({ year: 2024, quarter: 4, deadline: "2025-01-15", state: "brouillon", overdue: false });
    expect(await q4(new Date("2025-01-16T12:00:00Z"))).toMatchObject({ state: "brouillon", overdue: true });

    await fileStatement({ actor, siren, year: 2024, quarter: 4, expectedVersion: 0, now: new Date("2025-01-10T12:00:00Z") });
    expect(await q4(new Date("2025-01-16T12:00:00Z"))).toMatchObject({ state: "depose", latestVersion: 1, overdue: false, sessionsSinceFiling: 0 });

    const prisma = await db();
    await execute(
      prisma,
      sql`INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, door, charge_point_id, received_at)
          SELECT 'production', s.operator_id, s.id, 'LATE-Q', '2024-12-31T10:00:00Z', '2024-12-31T11:00:00Z', 0, 5000, 'QUALICHARGE', cp.id, '2025-01-12T08:00:00Z'
            FROM charge_point cp JOIN station s ON s.id = cp.station_id WHERE cp.id = ${r.points.FRETIE13001A12.chargePointId}::uuid`,
    );
    expect(await q4(new Date("2025-01-16T12:00:00Z"))).toMatchObject({ state: "depose", sessionsSinceFiling: 1 });
  });

  it("lists no quarter for a beneficiary that has registered no point and filed nothing (not overdue: not in the scheme yet)", async () => {
    const beneficiary = await makeBeneficiary();
    const actor = { role: "beneficiaire" as const, operatorId: null, beneficiaryId: beneficiary.id, label: "benef@test" };
    expect(await listAmenageurStatuses({ actor, now: new Date("2025-01-16T12:00:00Z") })).toEqual([]);
  });
});
