import { describe, expect, it } from "vitest";
import { suppressSmallGroups, type Group } from "@/lib/anonymity/suppress-small-groups";

const T = { minStations: 5, minBeneficiaries: 3 };

/** A group of `stations` stations spread round-robin over `beneficiaries` beneficiaries. */
function group(key: string, stations: number, beneficiaries: number, count = stations): Group {
  const s = new Set<string>();
  const b = new Set<string>();
  for (let i = 0; i < stations; i++) {
    s.add(`${key}-s${i}`);
    b.add(`${key}-b${i % beneficiaries}`);
  }
  return { key, count, stations: s, beneficiaries: b };
}

/** What an attacker computes: the total minus every published count. */
function residue(groups: Group[], out: ReturnType<typeof suppressSmallGroups>): number {
  const total = groups.reduce((n, g) => n + g.count, 0);
  return total - out.reduce((n, o) => n + (o.secret ? 0 : o.count), 0);
}

describe("suppressSmallGroups", () => {
  it("publishes groups that pass both thresholds", () => {
    const groups = [group("84", 6, 3), group("93", 5, 4)];
    expect(suppressSmallGroups(groups, T)).toEqual([
      { key: "84", secret: false, count: 6, stationCount: 6 },
      { key: "93", secret: false, count: 5, stationCount: 5 },
    ]);
  });

  it("withholds a small group and, so that it cannot be subtracted from the total, the smallest other one", () => {
    const groups = [group("11", 9, 4), group("84", 6, 3), group("93", 20, 6), group("53", 2, 1)];
    const out = suppressSmallGroups(groups, T);
    expect(out).toEqual([
      { key: "11", secret: false, count: 9, stationCount: 9 },
      { key: "84", secret: true, reason: "secondaire" },
      { key: "93", secret: false, count: 20, stationCount: 20 },
      { key: "53", secret: true, reason: "primaire" },
    ]);
    // The attacker learns only the sum of two groups, which itself passes the thresholds.
    expect(residue(groups, out)).toBe(8);
  });

  it("withholds more groups until the withheld ones together pass the thresholds", () => {
    // Three small groups of one beneficiary each: together 3 stations, 3 beneficiaries (< 5 stations).
    const groups = [group("11", 30, 10), group("84", 7, 3), group("93", 8, 4), group("53", 1, 1), group("44", 1, 1), group("52", 1, 1)];
    const out = suppressSmallGroups(groups, T);
    const secret = out.filter((o) => o.secret).map((o) => o.key);
    expect(secret).toEqual(["84", "53", "44", "52"]);
    expect(out.find((o) => o.key === "84")).toEqual({ key: "84", secret: true, reason: "secondaire" });
  });

  it("withholds a single group that is the only one below the threshold even when the rest is large", () => {
    const groups = [group("11", 100, 40), group("53", 4, 4)];
    const out = suppressSmallGroups(groups, T);
    expect(out.every((o) => o.secret)).toBe(true);
  });

  it("withholds groups the caller names first, counting their stations in the withheld union", () => {
    // "b" passes here but not in another period: withheld, and with the small "c" the two gather 6 stations: "a" stays published.
    const groups = [group("a", 8, 4), group("b", 5, 3), group("c", 1, 1)];
    expect(suppressSmallGroups(groups, T, new Set(["b"]))).toEqual([
      { key: "a", secret: false, count: 8, stationCount: 8 },
      { key: "b", secret: true, reason: "primaire" },
      { key: "c", secret: true, reason: "primaire" },
    ]);
    expect(suppressSmallGroups(groups, T).map((o) => o.secret)).toEqual([false, true, true]);
    expect(suppressSmallGroups(groups, T)[1]).toEqual({ key: "b", secret: true, reason: "secondaire" });
  });

  it("publishes nothing when the total itself is too small", () => {
    const groups = [group("11", 3, 2), group("84", 1, 1)];
    expect(suppressSmallGroups(groups, T)).toEqual([
      { key: "11", secret: true, reason: "primaire" },
      { key: "84", secret: true, reason: "primaire" },
    ]);
  });

  it("counts a beneficiary present in several groups once in their union", () => {
    const shared = (key: string): Group => ({ key, count: 3, stations: new Set([`${key}1`, `${key}2`, `${key}3`]), beneficiaries: new Set(["b1"]) });
    const groups = [group("11", 10, 5), shared("53"), shared("44")];
    const out = suppressSmallGroups(groups, T);
    // 53 and 44 together: 6 stations but one beneficiary: not enough, so 11 is withheld too.
    expect(out.map((o) => o.secret)).toEqual([true, true, true]);
  });
});
