import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { getEnergySteps } from "@/lib/indicators/get-energy-steps";
import { listAnomalies } from "@/lib/operator-console/list-anomalies";
import { call, glitchedCurve, interleavedCurve, makeTenant, monthlyCurvesBody, ocppCurve, operation } from "@/tests/support/advenir/ingest";

// Issue 13 §1: real clients send real meters. Implausible data is stored, flagged, answered as a
// warning and kept out of the indicators; only what is impossible or ambiguous refuses a body.

const T0 = 1_700_000_000;

describe("a monthly body of 113 curves with a meter glitch and two interleaved meters", () => {
  it("is stored whole (200, 113 curves, 2 flagged), sent to the operation URL then to the curve URL as the client does; re-sent, all unchanged", async () => {
    const t = await makeTenant({ stations: ["R320", "1234", "GARE-3"], nominalPowerKw: 22, pointCount: 1 });
    const { body, glitch } = monthlyCurvesBody(t.operatorId, ["R320", "1234", "GARE-3"]);
    const U = t.operatorId;

    const first = await call("operation", body, { auth: t.auth, method: "PUT" });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ statut: "OK", recus: 113, enregistres: 113, inchanges: 0 });
    const flagged = first.json.avertissements!.filter((w) => w.message.startsWith("index_decroissant"));
    expect(flagged.map((w) => w.chemin).sort()).toEqual([`${U}/1234/TX-TWO-METERS`, `${U}/R320/TX-GLITCH`]);
    // Every other warning only says the curves went to the operation URL.
    expect(first.json.avertissements!.length).toBe(113 + 2);

    const glitchPoints = glitch.points;
    const expectedGlitchEnergy = glitchPoints[glitchPoints.length - 1].value - glitchPoints[0].value;
    const glitchWarning = flagged.find((w) => w.chemin.endsWith("TX-GLITCH"))!.message;
    expect(glitchWarning).toContain(`un seul point rompt la croissance (point ${glitch.glitch}, timestamp ${glitchPoints[glitch.glitch].timestamp})`);
    expect(glitchWarning).toContain(`énergie calculée sans lui, ${expectedGlitchEnergy} Wh`);
    expect(flagged.find((w) => w.chemin.endsWith("TX-TWO-METERS"))!.message).toContain("énergie indéterminée");

    const again = await call("courbe", body, { auth: t.auth, method: "PUT" });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ statut: "OK", recus: 113, enregistres: 0, inchanges: 113 });

    const prisma = await db();
    const rows = await prisma.loadCurve.findMany({
      where: { operatorId: U },
      select: { transactionId: true, qualityFlags: true, energyWh: true, valuesWh: true },
    });
    expect(rows.length).toBe(113);
    expect(
      rows
        .filter((r) => r.qualityFlags.length > 0)
        .map((r) => [r.transactionId, r.qualityFlags])
        .sort(),
    ).toEqual([
      ["TX-GLITCH", ["index_decroissant"]],
      ["TX-TWO-METERS", ["index_decroissant"]],
    ]);
    const glitchRow = rows.find((r) => r.transactionId === "TX-GLITCH")!;
    expect(glitchRow.energyWh).toBe(BigInt(expectedGlitchEnergy));
    // The readings are kept as sent, the glitch included.
    expect(glitchRow.valuesWh.map(Number)).toEqual(glitchPoints.map((p) => p.value));
    expect(rows.find((r) => r.transactionId === "TX-TWO-METERS")!.energyWh).toBeNull();
    expect(await prisma.chargeOperation.count({ where: { operatorId: U } })).toBe(0);

    // Listed in the operator's anomalies with a French label.
    const anomalies = await listAnomalies({ operatorId: U, filters: { page: 1 } });
    expect(anomalies.items.map((a) => [a.transactionId, a.energyWh, a.flags.map((f) => f.label)]).sort()).toEqual([
      ["TX-GLITCH", expectedGlitchEnergy, ["Index d'énergie décroissant"]],
      ["TX-TWO-METERS", null, ["Index d'énergie décroissant"]],
    ]);
  });

  it("keeps the flagged curves out of the energy the indicators read", async () => {
    const t = await makeTenant({ stations: ["R320"], nominalPowerKw: 22 });
    const start = T0 + 3 * 86_400;
    const clean = ocppCurve({ start, meterWh: 2_000_000, kw: 7, minutes: 60, seed: 11 });
    const body = { [t.operatorId]: { R320: { glitch: glitchedCurve(start, 12).points, twoMeters: interleavedCurve(start, 13), clean } } };
    expect((await call("courbe", body, { auth: t.auth })).json).toMatchObject({ statut: "OK", enregistres: 3 });
    const steps = await getEnergySteps({ stationIds: [t.stations.R320], from: new Date((start - 3600) * 1000), to: new Date((start + 4 * 3600) * 1000) });
    const total = steps.reduce((sum, s) => sum + s.wh, 0);
    expect(Math.round(total)).toBe(clean[clean.length - 1].value - clean[0].value);
  });
});

describe("one point alone, or no point, breaks the index", () => {
  it("computes the energy without a lone spike or dip, whichever end it is at, and leaves it undetermined when the choice would change it", async () => {
    const t = await makeTenant({ nominalPowerKw: 22 });
    const pts = (...values: number[]) => values.map((value, i) => ({ timestamp: T0 + i * 120, value }));
    const body = {
      [t.operatorId]: {
        R320: {
          dip: pts(10_000, 10_200, 3, 10_600, 10_800), // energy 800
          spike: pts(10_000, 10_200, 99_999, 10_600, 10_800), // energy 800
          firstHigh: pts(9_999_999, 10_000, 10_200, 10_400), // a first reading from elsewhere: energy 400
          lastLow: pts(10_000, 10_200, 10_400, 7), // the last reading glitched: energy 400
          either: pts(10_000, 10_300, 10_100), // 10 300 or 10 100 — 300 or 100 Wh: undetermined
          twoDrops: pts(10_000, 10_200, 5, 10_600, 7, 10_800),
        },
      },
    };
    const res = await call("courbe", body, { auth: t.auth });
    expect(res.status).toBe(200);
    const prisma = await db();
    const rows = await prisma.loadCurve.findMany({
      where: { operatorId: t.operatorId },
      orderBy: { transactionId: "asc" },
      select: { transactionId: true, energyWh: true, qualityFlags: true },
    });
    expect(rows.map((r) => [r.transactionId, r.energyWh === null ? null : Number(r.energyWh), r.qualityFlags])).toEqual([
      ["dip", 800, ["index_decroissant"]],
      ["either", null, ["index_decroissant"]],
      ["firstHigh", 400, ["index_decroissant"]],
      ["lastLow", 400, ["index_decroissant"]],
      ["spike", 800, ["index_decroissant"]],
      ["twoDrops", null, ["index_decroissant"]],
    ]);
    // The spike's jump is not counted as a power jump: it is the outlier, stepped over.
    expect(res.json.avertissements!.filter((w) => w.chemin.endsWith("/spike")).map((w) => w.message.split(" :")[0])).toEqual(["index_decroissant"]);
  });

  it("stores an operation whose StopValue is below its StartValue, flagged, with no energy in the anomalies", async () => {
    const t = await makeTenant();
    const res = await call(
      "operation",
      { [t.operatorId]: { R320: { back: { ...operation(T0), StartValue: 9000, StopValue: 8000 }, ok: operation(T0 + 7200) } } },
      { auth: t.auth },
    );
    expect(res.status).toBe(200);
    expect(res.json.avertissements).toEqual([
      {
        chemin: `${t.operatorId}/R320/back`,
        message:
          "index_decroissant : index d'énergie cumulée qui décroît : données enregistrées mais exclues des indicateurs (StopValue (8000 Wh) inférieur à StartValue (9000 Wh) : énergie indéterminée)",
      },
    ]);
    const prisma = await db();
    const back = await prisma.chargeOperation.findFirstOrThrow({ where: { operatorId: t.operatorId, transactionId: "back" } });
    expect([Number(back.startWh), Number(back.stopWh), back.qualityFlags]).toEqual([9000, 8000, ["index_decroissant"]]);
    const anomalies = await listAnomalies({ operatorId: t.operatorId, filters: { page: 1 } });
    expect(anomalies.items.map((a) => [a.transactionId, a.energyWh])).toEqual([["back", null]]);
  });
});

describe("energy above 1,000 kWh", () => {
  it("flags an operation or a curve above 1,000 kWh even on a station powerful enough, and not one of exactly 1,000 kWh", async () => {
    // 10 points of 350 kW: 3,850 kW with the tolerance, so 1,000 kWh in 3 hours is within its power.
    const t = await makeTenant({ nominalPowerKw: 350, pointCount: 10 });
    const hours = 3 * 3600;
    const big = [0, 1, 2, 3].map((i) => ({ timestamp: T0 + (i * hours) / 3, value: 5_000_000 + Math.round((i * 1_000_001) / 3) }));
    const res = await call(
      "operation",
      {
        [t.operatorId]: { R320: { exact: operation(T0, hours, 1_000_000), above: operation(T0, hours, 1_000_001) }, "1234": { bigCurve: big } },
      },
      { auth: t.auth },
    );
    expect(res.status).toBe(200);
    expect(
      res.json
        .avertissements!.filter((w) => w.message.startsWith("energie_excessive"))
        .map((w) => w.chemin)
        .sort(),
    ).toEqual([`${t.operatorId}/1234/bigCurve`, `${t.operatorId}/R320/above`]);
    const prisma = await db();
    const ops = await prisma.chargeOperation.findMany({
      where: { operatorId: t.operatorId },
      orderBy: { transactionId: "asc" },
      select: { transactionId: true, qualityFlags: true },
    });
    expect(ops).toEqual([
      { transactionId: "above", qualityFlags: ["energie_excessive"] },
      { transactionId: "exact", qualityFlags: [] },
    ]);
  });
});

describe("other refusals reviewed", () => {
  it("stores an operation of zero duration (flagged when it delivered more than the meter's resolution), and a curve of two points as an operation", async () => {
    const t = await makeTenant();
    const res = await call(
      "courbe",
      {
        [t.operatorId]: {
          R320: {
            nothing: { ...operation(T0, 0, 0) },
            instant: { ...operation(T0, 0, 500) },
            twoPoints: [
              { timestamp: T0, value: 1000 },
              { timestamp: T0 + 1800, value: 4000 },
              { timestamp: T0 + 1800, value: 4000 },
            ],
          },
        },
      },
      { auth: t.auth },
    );
    expect(res.status).toBe(200);
    expect(res.json.avertissements!.map((w) => [w.chemin.split("/").pop(), w.message.split(" :")[0]])).toEqual([
      ["nothing", "opération de charge envoyée à /api/courbe/put"],
      ["instant", "opération de charge envoyée à /api/courbe/put"],
      ["twoPoints", "1 point(s) répété(s) à l'identique fusionné(s)"],
      ["twoPoints", "courbe de 2 points distincts"],
      ["instant", "energie_superieure_puissance"],
    ]);
    const prisma = await db();
    const ops = await prisma.chargeOperation.findMany({ where: { operatorId: t.operatorId }, orderBy: { transactionId: "asc" } });
    expect(ops.map((o) => [o.transactionId, (o.stopAt.getTime() - o.startAt.getTime()) / 1000, Number(o.stopWh - o.startWh), o.qualityFlags])).toEqual([
      ["instant", 0, 500, ["energie_superieure_puissance"]],
      ["nothing", 0, 0, []],
      ["twoPoints", 1800, 3000, []],
    ]);
    expect(await prisma.loadCurve.count({ where: { operatorId: t.operatorId } })).toBe(0);
  });
});
