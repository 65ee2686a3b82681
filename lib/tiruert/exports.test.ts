import { describe, expect, it } from "vitest";
import { summarizeTotals, type LatestStatement } from "@/lib/tiruert/committee-totals";
import { formatStatementPointsCsv } from "@/lib/tiruert/format-statement-csv";
import type { StatementContent, StatementPoint } from "@/lib/tiruert/statement-content";

const point = (id: string, regionCode: string | null, energyWh: number): StatementPoint => ({
  idPdcItinerance: id,
  meterType: "mid_ac",
  current: "AC",
  regionCode,
  sessions: 1,
  energyWh,
  excludedSessions: 0,
  excludedEnergyWh: 0,
});

describe("committee totals", () => {
  const t = { minStations: 2, minBeneficiaries: 2 };
  const names = new Map([
    ["11", "Île-de-France"],
    ["84", "Auvergne-Rhône-Alpes"],
    ["93", "Provence-Alpes-Côte d'Azur"],
  ]);

  it("publishes régions with enough points and aménageurs, withholds the small one and, by secondary secrecy, another", () => {
    const latest: LatestStatement[] = [
      { quarter: 4, siren: "111111118", content: { points: [point("A1", "11", 1000), point("A2", "84", 2000), point("A3", "93", 500)] } },
      { quarter: 4, siren: "222222226", content: { points: [point("B1", "11", 3000), point("B2", "84", 4000)] } },
      { quarter: 4, siren: "333333334", content: { points: [point("C1", "84", 100)] } },
    ];
    const [q1, , , q4] = summarizeTotals(latest, names, t);
    expect(q1.national).toBeNull();
    expect(q4.national).toEqual({ energyWh: 10_600, certifiedWh: 2_650, points: 6, amenageurs: 3 });
    // 93 has one point of one aménageur: withheld; 11 (2 points, 2 aménageurs) is the smallest published, withheld too.
    expect(q4.regions.map((r) => [r.key, r.secret ? `secret ${r.reason}` : r.count])).toEqual([
      ["11", "secret secondaire"],
      ["84", 6_100],
      ["93", "secret primaire"],
    ]);
    expect(q4.regions.find((r) => r.key === "84")).toMatchObject({ name: "Auvergne-Rhône-Alpes", certifiedWh: 1_525 });
  });

  it("publishes nothing when the whole is too small", () => {
    const [, , , q4] = summarizeTotals([{ quarter: 4, siren: "111111118", content: { points: [point("A1", "11", 1000), point("A2", null, 1000)] } }], names, t);
    expect(q4.national).toBeNull();
    expect(q4.regions.every((r) => r.secret)).toBe(true);
  });
});

describe("CSV of a statement's points", () => {
  const content = { siren: "953900123", year: 2024, quarter: 4, points: [point("FRXYZE1", "93", 99_590)] } as StatementContent;
  it("writes French Excel and standard variants", () => {
    expect(formatStatementPointsCsv([{ version: 2, content }], { format: "excel-fr" }).split("\r\n")[1]).toBe(
      "953900123;2024;4;2;FRXYZE1;AC;mid_ac;1;99,59;24,8975;0;0",
    );
    const standard = formatStatementPointsCsv([{ version: 2, content }], { format: "standard" }).split("\r\n");
    expect(standard[0]).toBe(
      "siren_amenageur,annee,trimestre,version,id_pdc_itinerance,courant,type_compteur,sessions,energie_kwh,quantite_certifiee_provisoire_kwh,sessions_exclues,energie_exclue_kwh",
    );
    expect(standard[1]).toBe("953900123,2024,4,2,FRXYZE1,AC,mid_ac,1,99.59,24.8975,0,0");
  });
});
