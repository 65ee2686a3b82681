import { describe, expect, it } from "vitest";
import { EMI3_POINT, EMI3_STATION, HORAIRES, INSEE_CODE, PDL, emi3Prefix, parseBoolean, parseCoordinates, territoryOf } from "@/lib/schemas/irve-validators";

describe("eMI3 identifiers", () => {
  it("accepts station and point ids of the real files", () => {
    expect(EMI3_STATION.test("FRPD1PCORGLG")).toBe(true);
    expect(EMI3_POINT.test("FRPD1ECORGLGSLM100013")).toBe(true);
    expect(emi3Prefix("FRPD1PCORGLG")).toBe(emi3Prefix("FRPD1ECORGLGSLM100013"));
  });
  it("refuses separators, lower case, and a point id used as a station", () => {
    expect(EMI3_STATION.test("FR*PD1*PCORGLG")).toBe(false);
    expect(EMI3_STATION.test("frpd1pcorglg")).toBe(false);
    expect(EMI3_STATION.test("FRPD1ECORGLG")).toBe(false);
    expect(EMI3_POINT.test("FRPD1PCORGLG")).toBe(false);
    expect(EMI3_STATION.test("ESZUNP395912133460086982")).toBe(false); // not French: the schema's invalid example
    expect(EMI3_STATION.test("Non concerné")).toBe(false);
  });
  it("detects a prefix mismatch", () => {
    expect(emi3Prefix("FRA68P68021001")).not.toBe(emi3Prefix("FRPD1E680210015"));
  });
});

describe("PDL", () => {
  it("needs exactly 14 digits", () => {
    expect(PDL.test("50025843262120")).toBe(true);
    expect(PDL.test("5002584326212")).toBe(false);
    expect(PDL.test("5002584326212A")).toBe(false);
  });
});

describe("INSEE code format", () => {
  it("accepts mainland, Corsica and overseas codes", () => {
    for (const code of ["75056", "01001", "2A004", "2B033", "97411", "97608"]) expect(INSEE_CODE.test(code)).toBe(true);
  });
  it("refuses malformed codes", () => {
    for (const code of ["7505", "20004", "2C004", "ABCDE", "750561"]) expect(INSEE_CODE.test(code)).toBe(false);
  });
});

describe("coordinates inside France", () => {
  it("places points in mainland France and overseas", () => {
    expect(territoryOf(2.418161, 48.97489)).toBe("France métropolitaine et Corse");
    expect(territoryOf(9.45, 42.7)).toBe("France métropolitaine et Corse");
    expect(territoryOf(55.45, -20.88)).toBe("La Réunion");
    expect(territoryOf(-61.55, 16.25)).toBe("Guadeloupe");
    expect(territoryOf(-52.33, 4.93)).toBe("Guyane");
    expect(territoryOf(45.13, -12.78)).toBe("Mayotte");
  });
  it("refuses points abroad or with swapped axes", () => {
    expect(territoryOf(13.4, 52.5)).toBeNull(); // Berlin
    expect(territoryOf(48.97489, 2.418161)).toBeNull(); // lat/lon swapped
    expect(territoryOf(0, 0)).toBeNull();
  });
  it("parses the schema's [lon, lat] text", () => {
    expect(parseCoordinates("[2.418161, 48.97489]")).toEqual({ lon: 2.418161, lat: 48.97489 });
    expect(parseCoordinates("[7.48710500,48.345345]")).toEqual({ lon: 7.487105, lat: 48.345345 });
    expect(parseCoordinates("2.4, 48.9")).toBeNull();
  });
});

describe("opening hours", () => {
  it("accepts 24/7 and OSM-style rules", () => {
    for (const h of [
      "24/7",
      "Mo-Fr 08:00-12:00,Mo-Fr 14:00-18:00,Th 08:00-18:00",
      "Mo-Su 00:00-24:00",
      "08:00-20:00",
      "Mo-Fr 08:00-12:00 14:00-18:00",
      "Mo-Sa 07:00-21:00, Su off",
    ])
      expect(HORAIRES.test(h), h).toBe(true);
  });
  it("refuses free text and malformed times", () => {
    for (const h of ["tous les jours", "24h/24", "Mo-Fr 8h-12h", "Mo-Fr 08:00", "Lu-Ve 08:00-12:00", "Mo-Fr 25:00-26:00"])
      expect(HORAIRES.test(h), h).toBe(false);
  });
});

describe("booleans", () => {
  it("reads the spellings of real files", () => {
    expect(parseBoolean("True")).toBe(true);
    expect(parseBoolean("FALSE")).toBe(false);
    expect(parseBoolean("peut-être")).toBeNull();
  });
});
