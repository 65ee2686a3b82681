import { describe, expect, it } from "vitest";
import { filingDeadline, quarterBounds, quarterOf } from "@/lib/tiruert/quarter";
import { exclusionReasons, isLate } from "@/lib/tiruert/session-exclusion";
import { provisionalCertifiedWh, q4Correction } from "@/lib/tiruert/certified-quantity";
import { pointEligibility } from "@/lib/tiruert/eligibility";
import { meterFitsCurrent } from "@/lib/tiruert/meter-types";
import { canonicalJson } from "@/lib/tiruert/statement-content";

const HOUR = 3_600_000;

describe("quarters in Paris time", () => {
  it("starts each quarter at 00:00 Paris: UTC+1 on 1 January, UTC+2 on 1 April, 1 July and 1 October", () => {
    expect(quarterBounds({ year: 2025, quarter: 1 }).start.toISOString()).toBe("2024-12-31T23:00:00.000Z");
    expect(quarterBounds({ year: 2025, quarter: 1 }).end.toISOString()).toBe("2025-03-31T22:00:00.000Z");
    expect(quarterBounds({ year: 2025, quarter: 3 }).start.toISOString()).toBe("2025-06-30T22:00:00.000Z");
    expect(quarterBounds({ year: 2025, quarter: 4 }).end.toISOString()).toBe("2025-12-31T23:00:00.000Z");
  });

  it("gives Q1 one hour less (spring change) and Q4 one more (autumn change)", () => {
    const hours = (q: 1 | 4) => {
      const b = quarterBounds({ year: 2025, quarter: q });
      return (b.end.getTime() - b.start.getTime()) / HOUR;
    };
    expect(hours(1)).toBe(90 * 24 - 1);
    expect(hours(4)).toBe(92 * 24 + 1);
  });

  it("places a session by its end in Paris, not in UTC", () => {
    // 31 March 2025 23:30 Paris (summer time since 30 March) = 21:30 UTC: Q1.
    expect(quarterOf(Date.parse("2025-03-31T21:30:00Z"))).toEqual({ year: 2025, quarter: 1 });
    // 1 April 2025 00:10 Paris = 31 March 22:10 UTC: Q2 although still 31 March in UTC.
    expect(quarterOf(Date.parse("2025-03-31T22:10:00Z"))).toEqual({ year: 2025, quarter: 2 });
    // 1 January 2025 00:30 Paris = 31 December 23:30 UTC: Q1 2025.
    expect(quarterOf(Date.parse("2024-12-31T23:30:00Z"))).toEqual({ year: 2025, quarter: 1 });
  });

  it("keeps both clock changes inside their quarter", () => {
    // Spring: 30 March 2025, 01:59 Paris (UTC+1) then 03:00 (UTC+2).
    expect(quarterOf(Date.parse("2025-03-30T00:59:00Z"))).toEqual({ year: 2025, quarter: 1 });
    expect(quarterOf(Date.parse("2025-03-30T01:00:00Z"))).toEqual({ year: 2025, quarter: 1 });
    // Autumn: 26 October 2025, 02:30 Paris happens twice (00:30 and 01:30 UTC): both Q4.
    expect(quarterOf(Date.parse("2025-10-26T00:30:00Z"))).toEqual({ year: 2025, quarter: 4 });
    expect(quarterOf(Date.parse("2025-10-26T01:30:00Z"))).toEqual({ year: 2025, quarter: 4 });
    // The last instant of Q3 and the first of Q4 (1 October 00:00 Paris = 30 September 22:00 UTC).
    expect(quarterOf(Date.parse("2025-09-30T21:59:59Z"))).toEqual({ year: 2025, quarter: 3 });
    expect(quarterOf(Date.parse("2025-09-30T22:00:00Z"))).toEqual({ year: 2025, quarter: 4 });
  });

  it("sets the deadlines on 15 April, 15 July, 15 October and 15 January", () => {
    expect([1, 2, 3, 4].map((quarter) => filingDeadline({ year: 2025, quarter: quarter as 1 | 2 | 3 | 4 }))).toEqual([
      "2025-04-15",
      "2025-07-15",
      "2025-10-15",
      "2026-01-15",
    ]);
  });
});

describe("exclusions", () => {
  const stopAt = new Date("2025-01-10T10:00:00Z");
  const at = (ms: number) => new Date(stopAt.getTime() + ms);

  it("counts a session received within 15 × 24 h of its end, excludes one received later", () => {
    expect(isLate({ stopAt, receivedAt: at(15 * 24 * HOUR) })).toBe(false);
    expect(isLate({ stopAt, receivedAt: at(15 * 24 * HOUR + 1000) })).toBe(true);
    expect(exclusionReasons({ stopAt, receivedAt: at(HOUR), qualityFlags: [], duplicate: false })).toEqual([]);
  });

  it("lists every reason, in a fixed order", () => {
    expect(exclusionReasons({ stopAt, receivedAt: at(16 * 24 * HOUR), qualityFlags: ["energie_excessive", "duree_excessive"], duplicate: true })).toEqual([
      "doublon",
      "qualite:duree_excessive",
      "qualite:energie_excessive",
      "transmise_en_retard",
    ]);
  });
});

describe("certified quantity and the Q4 correction", () => {
  it("is 25 % of the energy provisionally", () => {
    expect(provisionalCertifiedWh(396_861)).toBe(99_215.25);
  });

  it("stays en attente while a share of the two previous years is missing", () => {
    expect(q4Correction({ year: 2024, yearEnergyWh: 1000, shares: new Map([[2023, 30]]) })).toEqual({
      status: "en_attente",
      shareYears: [2022, 2023],
      missingYears: [2022],
    });
    expect(q4Correction({ year: 2024, yearEnergyWh: 1000, shares: new Map() })).toMatchObject({ status: "en_attente", missingYears: [2022, 2023] });
  });

  it("uses the mean share of years Y−2 and Y−1", () => {
    // 1,000,000 Wh × (24 + 28.5) / 2 % = 262,500 Wh; provisional 250,000 Wh; correction +12,500 Wh.
    expect(
      q4Correction({
        year: 2024,
        yearEnergyWh: 1_000_000,
        shares: new Map([
          [2021, 99],
          [2022, 24],
          [2023, 28.5],
          [2024, 1],
        ]),
      }),
    ).toEqual({
      status: "calculee",
      shareYears: [2022, 2023],
      sharesPercent: [24, 28.5],
      meanSharePercent: 26.25,
      yearEnergyWh: 1_000_000,
      provisionalCertifiedWh: 250_000,
      definitiveCertifiedWh: 262_500,
      correctionWh: 12_500,
    });
    // A share below 25 % gives a negative correction.
    expect(
      q4Correction({
        year: 2024,
        yearEnergyWh: 1000,
        shares: new Map([
          [2022, 20],
          [2023, 22],
        ]),
      }),
    ).toMatchObject({ definitiveCertifiedWh: 210, correctionWh: -40 });
  });
});

describe("eligibility and meters", () => {
  const base = { nominalPowerKw: 22, withdrawn: false, decommissioned: false };
  it("admits a point in free access, with its current", () => {
    expect(pointEligibility({ ...base, irve: { condition_acces: "Accès libre", prise_type_2: true } })).toEqual({ eligible: true, current: "AC" });
    expect(pointEligibility({ ...base, irve: { condition_acces: "Accès libre", prise_type_combo_ccs: "True" } })).toEqual({ eligible: true, current: "DC" });
    expect(pointEligibility({ ...base, nominalPowerKw: 50, irve: { condition_acces: "Accès libre" } })).toEqual({ eligible: true, current: "DC" });
  });

  it("refuses reserved access, missing static data and withdrawn points, saying why", () => {
    expect(pointEligibility({ ...base, irve: { condition_acces: "Accès réservé" } })).toEqual({
      eligible: false,
      reason: "accès « Accès réservé » : seuls les points en accès libre entrent dans le dispositif",
    });
    expect(pointEligibility({ ...base, irve: null })).toMatchObject({ eligible: false, reason: expect.stringContaining("données statiques IRVE absentes") });
    expect(pointEligibility({ ...base, withdrawn: true, irve: { condition_acces: "Accès libre" } })).toMatchObject({ eligible: false });
  });

  it("matches meter types to the current", () => {
    expect(meterFitsCurrent("mid_ac", "AC")).toBe(true);
    expect(meterFitsCurrent("mid_ac", "DC")).toBe(false);
    expect(meterFitsCurrent("dc_conforme", "AC")).toBe(false);
    expect(meterFitsCurrent("pdl_dedie", "DC")).toBe(true);
  });
});

describe("canonical JSON", () => {
  it("sorts keys at every level and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });
});

describe("form schemas", () => {
  it("reads the registration form's checked points and names the field of each error in French", async () => {
    const { registerPointsSchema, fileStatementSchema } = await import("@/lib/schemas/tiruert");
    const { parseInput } = await import("@/lib/schemas/validation");
    const id = "0b5c9a4e-3a52-4c1e-9d7e-1f2a3b4c5d6e";
    expect(parseInput(registerPointsSchema, { [`point:${id}`]: "on", [`meter:${id}`]: "mid_ac", "meter:other": "mid_ac" })).toEqual({
      points: [{ chargePointId: id, meterType: "mid_ac" }],
    });
    expect(() => parseInput(registerPointsSchema, { [`point:${id}`]: "on", [`meter:${id}`]: "" })).toThrow(
      "0.meterType : choisissez le type de compteur du point",
    );
    expect(() => parseInput(registerPointsSchema, {})).toThrow("cochez au moins un point");
    const { statementIdSchema } = await import("@/lib/schemas/tiruert");
    expect(() => parseInput(statementIdSchema, { id: "1" })).toThrow("id : identifiant d'état invalide");
    expect(() => parseInput(fileStatementSchema, { siren: "12345", year: "2024", quarter: "5", expectedVersion: "0" })).toThrow(
      "siren : SIREN de 9 chiffres attendu ; quarter : trimestre de 1 à 4",
    );
  });
});
