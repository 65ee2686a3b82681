import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { ensureReferenceData } from "@/lib/reference-data/ensure-reference-data";
import { addOperations, makeIndicatorStations } from "@/tests/support/indicators/make-indicator-stations";
import { dataMonthRange, monthsThatWouldEmpty } from "@/lib/indicators/recompute-plan";
import { dailyRecompute, defaultRange, refreshIndicators } from "@/lib/indicators/refresh-indicators";
import { isAppError } from "@/lib/platform/errors";

// "Recalculer maintenant" and the daily job: their default months are those that have data (not
// the previous and current years blindly), and a run that would replace months published with
// figures by empty ones is refused until confirmed. A full run counts every station of its
// database and becomes the published one: this file needs a database of its own.
process.env.DATABASE_URL = "pglite:memory://";

const NOW = new Date("2026-12-05T12:00:00Z");
let operatorId: string;
let stationIds: string[];

beforeAll(async () => {
  const prisma = await db();
  await ensureReferenceData();
  const made = await makeIndicatorStations(
    prisma,
    Array.from({ length: 6 }, (_, i) => ({ beneficiary: i % 3, inseeCode: "29019", nominalPowerKw: 22 })),
  );
  operatorId = made.operatorId;
  stationIds = made.stations.map((s) => s.id);
});

const charge = (start: string, hours = 1) =>
  stationIds.map((stationId) => ({ operatorId, stationId, start: new Date(start), stop: new Date(Date.parse(start) + hours * 3_600_000), wh: 5_000 }));

describe("recomputation defaults and the confirmation of emptied months", () => {
  it("defaults to the months that have data, in the Paris calendar; without data, to the previous and current years", async () => {
    const prisma = await db();
    expect(await dataMonthRange(prisma)).toBeNull();
    expect(await defaultRange(prisma, NOW)).toEqual({ from: "2025-01", to: "2027-01" });
    // 31 December 23:30 UTC is 1 January in Paris; sandbox data does not count.
    await addOperations(prisma, [...charge("2022-12-31T23:30:00Z"), ...charge("2023-03-10T08:00:00Z")]);
    await addOperations(prisma, [
      { operatorId, stationId: stationIds[0], start: new Date("2021-05-01T08:00:00Z"), stop: new Date("2021-05-01T09:00:00Z"), wh: 1000, env: "sandbox" },
    ]);
    expect(await dataMonthRange(prisma)).toEqual({ from: "2023-01", to: "2023-04" });
    expect(await defaultRange(prisma, NOW)).toEqual({ from: "2023-01", to: "2023-04" });

    const run = await refreshIndicators({ computedBy: "test", now: NOW }, { prisma });
    expect([run.firstMonth, run.endMonth]).toEqual(["2023-01-01", "2024-01-01"]);
  });

  it("refuses, naming the months, a run that would publish empty months over published figures, until confirmed; the daily job never confirms", async () => {
    const prisma = await db();
    expect(await monthsThatWouldEmpty(prisma, { from: "2023-01", to: "2023-02" }, NOW)).toEqual([]);
    // March's data is gone (deleted, or a wrong range over other years would do the same).
    await prisma.chargeOperation.deleteMany({ where: { startAt: { gte: new Date("2023-03-01T00:00:00Z"), lt: new Date("2023-04-01T00:00:00Z") } } });
    expect(await monthsThatWouldEmpty(prisma, { from: "2023-01", to: "2023-02" }, NOW)).toEqual(["2023-03-01"]);
    expect(await monthsThatWouldEmpty(prisma, { from: "2019-01", to: "2019-02" }, NOW)).toEqual([]);

    const runs = await prisma.indicatorRun.count();
    const refused = await refreshIndicators({ computedBy: "test", from: "2023-01", to: "2023-02", now: NOW }, { prisma }).catch((e) => e);
    expect(isAppError(refused) && refused.code).toBe("CONFLICT");
    expect(refused.fields).toEqual([
      {
        path: "confirm",
        message:
          "Ce calcul remplacerait des mois publiés avec des chiffres par des mois vides (plus aucune donnée de production) : mars 2023. Confirmez pour le lancer quand même.",
      },
    ]);
    const later = new Date(Date.now() + 13 * 3_600_000);
    expect(await dailyRecompute({ prisma, now: later })).toBe(
      "Indicateurs non recalculés : Ce calcul remplacerait des mois publiés avec des chiffres par des mois vides (plus aucune donnée de production) : mars 2023. Un administrateur doit le confirmer.",
    );
    expect(await prisma.indicatorRun.count()).toBe(runs);

    await refreshIndicators({ computedBy: "test", from: "2023-01", to: "2023-02", now: NOW, confirmEmpty: true }, { prisma });
    expect(await prisma.indicatorRun.count()).toBe(runs + 1);
    expect(await monthsThatWouldEmpty(prisma, { from: "2023-01", to: "2023-02" }, NOW)).toEqual([]);
    // A full run just finished: the daily job leaves it.
    expect(await dailyRecompute({ prisma })).toBe("Indicateurs : un calcul complet a moins de 12 heures, recalcul quotidien non nécessaire.");
  });
});
