import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/platform/db/database";
import { seedDemo } from "@/cli/demo/seed-demo";
import { demoOperations, seedDemoActivity } from "@/cli/demo/seed-demo-activity";

// The demo year runs through the real ingestion and indicator code, on its own fresh database.
const opened: Awaited<ReturnType<typeof openDatabase>>[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});

describe("demo activity", () => {
  it("generates the same plausible operations on every machine", () => {
    const a = demoOperations("residentiel_collectif", 7.4, 42);
    expect(demoOperations("residentiel_collectif", 7.4, 42)).toEqual(a);
    expect(a.length).toBeGreaterThan(250);
    for (const op of a) {
      expect(op.StopTransaction).toBeGreaterThan(op.StartTransaction);
      // never more than the point's power over the duration
      expect((op.StopValue - op.StartValue) / ((op.StopTransaction - op.StartTransaction) / 3600)).toBeLessThanOrEqual(7400);
    }
  });

  it("posts a year at the demo stations and publishes indicators with some cells withheld", async () => {
    const database = await openDatabase("pglite:memory://");
    opened.push(database);
    const { prisma } = database;
    expect((await seedDemo({ prisma })).status).toBe("created");
    const message = await seedDemoActivity(database);
    expect(message).toMatch(/^Activité de démonstration : 26 stations/);
    const operations = await prisma.chargeOperation.count({ where: { env: "production" } });
    expect(operations).toBeGreaterThan(26 * 250);
    expect(await prisma.chargeOperation.count({ where: { NOT: { qualityFlags: { equals: [] } } } })).toBe(0);
    const run = await prisma.indicatorRun.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
    const national = await prisma.indicatorValue.count({ where: { runId: run.id, meshLevel: "national", withheld: false } });
    const withheld = await prisma.indicatorValue.count({ where: { runId: run.id, withheld: true } });
    expect(national).toBeGreaterThan(0);
    expect(withheld).toBeGreaterThan(0);
  }, 300_000);
});
