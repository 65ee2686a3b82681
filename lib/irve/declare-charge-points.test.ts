import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { parseIrveCsv } from "@/lib/irve/parse-irve-csv";
import { formatIrveCsv } from "@/lib/irve/format-irve-csv";
import { declareChargePoints } from "@/lib/irve/declare-charge-points";
import { makeDossier, uniqueSuffix } from "@/cli/demo/factories";
import { qualichargeCsv, sharedDataAvailable } from "@/tests/support/irve/qualicharge-csv";
import { isAppError } from "@/lib/platform/errors";

const today = "2026-11-23";
const example = (await parseIrveCsv(readFileSync(path.join(import.meta.dirname, "fixtures", "exemple-statique.csv"), "utf8"), { today })).valid[0].values;

/** Valid rows with ids unique to this test: FR + 3 random characters + P/E + suffix. */
async function rows(count: number, operatorCode = uniqueSuffix().slice(0, 3).toUpperCase(), overrides: Partial<typeof example> = {}) {
  const csv = formatIrveCsv(
    Array.from({ length: count }, (_, i) => ({
      ...example,
      id_station_itinerance: `FR${operatorCode}PST${Math.floor(i / 2)}`,
      id_pdc_itinerance: `FR${operatorCode}EPT${i}`,
      ...overrides,
    })),
  );
  const parsed = await parseIrveCsv(csv, { today });
  expect(parsed.errors).toEqual([]);
  return parsed.valid;
}

describe("declareChargePoints", () => {
  it("creates stations and points, then counts an identical re-declaration as unchanged", async () => {
    const dossier = await makeDossier({ channel: "GIREVE", signed: true });
    const batch = await rows(4);
    expect(await declareChargePoints({ dossierId: dossier.id, rows: batch, actor: "test" })).toEqual({ stations: 2, inserted: 4, updated: 0, unchanged: 0 });
    const prisma = await db();
    const stations = await prisma.station.findMany({ where: { dossierId: dossier.id }, select: { pointCount: true, nominalPowerKw: true, channel: true } });
    expect(stations.map((s) => [s.pointCount, Number(s.nominalPowerKw), s.channel])).toEqual([
      [2, 22, "GIREVE"],
      [2, 22, "GIREVE"],
    ]);
    expect(await declareChargePoints({ dossierId: dossier.id, rows: batch, actor: "test" })).toEqual({ stations: 2, inserted: 0, updated: 0, unchanged: 4 });
  });

  it("updates a changed point and moves its declaration date", async () => {
    const dossier = await makeDossier({ channel: "GIREVE", signed: true });
    const code = uniqueSuffix().slice(0, 3).toUpperCase();
    await declareChargePoints({ dossierId: dossier.id, rows: await rows(2, code), actor: "test", now: new Date("2025-01-01T10:00:00Z") });
    const changed = await rows(2, code, { puissance_nominale: "50", date_maj: "2025-06-01" });
    expect(await declareChargePoints({ dossierId: dossier.id, rows: changed, actor: "test", now: new Date("2025-06-03T10:00:00Z") })).toMatchObject({
      inserted: 0,
      updated: 2,
    });
    const prisma = await db();
    const points = await prisma.chargePoint.findMany({
      where: { station: { dossierId: dossier.id } },
      select: { nominalPowerKw: true, staticDeclaredAt: true },
    });
    expect(points.map((p) => [Number(p.nominalPowerKw), p.staticDeclaredAt?.toISOString()])).toEqual([
      [50, "2025-06-03T10:00:00.000Z"],
      [50, "2025-06-03T10:00:00.000Z"],
    ]);
  });

  it("refuses ids declared on another dossier and stores nothing", async () => {
    const first = await makeDossier({ channel: "GIREVE", signed: true });
    const code = uniqueSuffix().slice(0, 3).toUpperCase();
    await declareChargePoints({ dossierId: first.id, rows: await rows(2, code), actor: "test" });
    const second = await makeDossier({ channel: "GIREVE", signed: true });
    const error = await declareChargePoints({ dossierId: second.id, rows: [...(await rows(2, code)), ...(await rows(2))], actor: "test" }).catch((e) => e);
    expect(isAppError(error) && error.code).toBe("CONFLICT");
    expect(error.fields.map((f: { message: string }) => f.message)).toEqual([
      `Identifiant eMI3 du point de charge FR${code}EPT0 : identifiant indisponible : contactez votre opérateur, qui attribue les identifiants de ses stations`,
      `Identifiant eMI3 du point de charge FR${code}EPT1 : identifiant indisponible : contactez votre opérateur, qui attribue les identifiants de ses stations`,
    ]);
    expect(JSON.stringify(error)).not.toContain(first.reference);
    expect(await (await db()).station.count({ where: { dossierId: second.id } })).toBe(0);
  });

  it("refuses static data on an ADVENIR dossier", async () => {
    const dossier = await makeDossier({ channel: "ADVENIR", signed: true });
    await expect(declareChargePoints({ dossierId: dossier.id, rows: await rows(1), actor: "test" })).rejects.toThrow(/web service ADVENIR/);
  });
});

describe.runIf(sharedDataAvailable())("the national file (../shared/data/irve)", () => {
  it("imports the valid rows of the 29,109 real charge points in under 60 s", async () => {
    const started = performance.now();
    const parsed = await parseIrveCsv(qualichargeCsv(), { today });
    const dossier = await makeDossier({ channel: "GIREVE", signed: true });
    try {
      const result = await declareChargePoints({ dossierId: dossier.id, rows: parsed.valid, actor: "test" });
      const seconds = (performance.now() - started) / 1000;
      expect(result.inserted).toBe(parsed.valid.length);
      expect(parsed.valid.length + new Set(parsed.errors.map((e) => e.line)).size).toBe(29_109);
      expect(await (await db()).chargePoint.count({ where: { station: { dossierId: dossier.id } } })).toBe(parsed.valid.length);
      expect(seconds).toBeLessThan(60);
    } finally {
      // The national ids are unique: leave the shared test database reusable.
      await (await db()).dossier.delete({ where: { id: dossier.id } });
    }
  }, 120_000);
});
