import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { loadReferenceData } from "@/lib/reference-data/load-reference-data";
import { getBoundaries } from "@/lib/reference-data/get-boundaries";

describe("reference data", () => {
  it("loads INSEE codes and the default carbon series once, then does nothing", async () => {
    const prisma = await db();
    const first = await ensureReferenceData();
    expect([first.regions, first.departements, first.epcis, first.communes]).toEqual([18, 101, 1255, 36971]);
    const again = await loadReferenceData(prisma);
    expect(again.geoChanged).toBe(false);
    expect(again.carbonSeriesCreated).toBe(false);
    expect(again.carbonSeriesId).toBe(first.carbonSeriesId);
    const paris1 = await prisma.commune.findUnique({
      where: { inseeCode: "75101" },
      select: { name: true, departement: { select: { code: true, region: { select: { name: true } } } } },
    });
    expect(paris1).toEqual({ name: "Paris 1er Arrondissement", departement: { code: "75", region: { name: "Île-de-France" } } });
    expect(await prisma.commune.findUnique({ where: { inseeCode: "97411" }, select: { departementCode: true } })).toEqual({ departementCode: "974" });
    const series = await prisma.carbonSeries.findUniqueOrThrow({ where: { id: first.carbonSeriesId } });
    expect(series).toMatchObject({ name: "electricitymaps-fr", attribution: "Electricity Maps", hourCount: 17520, gaps: [] });
    expect(series.coversFrom?.toISOString()).toBe("2022-01-01T00:00:00.000Z");
    expect(series.coversTo?.toISOString()).toBe("2024-01-01T00:00:00.000Z");
  });

  it("gives each commune its EPCI of 2024, arrondissements and delegated communes their commune's", async () => {
    const prisma = await db();
    await ensureReferenceData();
    const epciOf = async (inseeCode: string) =>
      (await prisma.commune.findUniqueOrThrow({ where: { inseeCode }, select: { epci: { select: { code: true, name: true, nature: true } } } })).epci;
    const grandParis = { code: "200054781", name: "Métropole du Grand Paris", nature: "METRO" };
    expect(await epciOf("75056")).toEqual(grandParis);
    expect(await epciOf("75101")).toEqual(grandParis);
    expect(await epciOf("69381")).toEqual({ code: "200046977", name: "Métropole de Lyon", nature: "MET69" });
    expect((await epciOf("13201"))?.code).toBe("200054807");
    // Béon, delegated commune of Talissieu (01138), in its chef-lieu's EPCI.
    expect((await epciOf("01039"))?.code).toBe((await epciOf("01138"))?.code);
    // The four islands of one commune are in no EPCI, and they are the only ones.
    expect(await prisma.commune.findMany({ where: { epciCode: null }, select: { inseeCode: true }, orderBy: { inseeCode: "asc" } })).toEqual(
      ["22016", "29083", "29155", "85113"].map((inseeCode) => ({ inseeCode })),
    );
    // An EPCI across départements: the second partition does not nest in the first.
    const across = await prisma.commune.findMany({ where: { epciCode: "200070852" }, select: { departementCode: true } });
    expect([...new Set(across.map((c) => c.departementCode))].sort()).toEqual(["01", "74"]);
  });

  it("ships boundaries for every département and région, overseas included", () => {
    const deps = getBoundaries("departement");
    expect(deps.features).toHaveLength(101);
    expect(deps.features.map((f) => f.properties.code)).toEqual(expect.arrayContaining(["2A", "971", "976"]));
    expect(getBoundaries("region").features).toHaveLength(18);
  });
});
