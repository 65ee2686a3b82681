import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { execute, queryRows, sql } from "@/lib/platform/db/sql";
import { computeDataQualityDay } from "@/lib/data-quality/compute-data-quality";
import { DATA_QUALITY_RULES, findRule } from "@/lib/data-quality/rules";
import {
  craftOperations,
  craftPoints,
  craftSessions,
  craftStatuses,
  ensureCommune,
  makeDqTenant,
  type CraftedCharge,
  type CraftedStatus,
  type DqTenant,
} from "@/tests/support/data-quality/crafted-data";

// Each rule on crafted data, at its tolerance: `n` rows checked of which k = tolerance × n break
// it (the share equals the tolerance: the rule passes), then k + 1 (just over: it fails). Every
// case makes its own operator and unit and reads its own results.

const DAY = "2026-11-10"; // Paris: UTC+1
const H = 3600_000;
const MIN = 60_000;
const NOON = new Date("2026-11-10T11:00:00Z");
const MIDNIGHT = new Date("2026-11-09T23:00:00Z");

type Build = (t: DqTenant, n: number, bad: number) => Promise<void>;

interface Case {
  code: string;
  n: number;
  /** Breaking rows passing at the tolerance (tolerance × n unless given). */
  k?: number;
  scope?: "unit" | "operator";
  build: Build;
}

const points = (t: DqTenant, n: number, bad: number, change: (base: Record<string, string>) => Record<string, string>) =>
  craftPoints(t, n, { irve: (i, base) => (i < bad ? change({ ...base }) : base) }).then(() => undefined);

/** Good sessions i (30 min, 5 kWh at 22 kW, received at noon on DAY), 2 minutes apart; `bad(i)` replaces the i-th. */
function sessions(n: number, bad: number, make: (good: CraftedCharge) => CraftedCharge): CraftedCharge[] {
  return Array.from({ length: n }, (_, i) => {
    const start = new Date(NOON.getTime() - 40 * H + i * 2 * MIN);
    const good = { start, stop: new Date(start.getTime() + 30 * MIN), energyWh: 5000, receivedAt: NOON };
    return i < bad ? make(good) : good;
  });
}

async function sessionCase(t: DqTenant, n: number, bad: number, make: (good: CraftedCharge) => CraftedCharge) {
  const pts = await craftPoints(t, 20);
  await craftSessions(t, pts, sessions(n, bad, make));
}

/** `n` statuses on 10 points during DAY, one minute apart; `bad(s)` changes the first `bad`. */
async function statusCase(t: DqTenant, n: number, bad: number, change: (s: CraftedStatus) => CraftedStatus) {
  const pts = await craftPoints(t, 10);
  const list = Array.from({ length: n }, (_, i) => {
    const s: CraftedStatus = { point: pts[i % 10], horodatage: new Date(MIDNIGHT.getTime() + 30 * MIN + i * MIN) };
    return i < bad ? change(s) : s;
  });
  await craftStatuses(list);
}

const CASES: Case[] = [
  { code: "S1", n: 100, build: (t, n, bad) => craftPoints(t, n, { powerKw: (i) => (i < bad ? 1.3 : 22) }).then(() => undefined) },
  { code: "S2", n: 100, build: (t, n, bad) => points(t, n, bad, (b) => ({ ...b, nom_operateur: " " })) },
  { code: "S3", n: 100, build: (t, n, bad) => points(t, n, bad, (b) => ({ ...b, siren_amenageur: "732829321" })) },
  {
    code: "S4",
    n: 100,
    build: (t, n, bad) => craftPoints(t, n, { lonLat: (i) => (i < bad ? [48.8, 2.3] : [2.3, 48.8 + i / 10_000]) }).then(() => undefined),
  },
  { code: "S5", n: 100, build: (t, n, bad) => points(t, n, bad, (b) => ({ ...b, id_station_itinerance: "FR000P1" })) },
  {
    code: "S6",
    n: 100,
    build: async (t, n, bad) => {
      await craftPoints(t, n - bad);
      for (let s = 0; s < bad; s++) await craftPoints(t, 51, { perStation: 51 });
    },
  },
  { code: "S7", n: 100, build: (t, n, bad) => points(t, n, bad, (b) => ({ ...b, nbre_pdc: "2" })) },
  { code: "S8", n: 100, build: (t, n, bad) => points(t, n, bad, (b) => ({ ...b, code_insee_commune: "99999" })) },
  {
    // Breaking points come in groups (two points at one coordinate): 2 of 200 pass, 3 fail.
    code: "S9",
    n: 200,
    k: 2,
    build: (t, n, bad) => craftPoints(t, n, { lonLat: (i) => (i < bad ? [2.0, 47.0] : [2.3, 48.8 + i / 10_000]) }).then(() => undefined),
  },
  {
    code: "S10",
    n: 100,
    build: (t, n, bad) =>
      craftPoints(t, n, { powerKw: () => 50, irve: (i, b) => ({ ...b, raccordement: "Direct", num_pdl: i < bad ? "" : b.num_pdl }) }).then(() => undefined),
  },
  { code: "S11", n: 10, build: (t, n, bad) => points(t, n, bad, (b) => ({ ...b, num_pdl: "1234" })) },
  { code: "D1", n: 1000, build: (t, n, bad) => sessionCase(t, n, bad, (g) => ({ ...g, energyWh: 1_200_000 })) },
  { code: "D2", n: 1000, build: (t, n, bad) => sessionCase(t, n, bad, (g) => ({ ...g, stop: g.start, energyWh: 2000 })) },
  { code: "D3", n: 1000, build: (t, n, bad) => sessionCase(t, n, bad, (g) => ({ ...g, energyWh: 12_500 })) },
  { code: "D4", n: 1000, build: (t, n, bad) => sessionCase(t, n, bad, (g) => ({ ...g, energyWh: 60_000 })) },
  {
    code: "D5",
    n: 1000,
    build: async (t, n, bad) => {
      const pts = await craftPoints(t, 20);
      const good = sessions(n - bad, 0, (g) => g);
      // The first `bad` sessions sent again, identical, after them.
      await craftSessions(t, pts, [...good, ...good.slice(0, bad)], (i) => pts[(i < n - bad ? i : i - (n - bad)) % 20]);
    },
  },
  {
    // Rows are point-days: 100 points with one session each, `bad` of them with 61 that day.
    code: "D6",
    n: 100,
    build: async (t, n, bad) => {
      const pts = await craftPoints(t, n);
      const list = pts.flatMap((p, i) =>
        Array.from({ length: i < bad ? 61 : 1 }, (_, j) => ({
          p,
          c: {
            start: new Date(MIDNIGHT.getTime() + j * 10 * MIN),
            stop: new Date(MIDNIGHT.getTime() + j * 10 * MIN + 5 * MIN),
            energyWh: 500,
            receivedAt: NOON,
          },
        })),
      );
      await craftSessions(
        t,
        pts,
        list.map((x) => x.c),
        (i) => list[i].p,
      );
    },
  },
  { code: "D7", n: 1000, build: (t, n, bad) => sessionCase(t, n, bad, (g) => ({ ...g, start: new Date(g.stop.getTime() - 8 * 24 * H) })) },
  { code: "D8", n: 10, build: (t, n, bad) => sessionCase(t, n, bad, (g) => ({ ...g, start: new Date(g.stop.getTime() + H) })) },
  {
    code: "D9",
    n: 100,
    build: (t, n, bad) =>
      sessionCase(t, n, bad, (g) => ({ ...g, start: new Date(NOON.getTime() - 20 * 24 * H), stop: new Date(NOON.getTime() - 20 * 24 * H + 30 * MIN) })),
  },
  {
    // The same rule on an ADVENIR operator's operations (by station, the station's 22 kW).
    code: "D1",
    n: 1000,
    scope: "operator",
    build: async (t, n, bad) => {
      const [p] = await craftPoints(t, 1);
      await craftOperations(
        t,
        p.stationId,
        sessions(n, bad, (g) => ({ ...g, energyWh: 1_200_000 })),
      );
    },
  },
  { code: "T1", n: 100, build: (t, n, bad) => statusCase(t, n, bad, (s) => ({ ...s, etat: "hors_service", occupation: "occupe" })) },
  { code: "T2", n: 10, build: (t, n, bad) => statusCase(t, n, bad, (s) => ({ ...s, delayS: -120 })) },
  {
    code: "T3",
    n: 100,
    build: async (t, n, bad) => {
      const pts = await craftPoints(t, 10);
      const list = Array.from({ length: n - bad }, (_, i) => ({ point: pts[i % 10], horodatage: new Date(MIDNIGHT.getTime() + 30 * MIN + i * MIN) }));
      await craftStatuses(list);
      await craftStatuses(list.slice(0, bad).map((s) => ({ ...s, delayS: 60 })));
    },
  },
  {
    code: "T4",
    n: 20,
    build: async (t, n, bad) => {
      const pts = await craftPoints(t, n);
      await craftStatuses(pts.flatMap((p, i) => [0, 1].map((j) => ({ point: p, horodatage: new Date(NOON.getTime() + j * H), delayS: i < bad ? 400 : 20 }))));
    },
  },
  {
    code: "T5",
    n: 100,
    build: async (t, n, bad) => {
      const pts = await craftPoints(t, n);
      await craftStatuses(
        pts.flatMap((p, i) => Array.from({ length: i < bad ? 1441 : 1 }, (_, j) => ({ point: p, horodatage: new Date(MIDNIGHT.getTime() + j * 50_000) }))),
      );
    },
  },
  {
    code: "T6",
    n: 50,
    build: async (t, n, bad) => {
      const pts = await craftPoints(t, n);
      await craftStatuses(
        pts.map((p, i) => ({ point: p, horodatage: new Date(NOON.getTime() - (i < bad ? 40 : 1) * 24 * H) })),
        { latest: true },
      );
    },
  },
  {
    code: "T7",
    n: 50,
    build: async (t, n, bad) => {
      const pts = await craftPoints(t, n);
      await craftStatuses(
        pts.slice(bad).map((p) => ({ point: p, horodatage: NOON })),
        { latest: true },
      );
    },
  },
  {
    code: "X1",
    n: 10,
    build: async (t, n, bad) => {
      const pts = await craftPoints(t, n);
      const start = new Date(NOON.getTime() - 2 * H);
      await craftSessions(
        t,
        pts,
        pts.map(() => ({ start, stop: new Date(start.getTime() + H), energyWh: 5000, receivedAt: NOON })),
      );
      await craftStatuses(
        pts.slice(bad).flatMap((p) => [
          { point: p, horodatage: start, occupation: "occupe" },
          { point: p, horodatage: new Date(start.getTime() + H), occupation: "libre" },
        ]),
      );
    },
  },
  {
    code: "X2",
    n: 5,
    build: async (t, n, bad) => {
      const pts = await craftPoints(t, n);
      const start = new Date(NOON.getTime() - 2 * H);
      await craftStatuses(pts.map((p) => ({ point: p, horodatage: start, occupation: "occupe" })));
      // A session received earlier covers each occupied status except the first `bad`.
      await craftSessions(
        t,
        pts.slice(bad),
        pts.slice(bad).map(() => ({ start: new Date(start.getTime() - 2 * MIN), stop: new Date(start.getTime() + H), energyWh: 5000, receivedAt: MIDNIGHT })),
      );
    },
  },
  {
    code: "X3",
    n: 100,
    build: async (t, n, bad) => {
      const pts = await craftPoints(t, n);
      const start = new Date(NOON.getTime() - 2 * H);
      await craftSessions(
        t,
        pts,
        pts.map(() => ({ start, stop: new Date(start.getTime() + H), energyWh: 5000, receivedAt: NOON })),
      );
      await craftStatuses(pts.map((p, i) => ({ point: p, horodatage: new Date(start.getTime() + MIN), occupation: i < bad ? "libre" : "occupe" })));
    },
  },
];

interface Result {
  checked: number;
  breaking: number;
  share: number;
  passed: boolean;
}

async function resultOf(t: DqTenant, code: string, scope: "unit" | "operator"): Promise<Result | undefined> {
  const [r] = await queryRows<Result>(
    await db(),
    sql`SELECT checked, breaking, share, passed FROM data_quality_result
         WHERE day = ${DAY}::date AND rule_code = ${code} AND scope_kind = ${scope} AND scope_code = ${scope === "unit" ? t.unit : t.operatorId}`,
  );
  return r;
}

async function run(c: Case, bad: number): Promise<Result | undefined> {
  const t = await makeDqTenant();
  await c.build(t, c.n, bad);
  await computeDataQualityDay(DAY, { only: { units: [t.unit], operatorIds: [t.operatorId] } });
  return resultOf(t, c.code, c.scope ?? "unit");
}

beforeAll(async () => {
  await ensureCommune();
  await execute(await db(), sql`SELECT ensure_status_partitions('2026-09-01'::date, 4)`);
});

describe("the data-quality rules at their tolerance", () => {
  it("has a case for every rule", () => {
    expect(new Set(CASES.map((c) => c.code))).toEqual(new Set(DATA_QUALITY_RULES.map((r) => r.code)));
  });

  for (const c of CASES) {
    it(`${c.code}${c.scope === "operator" ? " (ADVENIR operator)" : ""}: passes at its tolerance, fails just over it`, async () => {
      const rule = findRule(c.code)!;
      const k = c.k ?? Math.round(Number(rule.tolerance) * c.n);
      const at = await run(c, k);
      expect(at).toMatchObject({ checked: c.n, breaking: k, passed: true });
      expect(at!.share).toBeCloseTo(k / c.n, 12);
      const over = await run(c, k + 1);
      expect(over).toMatchObject({ checked: c.n, breaking: k + 1, passed: false });
    });
  }
});
