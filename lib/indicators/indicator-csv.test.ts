import { describe, expect, it } from "vitest";
import { indicatorCsv, indicatorCsvFileName, indicatorCsvHrefs, type IndicatorCsvInput } from "@/lib/indicators/indicator-csv";
import type { RunInfo } from "@/lib/indicators/read-cells";

// The committee's CSV exports: what the first line and the file name say, the formats, withheld
// cells and revisions. Pure: the tables come from lib/indicators/dashboard-tables.ts.

const run: RunInfo = {
  runId: "0b7e4c2a-1111-4222-8333-444455556666",
  computedAt: new Date("2026-12-05T09:30:00Z"),
  periodFrom: new Date("2023-01-01T00:00:00Z"),
  periodTo: new Date("2024-01-01T00:00:00Z"),
  anonMinStations: 5,
  anonMinBeneficiaries: 3,
  carbonGapHours: 0,
  series: { id: 1, name: "rte-eco2mix", version: 2, source: "RTE", licence: "Licence Ouverte", attribution: "RTE" },
};

const base: IndicatorCsvInput = {
  view: "carbone-par-heure",
  run,
  context: {
    filters: { periodKind: "month", periodStart: "2023-01-01", meshLevel: "departement", meshCode: "29", channel: "ADVENIR", indicator: undefined },
    areas: [{ code: "29", name: "Finistère" }],
  },
  table: {
    columns: [
      { key: "heure", label: "Heure (heure de Paris)" },
      { key: "recharge", label: "Recharge (gCO₂/kWh)" },
      { key: "revision", label: "Révision" },
    ],
    rows: [
      { heure: "00 h", recharge: 41.5, revision: "révisé le 5 décembre 2026 : données tardives" },
      { heure: "01 h", recharge: "secret statistique", revision: null },
    ],
  },
  format: "excel-fr",
};

describe("indicator CSV exports", () => {
  it("opens in French Excel: BOM, `;`, decimal comma, a first line saying indicator, period, mesh, channel, run and series", () => {
    const { body, fileName } = indicatorCsv(base);
    expect(body.charCodeAt(0)).toBe(0xfeff);
    expect(body.slice(1).split("\r\n")).toEqual([
      "Indicateur : Intensité carbone par heure (recharge et réseau);Période : janvier 2023 (mois);Maille : Département Finistère (29);Canal : ADVENIR;" +
        "Calcul : calcul du 05/12/2026 10:30 (heure de Paris), n° 0b7e4c2a-1111-4222-8333-444455556666;Série carbone : rte-eco2mix version 2",
      "Heure (heure de Paris);Recharge (gCO₂/kWh);Révision",
      "00 h;41,5;révisé le 5 décembre 2026 : données tardives",
      "01 h;secret statistique;",
      "",
    ]);
    expect(fileName).toBe(
      "indicateurs_carbone-par-heure_mois_2023-01-01_departement-29_ADVENIR_calcul-20261205-1030-0b7e4c2a-1111-4222-8333-444455556666_serie-rte-eco2mix-v2_excel-fr.csv",
    );
  });

  it("offers the standard variant: `,`, decimal point, no BOM, the same first line", () => {
    const { body, fileName } = indicatorCsv({ ...base, format: "standard" });
    expect(body.charCodeAt(0)).not.toBe(0xfeff);
    const lines = body.split("\r\n");
    expect(lines[0]).toMatch(
      /^Indicateur : Intensité carbone par heure \(recharge et réseau\),Période : janvier 2023 \(mois\),Maille : Département Finistère \(29\),Canal : ADVENIR,/,
    );
    expect(lines.slice(1, 4)).toEqual([
      "Heure (heure de Paris),Recharge (gCO₂/kWh),Révision",
      "00 h,41.5,révisé le 5 décembre 2026 : données tardives",
      "01 h,secret statistique,",
    ]);
    expect(fileName).toMatch(/_standard\.csv$/);
  });

  it("names two different exports differently: every parameter, the run, the series and the format are in the name", () => {
    const f = base.context.filters;
    const variants: IndicatorCsvInput[] = [
      base,
      { ...base, view: "profil-de-charge" },
      { ...base, format: "standard" },
      { ...base, context: { ...base.context, filters: { ...f, periodStart: "2023-02-01" } } },
      { ...base, context: { ...base.context, filters: { ...f, periodKind: "quarter" } } },
      { ...base, context: { ...base.context, filters: { ...f, meshCode: "2A" } } },
      { ...base, context: { ...base.context, filters: { ...f, meshLevel: "national", meshCode: "FR" } } },
      { ...base, context: { ...base.context, filters: { ...f, channel: "all" } } },
      { ...base, run: { ...run, runId: "0b7e4c2a-1111-4222-8333-444455556667" } },
      { ...base, run: { ...run, series: { ...run.series!, version: 3 } } },
      { ...base, run: { ...run, series: null } },
      { ...base, view: "carte", context: { ...base.context, filters: { ...f, indicator: "energy_kwh" } } },
      { ...base, view: "carte", context: { ...base.context, filters: { ...f, indicator: "carbon_intensity_charging" } } },
    ];
    const names = variants.map(indicatorCsvFileName);
    expect(new Set(names).size).toBe(variants.length);
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9._-]+\.csv$/);
  });

  it("says what a map and a series of every period hold", () => {
    const map = indicatorCsv({
      ...base,
      view: "carte",
      context: { ...base.context, filters: { ...base.context.filters, indicator: "carbon_intensity_charging" } },
    });
    expect(map.body.split("\r\n")[0]).toMatch(
      /^\uFEFFIndicateur : Carte : Intensité carbone de la recharge;Période : janvier 2023 \(mois\);Maille : toutes les zones de la maille département;/,
    );
    const monthly = indicatorCsv({ ...base, view: "carbone-par-mois" });
    expect(monthly.body.split("\r\n")[0]).toMatch(/;Période : toutes les périodes publiées \(mois\);/);
    expect(monthly.fileName).toMatch(/^indicateurs_carbone-par-mois_mois_toutes-periodes_/);
  });

  it("links a figure to its two downloads with the page's parameters", () => {
    expect(indicatorCsvHrefs("chiffres-cles", { periodKind: "month", periodStart: "2023-01-01", meshLevel: "region", meshCode: "53", channel: "all" })).toEqual(
      {
        excel: "/api/indicateurs/chiffres-cles?type=month&periode=2023-01-01&maille=region&zone=53&canal=all&format=csv",
        standard: "/api/indicateurs/chiffres-cles?type=month&periode=2023-01-01&maille=region&zone=53&canal=all&format=standard",
      },
    );
  });
});
