import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { coverageGaps, detectCarbonFormat, parseElectricityMaps, parseRteEco2mix } from "@/lib/carbon/parse-carbon-file";
import { parisLocalToUtc } from "@/lib/platform/time/paris-time";
import { isAppError } from "@/lib/platform/errors";

const fixture = gunzipSync(readFileSync(path.join(import.meta.dirname, "fixtures", "rte_eco2mix-national-tr_2021-12.csv.gz"))).toString("utf8");
const iso = (ms: number) => new Date(ms).toISOString();
const RTE_HEADER = "Périmètre;Nature;Date;Heure;Date - Heure;Consommation (MW);Taux de CO2 (g/kWh)";
const rte = (rows: string[]) => [RTE_HEADER, ...rows].join("\n");

function error(fn: () => unknown): { message: string; fields: { path: string; message: string }[] } {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("Paris time", () => {
  it("resolves the repeated October hour to two instants and the skipped March hour to none", () => {
    expect(parisLocalToUtc("2023-10-29", "02:30").map(iso)).toEqual(["2023-10-29T00:30:00.000Z", "2023-10-29T01:30:00.000Z"]);
    expect(parisLocalToUtc("2023-03-26", "02:30")).toEqual([]);
    expect(parisLocalToUtc("2023-03-26", "03:00").map(iso)).toEqual(["2023-03-26T01:00:00.000Z"]);
    expect(parisLocalToUtc("2023-01-15", "12:00").map(iso)).toEqual(["2023-01-15T11:00:00.000Z"]);
  });
});

describe("RTE eCO2mix", () => {
  it("imports the real December 2021 export (rows out of order) as 744 hourly means in UTC", () => {
    expect(detectCarbonFormat(fixture)).toBe("rte_eco2mix");
    const parsed = parseRteEco2mix(fixture);
    expect(parsed.rowCount).toBe(2976);
    expect(parsed.hours.size).toBe(744);
    const hours = [...parsed.hours.keys()];
    expect(iso(hours[0])).toBe("2021-11-30T23:00:00.000Z"); // 1 December 00:00 Paris
    expect(iso(hours[743])).toBe("2021-12-31T22:00:00.000Z");
    expect(coverageGaps(parsed.hours)).toEqual([]);
    // Hand check of one hour from the raw rows: 11 December, 10:00–10:45 Paris = 09:00 UTC.
    const quarter = fixture
      .split("\n")
      .filter((l) => /;2021-12-11T10:\d{2}:00\+01:00;/.test(l))
      .map((l) => Number(l.split(";")[6]));
    expect(quarter).toHaveLength(4);
    expect(parsed.hours.get(Date.parse("2021-12-11T09:00:00Z"))).toBeCloseTo(quarter.reduce((a, b) => a + b) / 4, 9);
  });

  it("handles the October repeated hour and the March missing hour, with or without offsets", () => {
    // 29 October 2023: 02:00–02:59 occurs twice (UTC+2 then UTC+1). Rows shuffled.
    const withOffset = parseRteEco2mix(
      rte([
        "France;TR;2023-10-29;02:15;2023-10-29T02:15:00+01:00;1;40",
        "France;TR;2023-10-29;02:00;2023-10-29T02:00:00+02:00;1;10",
        "France;TR;2023-10-29;02:30;2023-10-29T02:30:00+02:00;1;20",
        "France;TR;2023-10-29;02:00;2023-10-29T02:00:00+01:00;1;30",
        "France;TR;2023-10-29;03:00;2023-10-29T03:00:00+01:00;1;;",
        "France;TR;2023-10-29;01:45;2023-10-29T01:45:00+02:00;1;5",
      ]),
    );
    expect([...withOffset.hours].map(([h, v]) => [iso(h), v])).toEqual([
      ["2023-10-28T23:00:00.000Z", 5],
      ["2023-10-29T00:00:00.000Z", 15],
      ["2023-10-29T01:00:00.000Z", 35],
    ]);
    expect(withOffset.ignoredRows).toBe(1);
    // Without « Date - Heure »: the first occurrence of 02:00 is summer time.
    const localOnly = parseRteEco2mix(["Date;Heure;Taux de CO2 (g/kWh)", "2023-10-29;02:00;10", "2023-10-29;02:00;30", "2023-10-29;03:00;50"].join("\n"));
    expect([...localOnly.hours].map(([h, v]) => [iso(h), v])).toEqual([
      ["2023-10-29T00:00:00.000Z", 10],
      ["2023-10-29T01:00:00.000Z", 30],
      ["2023-10-29T02:00:00.000Z", 50],
    ]);
    // 26 March 2023: 02:00–02:59 does not exist; 01:00 UTC+1 is followed by 03:00 UTC+2.
    const spring = parseRteEco2mix(["Date;Heure;Taux de CO2 (g/kWh)", "2023-03-26;03:00;20", "2023-03-26;01:45;10", "2023-03-26;01:00;12"].join("\n"));
    expect([...spring.hours].map(([h, v]) => [iso(h), v])).toEqual([
      ["2023-03-26T00:00:00.000Z", 11],
      ["2023-03-26T01:00:00.000Z", 20],
    ]);
    const skipped = error(() => parseRteEco2mix(["Date;Heure;Taux de CO2 (g/kWh)", "2023-03-26;02:30;10"].join("\n")));
    expect(skipped.fields).toEqual([{ path: "ligne 2, colonne « Heure »", message: "2023-03-26 02:30 n'existe pas à Paris (passage à l'heure d'été)" }]);
  });

  it("reports hours without any value as gaps", () => {
    const parsed = parseRteEco2mix(
      rte([
        "France;TR;2023-01-01;00:00;2023-01-01T00:00:00+01:00;1;30",
        "France;TR;2023-01-01;01:00;2023-01-01T01:00:00+01:00;1;",
        "France;TR;2023-01-01;03:00;2023-01-01T03:00:00+01:00;1;40",
      ]),
    );
    expect(coverageGaps(parsed.hours)).toEqual([{ from: "2023-01-01T00:00:00.000Z", to: "2023-01-01T02:00:00.000Z", hours: 2 }]);
  });

  it("rejects invalid rows with their line and column, in French", () => {
    const e = error(() =>
      parseRteEco2mix(
        rte([
          "France;TR;2023-01-01;00:00;2023-01-01T00:00:00+01:00;1;30",
          "France;TR;2023-01-01;00:15;2023-01-01 00:15;1;30",
          "France;TR;2023-01-01;00:30;2023-01-01T00:30:00+01:00;1;abc",
          "France;TR;2023-01-01;00:00;2023-01-01T00:00:00+01:00;1;31",
        ]),
      ),
    );
    expect(e.fields).toEqual([
      { path: "ligne 3, colonne « Date - Heure »", message: "horodatage « 2023-01-01 00:15 » invalide (attendu AAAA-MM-JJTHH:MM:SS+01:00)" },
      { path: "ligne 4, colonne « Taux de CO2 (g/kWh) »", message: "taux « abc » invalide (nombre positif en g/kWh attendu)" },
      { path: "ligne 5, colonne « Date - Heure »", message: "horodatage en double (déjà ligne 2)" },
    ]);
    expect(e.message).toMatch(/^Fichier eCO2mix invalide, rien n'a été importé : ligne 3/);
    expect(error(() => parseRteEco2mix("Date;Heure;Consommation\n2023-01-01;00:00;1")).fields[0]).toEqual({
      path: "ligne 1",
      message: "colonne « Taux de CO2 (g/kWh) » absente",
    });
  });
});

describe("Electricity Maps", () => {
  const shipped = (year: number) => gunzipSync(readFileSync(path.join(process.cwd(), "data", "carbon", `electricitymaps_FR_${year}_hourly.csv.gz`)));

  it("reads the 2022 (DD/MM/YYYY HH:MM) and 2023 (ISO) exports, 8,760 hours each", () => {
    for (const year of [2022, 2023]) {
      const parsed = parseElectricityMaps(shipped(year));
      expect(parsed.hours.size).toBe(8760);
      expect(iso([...parsed.hours.keys()][0])).toBe(`${year}-01-01T00:00:00.000Z`);
      expect(coverageGaps(parsed.hours)).toEqual([]);
      const mean = [...parsed.hours.values()].reduce((a, b) => a + b) / 8760;
      expect(Math.round(mean)).toBe(year === 2022 ? 61 : 30);
    }
    expect(parseElectricityMaps(shipped(2022)).hours.get(Date.parse("2022-01-01T01:00:00Z"))).toBe(26.73);
    expect(parseElectricityMaps(shipped(2023)).hours.get(Date.parse("2023-01-01T01:00:00Z"))).toBe(36.53);
  });

  it("rejects a bad date or value with line and column, and leaves empty intensities as gaps", () => {
    const header = "Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA)";
    const ok = parseElectricityMaps(
      [header, "2023-01-01 00:00:00,France,France,FR,35.34,56", "2023-01-01 01:00:00,France,France,FR,,56", "2023-01-01 02:00:00,France,France,FR,30,50"].join(
        "\n",
      ),
    );
    expect(ok.hours.size).toBe(2);
    expect(coverageGaps(ok.hours)).toEqual([{ from: "2023-01-01T01:00:00.000Z", to: "2023-01-01T02:00:00.000Z", hours: 1 }]);
    const e = error(() =>
      parseElectricityMaps(
        [header, "31/02/2023 00:00,France,France,FR,35,56", "2023-01-01 01:30:00,France,France,FR,3,5", "2023-01-01 02:00:00,France,France,FR,-4,5"].join("\n"),
      ),
    );
    expect(e.fields).toEqual([
      { path: "ligne 2, colonne « Datetime (UTC) »", message: "date « 31/02/2023 00:00 » invalide (attendu JJ/MM/AAAA HH:MM ou AAAA-MM-JJ HH:MM:SS)" },
      { path: "ligne 3, colonne « Datetime (UTC) »", message: "« 2023-01-01 01:30:00 » n'est pas une heure pleine" },
      { path: "ligne 4, colonne « Carbon Intensity gCO₂eq/kWh (direct) »", message: "intensité « -4 » invalide (nombre positif en g/kWh attendu)" },
    ]);
  });
});
