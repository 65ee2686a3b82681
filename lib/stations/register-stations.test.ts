import { describe, expect, it } from "vitest";
import { db, rawSql } from "@/lib/platform/db/database";
import { registerStations } from "@/lib/stations/register-stations";
import { makeDossier, makeOperator, makeStations, uniqueSuffix } from "@/cli/demo/factories";

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
      fields: [
        {
          path: "stations.1.stationCode",
          message: `StationID ${existing.stationCode} : identifiant indisponible : contactez votre opérateur, qui attribue les identifiants de ses stations`,
        },
      ],
    });
    const error = await registerStations({
      dossierId: second.id,
      stations: [{ stationCode: existing.stationCode, pointCount: 1, nominalPowerKw: 22 }],
      actor: "test",
    }).catch((e) => e);
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
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: `StationID ${existing.stationCode} : déjà enregistré sur votre dossier ${first.reference}. Rien n'a été enregistré.`,
    });
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
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "stations.1.stationCode", message: `Identifiant de la station ${code} en double dans la saisie` }],
    });
  });
});

describe("station codes in Unicode NFC", () => {
  it("stores a code typed decomposed in its composed form, and refuses a decomposed twin of a registered code", async () => {
    const dossier = await makeDossier();
    const base = `GARE-${uniqueSuffix()}`;
    const [station] = await registerStations({
      dossierId: dossier.id,
      stations: [{ stationCode: `${base}-E\u0301TOILE`, pointCount: 1, nominalPowerKw: 22 }],
      actor: "test",
    });
    expect(station.stationCode).toBe(`${base}-\u00c9TOILE`);
    await expect(
      registerStations({ dossierId: dossier.id, stations: [{ stationCode: `${base}-\u00c9TOILE`, pointCount: 1, nominalPowerKw: 22 }], actor: "test" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses control, invisible and direction characters in a code", async () => {
    const dossier = await makeDossier();
    for (const code of ["A\u0000B", "A\u0007B", "A\u202eB", "A\ud800"])
      await expect(
        registerStations({ dossierId: dossier.id, stations: [{ stationCode: code, pointCount: 1, nominalPowerKw: 22 }], actor: "test" }),
      ).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
  });

  it("brings codes registered before in another form to NFC (the migration), unless the NFC twin exists", async () => {
    const { readFileSync } = await import("node:fs");
    const sql = readFileSync("prisma/migrations/20261205094027_curve_energy_nullable_station_code_nfc/migration.sql", "utf8");
    const update = sql.slice(sql.indexOf("UPDATE"));
    const prisma = await db();
    const dossier = await makeDossier();
    const base = `NFC-${uniqueSuffix()}`;
    // Written directly: registration itself now stores NFC.
    const rows = [];
    for (const stationCode of [`${base}-E\u0301`, `${base}-O\u0301`, `${base}-\u00d3`])
      rows.push(
        await prisma.station.create({
          data: {
            dossierId: dossier.id,
            operatorId: dossier.operatorId,
            stationCode,
            channel: "ADVENIR",
            pointCount: 1,
            nominalPowerKw: 22,
            inseeCode: "75101",
          },
          select: { id: true },
        }),
      );
    // The migration's own text, as the migration runner executes it (no values).
    await (await rawSql()).exec(update);
    const after = await prisma.station.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { id: true, stationCode: true } });
    const codeOf = (id: string) => after.find((s) => s.id === id)!.stationCode;
    expect([codeOf(rows[0].id), codeOf(rows[1].id), codeOf(rows[2].id)]).toEqual([`${base}-\u00c9`, `${base}-O\u0301`, `${base}-\u00d3`]);
  });
});
