import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { awarePastDatetime, readIsoDatetime, readValidStatus, statusCreate } from "@/lib/schemas/qualicharge-status";

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

describe("readIsoDatetime's shortcut for toISOString()'s form", () => {
  it("reads as the general reading does the same instant written with +00:00", () => {
    const digit = fc.constantFrom(..."0123456789");
    const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(""));
    const iso = fc
      .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), fc.option(digits(3), { nil: undefined }), fc.constantFrom("-", "-", "/"))
      .map(([y, mo, d, h, mi, s, ms, sep]) => `${y}${sep}${mo}-${d}T${h}:${mi}:${s}${ms === undefined ? "" : `.${ms}`}Z`);
    const calendar = fc.date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString());
    let read = 0;
    fc.assert(
      fc.property(fc.oneof(iso, calendar), (value) => {
        const shortcut = readIsoDatetime(value);
        const general = readIsoDatetime(value.replace(/Z$/, "+00:00"));
        expect(shortcut?.instant.getTime()).toBe(general?.instant.getTime());
        if (shortcut) read++;
      }),
      { numRuns: 5000 },
    );
    expect(read).toBeGreaterThan(1000);
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

describe("readValidStatus, the bulk's shortcut around zod", () => {
  const now = Date.now();
  const ago = (ms: number) => new Date(now - ms).toISOString();
  // Each field from a pool of valid and invalid values (undefined: the key is absent).
  const field = {
    id_pdc_itinerance: ["FRABCE123", "FRA1B2C3D4E5", "Non concerné", "frabce123", "FR", "", 12, null, undefined],
    etat_pdc: ["en_service", "hors_service", "inconnu", "libre", "", null, undefined],
    occupation_pdc: ["libre", "occupe", "reserve", "inconnu", "en_service", 3, undefined],
    horodatage: [ago(1000), ago(23 * 3_600_000), ago(25 * 3_600_000), ago(-60_000), ago(1000).slice(0, 19), "2026-02-30T10:00:00Z", "hier", 0, undefined],
    etat_prise_type_2: ["fonctionnel", "hors_service", "inconnu", "occupe", null, undefined],
    etat_prise_type_ef: ["fonctionnel", "libre", null, undefined],
  };
  const status = fc.record(
    {
      ...Object.fromEntries(Object.entries(field).map(([k, values]) => [k, fc.constantFrom(...values)])),
      extra: fc.constantFrom(undefined, "x"),
    },
    { requiredKeys: [] },
  );
  const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined || Math.random() < 0.5));

  it("returns exactly what statusCreate returns, or leaves the item to it", () => {
    let taken = 0;
    fc.assert(
      fc.property(status, (raw) => {
        const item = clean(raw);
        const fast = readValidStatus(item, Date.now());
        const parsed = statusCreate.safeParse(item);
        if (fast) {
          taken++;
          expect(parsed.success).toBe(true);
          expect(fast).toEqual(parsed.data);
        }
      }),
      { numRuns: 3000 },
    );
    expect(taken).toBeGreaterThan(0);
  });

  it("takes every valid status of a client's usual shape", () => {
    const item = {
      id_pdc_itinerance: "FRABCE123",
      etat_pdc: "en_service",
      occupation_pdc: "occupe",
      horodatage: ago(60_000),
      etat_prise_type_2: "fonctionnel",
    };
    expect(readValidStatus(item)).toEqual({ ...item, horodatage: new Date(item.horodatage) });
    expect(readValidStatus({ ...item, etat_prise_type_ef: null })).toEqual({ ...item, horodatage: new Date(item.horodatage), etat_prise_type_ef: null });
    expect(readValidStatus({ ...item, horodatage: ago(25 * 3_600_000) })).toBeNull();
    expect(readValidStatus({ ...item, unknown: 1 })).toBeNull();
    expect(readValidStatus(JSON.parse(`{"__proto__": {"x": 1}, "id_pdc_itinerance": "FRABCE123"}`))).toBeNull();
  });
});
