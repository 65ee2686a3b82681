import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { registerStations } from "@/lib/stations/register-stations";
import { makeDossier, makeOperator, makeStations, uniqueSuffix } from "@/lib/testing/factories";

describe("registerStations", () => {
  it("registers stations with the dossier's operator, channel and default INSEE code", async () => {
    const dossier = await makeDossier({ inseeCode: "69123", channel: "GIREVE" });
    const code = `ST-${uniqueSuffix()}`;
    const stations = await registerStations({
      dossierId: dossier.id,
      stations: [
        { stationCode: `${code}-A`, pointCount: 2, nominalPowerKw: 7.4 },
        { stationCode: `${code}-B`, pointCount: 1, nominalPowerKw: 50, inseeCode: "2a004" },
      ],
      actor: "test",
    });
    expect(stations.map((s) => [s.stationCode, s.pointCount, s.nominalPowerKw, s.inseeCode, s.channel, s.operatorId])).toEqual([
      [`${code}-A`, 2, 7.4, "69123", "GIREVE", dossier.operatorId],
      [`${code}-B`, 1, 50, "2A004", "GIREVE", dossier.operatorId],
    ]);
  });

  it("refuses a code the operator already uses for another beneficiary without saying where, and stores nothing", async () => {
    const operator = await makeOperator();
    const first = await makeDossier({ operatorId: operator.id });
    const [existing] = await makeStations({ dossierId: first.id, count: 1 });
    const second = await makeDossier({ operatorId: operator.id });
    const fresh = `ST-${uniqueSuffix()}`;
    await expect(
      registerStations({
        dossierId: second.id,
        stations: [
          { stationCode: fresh, pointCount: 1, nominalPowerKw: 22 },
          { stationCode: existing.stationCode, pointCount: 1, nominalPowerKw: 22 },
        ],
        actor: "test",
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: `StationID ${existing.stationCode} : identifiant indisponible : contactez votre opérateur, qui attribue les identifiants de ses stations. Rien n'a été enregistré.`,
      fields: [{ path: "stations.1.stationCode", message: `StationID ${existing.stationCode} : identifiant indisponible : contactez votre opérateur, qui attribue les identifiants de ses stations` }],
    });
    const error = await registerStations({ dossierId: second.id, stations: [{ stationCode: existing.stationCode, pointCount: 1, nominalPowerKw: 22 }], actor: "test" }).catch((e) => e);
    expect(JSON.stringify({ message: error.message, fields: error.fields })).not.toContain(first.reference);
    const prisma = await db();
    expect(await prisma.station.count({ where: { dossierId: second.id } })).toBe(0);
    expect(await prisma.station.count({ where: { stationCode: fresh } })).toBe(0);
  });

  it("tells a beneficiary which of their own dossiers already holds the code", async () => {
    const operator = await makeOperator();
    const first = await makeDossier({ operatorId: operator.id });
    const [existing] = await makeStations({ dossierId: first.id, count: 1 });
    const second = await makeDossier({ operatorId: operator.id, beneficiaryId: first.beneficiaryId });
    await expect(
      registerStations({ dossierId: second.id, stations: [{ stationCode: existing.stationCode, pointCount: 1, nominalPowerKw: 22 }], actor: "test" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: `StationID ${existing.stationCode} : déjà enregistré sur votre dossier ${first.reference}. Rien n'a été enregistré.` });
  });

  it("allows the same code at another operator", async () => {
    const [station] = await makeStations({ dossierId: (await makeDossier()).id, count: 1 });
    const other = await makeDossier();
    await expect(
      registerStations({ dossierId: other.id, stations: [{ stationCode: station.stationCode, pointCount: 1, nominalPowerKw: 11 }], actor: "test" }),
    ).resolves.toHaveLength(1);
  });

  it("refuses a code repeated in the input, bad numbers, and stores nothing", async () => {
    const dossier = await makeDossier();
    const code = `ST-${uniqueSuffix()}`;
    await expect(
      registerStations({
        dossierId: dossier.id,
        stations: [
          { stationCode: code, pointCount: 1, nominalPowerKw: 22 },
          { stationCode: code, pointCount: 0, nominalPowerKw: 7.456 },
        ],
        actor: "test",
      }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [
        { path: "stations.1.pointCount", message: "Nombre de points : au moins 1" },
        { path: "stations.1.nominalPowerKw", message: "Puissance nominale par point : 2 décimales au plus" },
        { path: "stations.1.stationCode", message: `Identifiant de la station ${code} en double dans la saisie` },
      ],
    });
    const prisma = await db();
    expect(await prisma.station.count({ where: { dossierId: dossier.id } })).toBe(0);
  });

  it("refuses a duplicate inside otherwise valid input, naming the code", async () => {
    const dossier = await makeDossier();
    const code = `ST-${uniqueSuffix()}`;
    await expect(
      registerStations({
        dossierId: dossier.id,
        stations: [
          { stationCode: code, pointCount: 1, nominalPowerKw: 22 },
          { stationCode: code, pointCount: 1, nominalPowerKw: 22 },
        ],
        actor: "test",
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fields: [{ path: "stations.1.stationCode", message: `Identifiant de la station ${code} en double dans la saisie` }] });
  });
});
