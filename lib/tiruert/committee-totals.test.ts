import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { execute, sql } from "@/lib/platform/db/sql";
import { getCommitteeTotals } from "@/lib/tiruert/committee-totals";

// The committee's totals are read from filed statements at the quarter's deadline: a filing or a
// correction after it never moves them (two readings would give that aménageur's figure).
// Each test draws a far year no other test files statements in.

async function file(s: { siren: string; year: number; quarter: number; version: number; filedAt: string; energyWh: number }) {
  const content = { points: [{ idPdcItinerance: `FRT${s.siren}P1`, regionCode: "11", energyWh: s.energyWh }] };
  await execute(
    await db(),
    sql`INSERT INTO tiruert_statement (id, siren, year, quarter, version, content, sha256, energy_wh, certified_wh, filed_at, filed_by)
        VALUES (gen_random_uuid(), ${s.siren}, ${s.year}, ${s.quarter}, ${s.version}, ${JSON.stringify(content)}::jsonb, ${"0".repeat(64)}, ${s.energyWh},
                ${s.energyWh / 4}, ${s.filedAt}::timestamptz, 'test')`,
  );
}

describe("getCommitteeTotals", () => {
  it("publishes a quarter once its deadline has passed, from the versions filed by then, and never moves afterwards", async () => {
    const year = 3000 + randomInt(5000);
    const sirens = Array.from({ length: 5 }, (_, i) => `${year}${i}`.padStart(9, "7"));
    for (const [i, siren] of sirens.entries())
      await file({ siren, year, quarter: 1, version: 1, filedAt: `${year}-04-10T10:00:00Z`, energyWh: 1000 * (i + 1) });
    // The deadline is 15 April: filed at 23:30 Paris that day, counted; a correction and a newcomer after it, not.
    await file({ siren: sirens[0], year, quarter: 1, version: 2, filedAt: `${year}-04-15T21:30:00Z`, energyWh: 1500 });
    await file({ siren: sirens[1], year, quarter: 1, version: 2, filedAt: `${year}-04-16T08:00:00Z`, energyWh: 90_000 });
    await file({ siren: `${year}9`.padStart(9, "8"), year, quarter: 1, version: 1, filedAt: `${year}-05-02T08:00:00Z`, energyWh: 70_000 });
    await file({ siren: sirens[0], year, quarter: 2, version: 1, filedAt: `${year}-04-20T08:00:00Z`, energyWh: 5000 });

    // 15 April, noon: Q1's deadline has not passed, nothing is read.
    const before = await getCommitteeTotals({ year, now: new Date(`${year}-04-15T10:00:00Z`) });
    expect(before.map((q) => [q.quarter, q.published, q.national, q.regions.length])).toEqual([
      [1, false, null, 0],
      [2, false, null, 0],
      [3, false, null, 0],
      [4, false, null, 0],
    ]);
    expect(before[0].deadline).toBe(`${year}-04-15`);

    // By hand: 1,500 (corrected by the deadline) + 2,000 + 3,000 + 4,000 + 5,000 = 15,500 Wh; 25 % certified.
    const expected = { energyWh: 15_500, certifiedWh: 3_875, points: 5, amenageurs: 5 };
    for (const now of [`${year}-04-16T00:00:00Z`, `${year + 1}-06-01T00:00:00Z`]) {
      const [q1, q2] = await getCommitteeTotals({ year, now: new Date(now) });
      expect(q1.published).toBe(true);
      expect(q1.national).toEqual(expected);
      expect(q2.published).toBe(now.startsWith(String(year + 1)));
    }
  });
});
