import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { queryRows, sql } from "@/lib/platform/db/sql";
import { energyPiecesSql, leafEnergySql, SLOT_SECONDS } from "@/lib/indicators/sql/energy-steps";
import { addOperations, makeIndicatorStations } from "@/tests/support/indicators/make-indicator-stations";
import { seededRandom } from "@/lib/platform/random/seeded-random";

// The indicator run sums energy per leaf mesh and half-hour from power steps (leafEnergySql)
// instead of expanding every item into its half-hours (energyPiecesSql, checked by hand in
// energy-steps.test.ts). Both must give the same sums on any data: random operations and curves
// of both channels in two communes, over and across the bounds of the range, overlapping, short
// and long, plus instantaneous items.

type Station = { id: string; operatorId: string; inseeCode: string };
let stations: Station[];

const T0 = Date.parse("2023-03-20T00:00:00Z") / 1000;
const DAYS = 12;
const s0 = Math.floor((T0 + 2 * 86_400) / SLOT_SECONDS); // the range starts two days in…
const s1 = Math.floor((T0 + 9 * 86_400) / SLOT_SECONDS) + 7; // …and ends mid-morning on day 9

beforeAll(async () => {
  const prisma = await db();
  await ensureReferenceData();
  ({ stations } = await makeIndicatorStations(prisma, [
    { beneficiary: 0, inseeCode: "69123", nominalPowerKw: 22, channel: "ADVENIR" },
    { beneficiary: 1, inseeCode: "69123", nominalPowerKw: 7.4, channel: "GIREVE" },
    { beneficiary: 2, inseeCode: "13055", nominalPowerKw: 50, channel: "ADVENIR" },
    { beneficiary: 3, inseeCode: "13055", nominalPowerKw: 11, channel: "GIREVE" },
  ]));
  const rnd = seededRandom(42);
  const ops: Parameters<typeof addOperations>[1] = [];
  for (let i = 0; i < 400; i++) {
    const s = stations[i % stations.length];
    const start = T0 + Math.floor(rnd() * DAYS * 86_400);
    const seconds = rnd() < 0.05 ? 0 : 60 + Math.floor(rnd() * (rnd() < 0.2 ? 40 * 3600 : 3 * 3600));
    ops.push({
      stationId: s.id,
      operatorId: s.operatorId,
      start: new Date(start * 1000),
      stop: new Date((start + seconds) * 1000),
      wh: Math.floor(rnd() * 60_000),
    });
  }
  await addOperations(prisma, ops);
  for (let i = 0; i < 40; i++) {
    const s = stations[i % stations.length];
    const start = T0 + Math.floor(rnd() * DAYS * 86_400);
    const offsets = [0];
    const values = [Math.floor(rnd() * 1e6)];
    for (let k = 0; k < 3 + Math.floor(rnd() * 30); k++) {
      offsets.push(offsets[offsets.length - 1] + 1 + Math.floor(rnd() * 2400));
      values.push(values[values.length - 1] + Math.floor(rnd() * 4000));
    }
    await prisma.loadCurve.create({
      data: {
        env: "production",
        operatorId: s.operatorId,
        stationId: s.id,
        transactionId: randomUUID(),
        startAt: new Date(start * 1000),
        stopAt: new Date((start + offsets[offsets.length - 1]) * 1000),
        pointCount: offsets.length,
        energyWh: BigInt(values[values.length - 1] - values[0]),
        offsetsS: offsets,
        valuesWh: values.map(BigInt),
      },
    });
  }
});

describe("leafEnergySql", () => {
  it("gives, per leaf and half-hour, the sums of the items expanded into their half-hours", async () => {
    const prisma = await db();
    const ids = stations.map((s) => s.id);
    const table = sql`(SELECT s.id AS station_id, s.channel::text AS channel, dense_rank() OVER (ORDER BY s.insee_code)::int AS leaf_idx
                      FROM station s WHERE s.id = ANY(${ids}::uuid[]))`;
    const expected = await queryRows<{ leaf_idx: number; slot: number; a: number; g: number }>(
      prisma,
      sql`
      SELECT st.leaf_idx, e.slot,
             coalesce(sum(e.wh) FILTER (WHERE st.channel = 'ADVENIR'), 0)::float8 AS a,
             coalesce(sum(e.wh) FILTER (WHERE st.channel = 'GIREVE'), 0)::float8 AS g
        FROM (${energyPiecesSql({ stationsTable: table, slotFrom: sql`${s0}::int`, slotTo: sql`${s1}::int` })}) e
        JOIN ${table} st ON st.station_id = e.station_id
       GROUP BY 1, 2`,
    );
    const actual = await queryRows<{ leaf_idx: number; slot: number; a: number; g: number }>(
      prisma,
      sql`SELECT leaf_idx, slot, a::float8 AS a, g::float8 AS g FROM (${leafEnergySql({ stations: table, s0: sql`${s0}::int`, s1: sql`${s1}::int` })}) x`,
    );
    const key = (r: { leaf_idx: number; slot: number }) => `${r.leaf_idx}/${r.slot}`;
    const got = new Map(actual.map((r) => [key(r), r]));
    expect(new Set(got.keys()).size).toBe(actual.length); // one row per leaf and slot
    let total = 0;
    for (const e of expected) {
      const r = got.get(key(e)) ?? { a: 0, g: 0 };
      expect(Math.abs(Number(r.a) - Number(e.a))).toBeLessThan(1e-4);
      expect(Math.abs(Number(r.g) - Number(e.g))).toBeLessThan(1e-4);
      total += Number(e.a) + Number(e.g);
    }
    // Slots without any item carry nothing; none lies outside the range.
    for (const r of actual) {
      if (!expected.some((e) => key(e) === key(r))) expect(Math.abs(Number(r.a)) + Math.abs(Number(r.g))).toBeLessThan(1e-4);
      expect(Number(r.slot)).toBeGreaterThanOrEqual(s0);
      expect(Number(r.slot)).toBeLessThan(s1);
    }
    expect(expected.length).toBeGreaterThan(300);
    expect(total).toBeGreaterThan(1e6);
  });
});
