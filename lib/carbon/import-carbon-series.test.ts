import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { importCarbonSeries } from "@/lib/carbon/import-carbon-series";
import { uniqueSuffix } from "@/cli/demo/factories";

const fixture = readFileSync(path.join(import.meta.dirname, "fixtures", "rte_eco2mix-national-tr_2021-12.csv.gz"));

describe("importCarbonSeries", () => {
  it("imports the RTE December 2021 export (gzip) as a new version each time", async () => {
    const name = `rte-test-${uniqueSuffix()}`;
    const first = await importCarbonSeries({ content: fixture, name, actor: "test" });
    expect(first).toMatchObject({ name, version: 1, format: "rte_eco2mix", hourCount: 744, gapHours: 0, rowCount: 2976 });
    const second = await importCarbonSeries({ content: fixture, name, actor: "test" });
    expect(second.version).toBe(2);
    const prisma = await db();
    const points = await prisma.carbonIntensity.findMany({
      where: { seriesId: first.id },
      orderBy: { hourStart: "asc" },
      select: { hourStart: true, gPerKwh: true },
    });
    expect(points).toHaveLength(744);
    expect(points[0].hourStart.toISOString()).toBe("2021-11-30T23:00:00.000Z");
    expect(await prisma.auditLog.count({ where: { action: "carbon_series.imported", targetId: String(first.id) } })).toBe(1);
  });

  it("stores nothing when the file is invalid", async () => {
    const name = `rte-bad-${uniqueSuffix()}`;
    const content = "Date;Heure;Taux de CO2 (g/kWh)\n2023-01-01;00:00;30\n2023-01-01;00:15;x\n";
    await expect(importCarbonSeries({ content, name, actor: "test" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "ligne 3, colonne « Taux de CO2 (g/kWh) »", message: "taux « x » invalide (nombre positif en g/kWh attendu)" }],
    });
    expect(await (await db()).carbonSeries.count({ where: { name } })).toBe(0);
  });

  it("records gaps of an Electricity Maps file without filling them", async () => {
    const name = `em-test-${uniqueSuffix()}`;
    const content = ["Datetime (UTC),Carbon Intensity gCO2eq/kWh (direct)", "2024-01-01 00:00:00,20", "2024-01-01 01:00:00,", "2024-01-01 03:00:00,25"].join(
      "\n",
    );
    const r = await importCarbonSeries({ content, name, actor: "test" });
    expect(r).toMatchObject({ hourCount: 2, gapHours: 2, gaps: [{ from: "2024-01-01T01:00:00.000Z", to: "2024-01-01T03:00:00.000Z", hours: 2 }] });
  });
});
