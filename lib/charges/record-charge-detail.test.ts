import { describe, expect, it } from "vitest";
import { decide, type ChargeDetail } from "@/lib/charges/record-charge-detail";

// The rules of a GIREVE session's charge and curve (ADR 0023), on the pure decision: what each
// record changes given what is stored.

const T0 = Date.UTC(2026, 10, 2, 8, 0, 0) / 1000;
const record = (nature: ChargeDetail["nature"], minutes: number, energyWh: number, startOffsetMin = 0): ChargeDetail => ({
  idPdcItinerance: "FRABCE1",
  operatorCode: "FRABC",
  serviceSessionId: "S",
  nature,
  start: new Date((T0 + startOffsetMin * 60) * 1000),
  end: new Date((T0 + minutes * 60) * 1000),
  energyWh,
});
const curve = (points: [number, number][]) => ({ start_s: T0, offsets: points.map(([m]) => m * 60), values: points.map(([, v]) => v), door: "GIREVE" });
const operation = (minutes: number, energy: number, flags: string[] = []) => ({
  start_s: T0,
  stop_s: T0 + minutes * 60,
  energy_wh: energy,
  door: "GIREVE",
  flags,
});

describe("a GIREVE session's records", () => {
  it("starts a curve at the session's origin with the first intermediate record", () => {
    const d = decide(record("intermediate", 5, 900), null, null, 22);
    expect(d.curve).toMatchObject({ startS: T0, offsets: [0, 300], values: [0, 900], energyWh: 900, flags: [] });
    expect(d.operation).toBeUndefined();
  });

  it("keeps the first value of a reading sent twice with another value, and changes nothing for an exact repeat", () => {
    const stored = curve([
      [0, 0],
      [5, 900],
    ]);
    expect(decide(record("intermediate", 5, 900), null, stored, 22)).toMatchObject({ kind: "write", warnings: [] });
    expect(decide(record("intermediate", 5, 900), null, stored, 22).curve).toBeUndefined();
    const other = decide(record("intermediate", 5, 950), null, stored, 22);
    expect(other.curve).toBeUndefined();
    expect(other.warnings[0]).toContain("déjà reçu avec 900 Wh");
  });

  it("fixes the charge with the final record, drops readings outside it, and gives an implausible charge's flags to its curve", () => {
    const stored = curve([
      [0, 0],
      [5, 900],
      [10, 1800],
      [40, 5000],
    ]);
    const d = decide(record("final", 30, 4000), null, stored, 22);
    expect(d.operation).toEqual({ startS: T0, stopS: T0 + 1800, energyWh: 4000, flags: [] });
    expect(d.curve).toMatchObject({ offsets: [0, 300, 600, 1800], values: [0, 900, 1800, 4000], flags: [] });
    // 30 kWh in 30 minutes on a 22 kW point: implausible, whichever row the indicators read.
    const big = decide(record("final", 30, 30_000), null, stored, 22);
    expect(big.operation!.flags).toEqual(["energie_superieure_puissance"]);
    expect(big.curve!.flags).toContain("energie_superieure_puissance");
  });

  it("answers a conflict for a second final with other values, nothing for the same one", () => {
    const same = decide(record("final", 30, 4000), operation(30, 4000), null, 22);
    expect(same.kind).toBe("write");
    expect([same.operation, same.curve]).toEqual([undefined, undefined]);
    expect(decide(record("final", 30, 4100), operation(30, 4000), null, 22)).toMatchObject({ kind: "conflict" });
    expect(decide(record("final", 35, 4000), operation(30, 4000), null, 22)).toMatchObject({ kind: "conflict" });
  });

  it("keeps an intermediate arriving after the final only when it fits between its neighbours and the final", () => {
    const stored = curve([
      [0, 0],
      [10, 1800],
      [30, 4000],
    ]);
    const fits = decide(record("intermediate", 20, 3000), operation(30, 4000), stored, 22);
    expect(fits.curve).toMatchObject({ offsets: [0, 600, 1200, 1800], values: [0, 1800, 3000, 4000] });
    for (const late of [
      record("intermediate", 20, 4500),
      record("intermediate", 20, 1000),
      record("intermediate", 40, 4000),
      record("intermediate", 20, 3000, 1),
    ]) {
      const d = decide(late, operation(30, 4000), stored, 22);
      expect(d.curve).toBeUndefined();
      expect(d.warnings[0]).toContain("incohérent");
    }
  });

  it("flags a decreasing series, and refuses a session already received through another door", () => {
    const stored = curve([
      [0, 0],
      [5, 900],
    ]);
    const d = decide(record("intermediate", 10, 400), null, stored, 22);
    expect(d.curve).toMatchObject({ values: [0, 900, 400] });
    expect(d.curve!.flags).toContain("index_decroissant");
    expect(decide(record("final", 10, 400), { ...operation(10, 400), door: "ADVENIR" }, null, 22)).toMatchObject({ kind: "conflict" });
  });
});
