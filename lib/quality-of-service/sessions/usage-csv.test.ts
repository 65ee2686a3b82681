import { describe, expect, it } from "vitest";
import { usageCsv } from "@/lib/quality-of-service/sessions/usage-csv";
import { usagePeriod } from "@/lib/quality-of-service/sessions/usage-period";
import type { UsageView } from "@/lib/quality-of-service/sessions/get-usage-view";
import type { UsageCell, UsageFigures } from "@/lib/quality-of-service/sessions/compute-usage-indicators";

const zeroClasses = { p0_7: 0, p7_22: 0, p22_50: 0, p50_150: 0, p150_350: 0, p350: 0 };
const figures: UsageFigures = {
  i1: 6,
  i4: 6,
  i7: 132,
  t1: { ...zeroClasses, p7_22: 6 },
  e4: 6,
  u5: Array.from({ length: 24 }, (_, h) => (h === 8 ? 6 : 0)),
  u6: { ...zeroClasses, p7_22: 6 },
  u9: { ...zeroClasses, p7_22: 72.04 },
  u10: 6,
  u11: 5,
  u12: zeroClasses,
  u13: zeroClasses,
  u14: { dc_direct: 0, dc_indirect: 0, dc_inconnu: 0, ac_direct: 72.04, ac_indirect: 0, ac_inconnu: 0 },
  loadFactor: 72.04 / (132 * 24),
  successRate: 5 / 6,
};

function view(cells: UsageCell[], cell: UsageCell | null, vue: "tout" | "u5" = "tout"): UsageView {
  return {
    query: { maille: "region", zone: cell?.code, type: "month", periode: "2016-03-15", vue },
    periodLabel: "mars 2016",
    indicators: { period: usagePeriod("month", "2016-03-15"), thresholds: { minStations: 5, minBeneficiaries: 3 }, cells, reportingStations: null },
    areas: cells,
    cell,
    computedAt: new Date("2026-12-06T09:00:00Z"),
    publishedMonths: ["2016-03-01"],
  };
}

describe("usageCsv", () => {
  const published: UsageCell = { level: "region", code: "53", name: "Bretagne", operatorName: null, secret: false, figures };
  const withheld: UsageCell = { level: "region", code: "94", name: "Corse", operatorName: null, secret: true, reason: "primaire" };

  it("writes one row per figure beside its QualiCharge code, shares in %, and a withheld area as one secret row", () => {
    const { body, fileName } = usageCsv(view([published, withheld], null), "standard");
    const lines = body.split("\r\n");
    expect(lines[0]).toMatch(/^Indicateurs d'usage \(codes QualiCharge\) — mars 2016 — Région : toutes les zones/);
    expect(lines[1]).toBe("Zone (code),Zone,Code QualiCharge,Indicateur,Détail,Valeur,Unité");
    expect(lines).toContain("53,Bretagne (53),u10,Sessions,,6,sessions");
    expect(lines).toContain("53,Bretagne (53),q5,Taux de réussite des sessions,,83.3,%");
    expect(lines).toContain("53,Bretagne (53),u5,Sessions par heure de la journée,8 h,6,sessions");
    expect(lines.filter((l) => l.startsWith("94,"))).toEqual(["94,Corse (94),,,,secret statistique,"]);
    expect(fileName).toBe("usages_indicateurs_month_2016-03-01_region_toutes_standard.csv");
  });

  it("gives the hourly chart's rows alone with vue=u5, in French Excel's format", () => {
    const { body } = usageCsv(view([published], published, "u5"), "excel-fr");
    const lines = body.split("\r\n");
    expect(lines[1]).toBe("Heure de début (Paris);Sessions (u5)");
    expect(lines[2]).toBe("0 h;0");
    expect(lines[10]).toBe("8 h;6");
    expect(lines).toHaveLength(2 + 24 + 1);
  });
});
