import { describe, expect, it } from "vitest";
import { awarePastDatetime, readIsoDatetime, statusCreate } from "@/lib/schemas/qualicharge-status";

// The date-times of QualiCharge statuses, read without reparsing (they run for every item of a bulk).

describe("readIsoDatetime", () => {
  it("reads UTC, offsets in every ISO form, fractions, and a space as separator", () => {
    const at = (v: string) => readIsoDatetime(v)?.instant.toISOString();
    expect(at("2026-12-05T10:00:00Z")).toBe("2026-12-05T10:00:00.000Z");
    expect(at("2026-12-05T11:00:00+01:00")).toBe("2026-12-05T10:00:00.000Z");
    expect(at("2026-12-05T11:00:00.5+0100")).toBe("2026-12-05T10:00:00.500Z");
    expect(at("2026-12-05T05:00-05")).toBe("2026-12-05T10:00:00.000Z");
    expect(at("2026-12-05 10:00:00.123456z")).toBe("2026-12-05T10:00:00.123Z");
    expect(at("2024-02-29T00:00:00-02:30")).toBe("2024-02-29T02:30:00.000Z");
  });

  it("tells naive date-times apart and refuses what is not a calendar date and time", () => {
    expect(readIsoDatetime("2026-12-05T10:00:00")).toEqual({ instant: new Date("2026-12-05T10:00:00Z"), aware: false });
    expect(readIsoDatetime("2026-12-05T10:00:00Z")?.aware).toBe(true);
    for (const bad of [
      "2026-02-30T10:00:00Z",
      "2025-02-29T10:00:00Z",
      "2026-13-01T00:00:00Z",
      "2026-12-05T24:00:00Z",
      "2026-12-05T10:60:00Z",
      "2026-12-05",
      "yesterday",
      "",
    ])
      expect(readIsoDatetime(bad), bad).toBeNull();
  });
});

describe("a status's horodatage", () => {
  const now = Date.parse("2026-12-05T12:00:00Z");
  const horodatage = awarePastDatetime(24 * 3_600_000, () => now);
  it("is in the past and at most 24 h old", () => {
    expect(horodatage.safeParse("2026-12-05T11:59:59Z").success).toBe(true);
    expect(horodatage.safeParse("2026-12-04T12:00:00Z").success).toBe(true);
    expect(horodatage.safeParse("2026-12-04T11:59:59Z").error?.issues[0]).toMatchObject({ params: { type: "value_error" } });
    expect(horodatage.safeParse("2026-12-05T12:00:00Z").error?.issues[0]).toMatchObject({ params: { type: "datetime_past" } });
    expect(horodatage.safeParse("2026-12-05T11:00:00").error?.issues[0]).toMatchObject({ params: { type: "timezone_aware" } });
  });

  it("keeps the optional plug states optional and nullable", () => {
    const base = { id_pdc_itinerance: "FRABCE123", etat_pdc: "inconnu", occupation_pdc: "reserve", horodatage: new Date(Date.now() - 1000).toISOString() };
    expect(statusCreate.safeParse(base).success).toBe(true);
    expect(statusCreate.safeParse({ ...base, etat_prise_type_ef: null }).success).toBe(true);
    expect(statusCreate.safeParse({ ...base, etat_prise_type_ef: "libre" }).success).toBe(false);
  });
});
