import { describe, expect, it } from "vitest";
import { summarize, delayClassOf } from "@/lib/irve/summarize-late-declarations";
import type { LateDeclaration } from "@/lib/irve/list-late-declarations";

const T = { minStations: 5, minBeneficiaries: 3 };
const REGIONS: Record<string, { code: string; name: string }> = {
  "69123": { code: "84", name: "Auvergne-Rhône-Alpes" },
  "75101": { code: "11", name: "Île-de-France" },
  "13201": { code: "93", name: "Provence-Alpes-Côte d'Azur" },
  "35238": { code: "53", name: "Bretagne" },
};

/** `n` late declarations in a commune, each on its own station, spread over `beneficiaries`. */
function late(inseeCode: string, n: number, beneficiaries: number, daysLate: number[], operator = "op-1"): LateDeclaration[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: "mise_en_service",
    eventDate: "2026-01-05",
    dueDate: "2026-01-19",
    declaredOn: "2026-01-30",
    daysLate: daysLate[i % daysLate.length],
    dossierReference: `ADV-${inseeCode}-${i}`,
    operatorName: `Opérateur ${operator}`,
    stationCode: `ST-${inseeCode}-${i}`,
    idPdcItinerance: null,
    operatorId: i % 2 ? operator : `${operator}-bis`,
    stationId: `st-${inseeCode}-${i}`,
    beneficiaryId: `b-${inseeCode}-${i % beneficiaries}`,
    inseeCode,
  }));
}

describe("summarize (late declarations for the committee)", () => {
  it("counts per région with operator count and median delay, hand-computed", () => {
    const items = [...late("69123", 6, 3, [2, 4, 30]), ...late("75101", 5, 5, [70])];
    const s = summarize(items, (c) => REGIONS[c], T);
    expect(s.total).toEqual({ secret: false, count: 11, operatorCount: 2, medianDaysLate: 30 });
    expect(s.regions).toEqual([
      // ARA: delays 2,4,30,2,4,30 → median (4 + 4) / 2 = 4; operators op-1 and op-1-bis.
      { code: "84", name: "Auvergne-Rhône-Alpes", secret: false, count: 6, operatorCount: 2, medianDaysLate: 4 },
      { code: "11", name: "Île-de-France", secret: false, count: 5, operatorCount: 2, medianDaysLate: 70 },
    ]);
    // 1–5 days: 4 declarations on 4 stations (too few): withheld, and with it the smallest other class.
    expect(s.delays).toEqual([
      { key: "1-5", label: "1 à 5 jours", secret: true },
      { key: "21-60", label: "21 à 60 jours", secret: true },
      { key: "61+", label: "plus de 60 jours", secret: false, count: 5, operatorCount: 2, medianDaysLate: 70 },
    ]);
  });

  it("withholds a small région so that neither it nor any single région follows from the total", () => {
    const items = [...late("69123", 8, 4, [3]), ...late("75101", 6, 3, [3]), ...late("13201", 9, 5, [3]), ...late("35238", 1, 1, [3])];
    const s = summarize(items, (c) => REGIONS[c], T);
    const secret = s.regions.filter((r) => r.secret).map((r) => r.code);
    expect(secret).toEqual(["53", "11"]); // Bretagne (primary), then Île-de-France, the smallest published one (secondary)
    // The attacker's arithmetic: total minus published régions is the sum of two withheld régions.
    const published = s.regions.reduce((n, r) => n + (r.secret ? 0 : r.count), 0);
    expect(s.total.secret ? null : s.total.count - published).toBe(7);
    expect(secret.length).toBeGreaterThan(1);
  });

  it("publishes nothing but the fact of secrecy when too few stations or beneficiaries are late", () => {
    const s = summarize(late("69123", 4, 4, [10]), (c) => REGIONS[c], T);
    expect(s.total).toEqual({ secret: true });
    expect(s.regions).toEqual([{ code: "84", name: "Auvergne-Rhône-Alpes", secret: true }]);
    expect(s.delays.every((d) => d.secret)).toBe(true);
  });

  it("lets no dossier, operator, station or beneficiary through", () => {
    const items = [...late("69123", 6, 3, [2]), ...late("75101", 5, 5, [70])];
    const text = JSON.stringify(summarize(items, (c) => REGIONS[c], T));
    expect(text).not.toMatch(/ADV-|ST-|st-|b-|op-1|Opérateur/);
  });

  it("sorts delays into their classes", () => {
    expect([1, 5, 6, 20, 21, 60, 61, 400].map(delayClassOf)).toEqual(["1-5", "1-5", "6-20", "6-20", "21-60", "21-60", "61+", "61+"]);
  });
});
