import { describe, expect, it } from "vitest";
import { randomInt, randomUUID } from "node:crypto";
import { db } from "@/lib/platform/db/database";
import { listRenewableShares, removeRenewableShare, renewableShareMap, setRenewableShare } from "@/lib/tiruert/renewable-shares";
import { removeRenewableShareSchema, renewableShareSchema } from "@/lib/schemas/tiruert";
import { parseInput } from "@/lib/schemas/validation";

// Years are shared by every test on one database: each test takes a random year (2000–2019 only:
// the statement tests own 2022 and 2023) and acts as its own admin, whose audit entries it reads
// (two tests, or two runs, may draw the same year).
const freshYear = () => randomInt(2000, 2020);
const SOURCE = "Eurostat SHARES 2023, lu le 06/12/2026";

describe("renewable shares (reference data)", () => {
  it("ships 2021 and 2024 as Eurostat publishes them (three decimals), with their source", async () => {
    // 2022 and 2023 ship too, but the statement tests own them; no test writes 2021 nor 2024.
    const shipped = (await listRenewableShares()).filter((s) => s.year === 2021 || s.year === 2024);
    expect(shipped.map((s) => [s.year, s.sharePercent])).toEqual([
      [2024, 31.344],
      [2021, 24.815],
    ]);
    for (const s of shipped) expect(s.source).toMatch(/^Eurostat, jeu nrg_ind_ren \(nrg_bal=REN_ELC, unit=PC, geo=FR\)/);
  });

  it("stores a year's share and audits it with its previous value", async () => {
    const prisma = await db();
    const year = freshYear();
    const actor = `admin-${randomUUID()}@test`;
    await prisma.tiruertRenewableShare.deleteMany({ where: { year } });
    await setRenewableShare({ year, sharePercent: 27.5, source: SOURCE, actor });
    await setRenewableShare({ year, sharePercent: 28.25, source: `${SOURCE} (révisé)`, actor });
    expect((await renewableShareMap()).get(year)).toBe(28.25);
    const row = (await listRenewableShares()).find((s) => s.year === year);
    expect(row).toMatchObject({ sharePercent: 28.25, source: `${SOURCE} (révisé)`, updatedBy: actor });
    const audit = await prisma.auditLog.findMany({ where: { targetType: "tiruert_renewable_share", targetId: String(year), actor }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["tiruert.renewable_share.set", "tiruert.renewable_share.set"]);
    expect(audit[1].details).toEqual({ before: { sharePercent: 27.5, source: SOURCE }, after: { sharePercent: 28.25, source: `${SOURCE} (révisé)` } });
  });

  it("removes a year (audited) and refuses to remove an absent one", async () => {
    const prisma = await db();
    const year = freshYear();
    const actor = `admin-${randomUUID()}@test`;
    await prisma.tiruertRenewableShare.deleteMany({ where: { year } });
    await setRenewableShare({ year, sharePercent: 30, source: SOURCE, actor });
    await removeRenewableShare({ year, actor });
    expect((await renewableShareMap()).has(year)).toBe(false);
    await expect(removeRenewableShare({ year, actor })).rejects.toThrow(`Aucune part renouvelable enregistrée pour ${year}.`);
    const actions = await prisma.auditLog.findMany({
      where: { targetType: "tiruert_renewable_share", targetId: String(year), actor },
      select: { action: true },
    });
    expect(actions.map((a) => a.action).sort()).toEqual(["tiruert.renewable_share.remove", "tiruert.renewable_share.set"]);
  });

  it("reads a French decimal and answers French errors with the field path", () => {
    expect(parseInput(renewableShareSchema, { year: "2023", sharePercent: "30,25", source: SOURCE })).toEqual({
      year: 2023,
      sharePercent: 30.25,
      source: SOURCE,
    });
    expect(() => parseInput(renewableShareSchema, { year: "1999", sharePercent: "101", source: "x" })).toThrow(
      "Saisie invalide — year : année à partir de 2000 ; sharePercent : part comprise entre 0 et 100 % ; source : indiquez la source (adresse de la publication Eurostat et date de lecture)",
    );
    expect(parseInput(renewableShareSchema, { year: "2023", sharePercent: "30,295", source: SOURCE }).sharePercent).toBe(30.295);
    expect(() => parseInput(renewableShareSchema, { year: "2023", sharePercent: "30,2951", source: SOURCE })).toThrow(
      "sharePercent : nombre attendu, au plus trois décimales",
    );
    expect(() => parseInput(removeRenewableShareSchema, { year: "deux mille" })).toThrow("year : année attendue");
  });
});
