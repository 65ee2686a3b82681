import { describe, expect, it } from "vitest";
import { csvFileName, csvFormatOf, formatCsv } from "@/lib/platform/csv/format-csv";

const header = ["Commune", "Énergie (kWh)", "Publié", "Le"];
const rows = [
  ["Saint-Denis; La Réunion", 1234.5, true, new Date("2026-03-29T00:30:00Z")],
  ['dit "X"', -2, false, null],
  ['=HYPERLINK("http://x")', 0.1 + 0.2, undefined, undefined],
];

describe("formatCsv", () => {
  it("writes what French Excel opens as columns: ;, decimal comma, BOM, Paris dates", () => {
    expect(formatCsv(header, rows)).toBe(
      "\uFEFFCommune;Énergie (kWh);Publié;Le\r\n" +
        '"Saint-Denis; La Réunion";1234,5;oui;29/03/2026 01:30:00\r\n' +
        '"dit ""X""";-2;non;\r\n' +
        '"\'=HYPERLINK(""http://x"")";0,3;;\r\n',
    );
  });

  it("writes the standard variant with , and . and ISO instants, without BOM", () => {
    expect(formatCsv(header, rows, { format: "standard", preamble: ["Journal d'audit, filtres : aucun"] })).toBe(
      '"Journal d\'audit, filtres : aucun"\r\n' +
        "Commune,Énergie (kWh),Publié,Le\r\n" +
        "Saint-Denis; La Réunion,1234.5,true,2026-03-29T00:30:00.000Z\r\n" +
        '"dit ""X""",-2,false,\r\n' +
        '"\'=HYPERLINK(""http://x"")",0.3,,\r\n',
    );
  });

  it("reads the format from a query value, French Excel by default", () => {
    expect(csvFormatOf("standard")).toBe("standard");
    expect(csvFormatOf(null)).toBe("excel-fr");
    expect(csvFormatOf("n'importe")).toBe("excel-fr");
  });

  it("makes file names that carry their parts and nothing unsafe", () => {
    expect(csvFileName(["journal-audit", "2026-01-01", "Île-de-France", 'a"b/c'])).toBe("journal-audit_2026-01-01_Ile-de-France_a-b-c.csv");
  });
});
