import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { correctStation } from "@/lib/stations/correct-station";
import { withdrawStation } from "@/lib/stations/withdraw-station";
import { withdrawChargePoint } from "@/lib/irve/withdraw-charge-point";
import { correctChargePoint } from "@/lib/irve/correct-charge-point";
import { declareChargePoints } from "@/lib/irve/declare-charge-points";
import { parseIrveCsv } from "@/lib/irve/parse-irve-csv";
import { formatIrveCsv } from "@/lib/irve/format-irve-csv";
import { exportIrve } from "@/lib/irve/export-irve";
import { makeDossier, makeOperator, makeStations, uniqueSuffix } from "@/cli/demo/factories";
import { parisDay } from "@/lib/platform/time/paris-time";

const actor = { actor: "test" };

async function ownStation(channel: "ADVENIR" | "GIREVE" = "ADVENIR") {
  const dossier = await makeDossier({ channel });
  const viewer = { role: "beneficiaire" as const, beneficiaryId: dossier.beneficiaryId };
  return { dossier, viewer };
}

describe("correctStation", () => {
  it("corrects points and power, records the change with its 10-working-day deadline and the audit row", async () => {
    const { dossier, viewer } = await ownStation();
    const [station] = await makeStations({ dossierId: dossier.id, count: 1 });
    // Change on Friday 1 May 2026 (public holiday): due 10 working days later, Tuesday 19 May
    // (8 May and Ascension, 14 May, are holidays; weekends skipped). Declared Thursday 21 May: 2 days late.
    const result = await correctStation({
      stationId: station.id,
      stationCode: station.stationCode,
      pointCount: 4,
      nominalPowerKw: 11,
      effectiveOn: "2026-05-01",
      viewer,
      ...actor,
      now: new Date("2026-05-21T08:00:00Z"),
    });
    expect(result).toMatchObject({ pointCount: 4, nominalPowerKw: 11, deadline: { dueOn: "2026-05-19", declaredOn: "2026-05-21", daysLate: 2 } });
    const prisma = await db();
    const change = await prisma.stationChange.findFirstOrThrow({ where: { stationId: station.id } });
    expect(change).toMatchObject({
      kind: "correction",
      daysLate: 2,
      details: { before: { pointCount: 2, nominalPowerKw: 22 }, after: { pointCount: 4, nominalPowerKw: 11 } },
    });
    expect(change.dueOn.toISOString().slice(0, 10)).toBe("2026-05-19");
    expect(await prisma.auditLog.count({ where: { action: "station.corrected", targetId: station.id } })).toBe(1);
  });

  it("changes the StationID while no data came under it, to a free code only", async () => {
    const operator = await makeOperator();
    const mine = await makeDossier({ operatorId: operator.id });
    const theirs = await makeDossier({ operatorId: operator.id });
    const viewer = { role: "beneficiaire" as const, beneficiaryId: mine.beneficiaryId };
    const [station] = await makeStations({ dossierId: mine.id, count: 1 });
    const [other] = await makeStations({ dossierId: theirs.id, count: 1 });
    const today = parisDay(new Date());
    const taken = await correctStation({
      stationId: station.id,
      stationCode: other.stationCode,
      pointCount: 2,
      nominalPowerKw: 22,
      effectiveOn: today,
      viewer,
      ...actor,
    }).catch((e) => e);
    expect(taken).toMatchObject({
      code: "CONFLICT",
      fields: [{ path: "stationCode", message: expect.stringContaining("identifiant indisponible : contactez votre opérateur") }],
    });
    expect(JSON.stringify(taken.fields)).not.toContain(theirs.reference);
    const fresh = `ST-${uniqueSuffix()}`;
    await expect(
      correctStation({ stationId: station.id, stationCode: fresh, pointCount: 2, nominalPowerKw: 22, effectiveOn: today, viewer, ...actor }),
    ).resolves.toMatchObject({ stationCode: fresh });

    const prisma = await db();
    await prisma.chargeOperation.create({
      data: {
        env: "production",
        operatorId: operator.id,
        stationId: station.id,
        transactionId: "T1",
        startAt: new Date("2026-01-01T10:00:00Z"),
        stopAt: new Date("2026-01-01T11:00:00Z"),
        startWh: 0,
        stopWh: 1000,
      },
    });
    await expect(
      correctStation({ stationId: station.id, stationCode: `${fresh}-B`, pointCount: 2, nominalPowerKw: 22, effectiveOn: today, viewer, ...actor }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      fields: [{ path: "stationCode", message: "Identifiant de la station : ne peut plus changer, des données ont déjà été reçues sous cet identifiant" }],
    });
  });

  it("refuses another beneficiary's station (not found), a future day, no change, all without storing", async () => {
    const { dossier, viewer } = await ownStation();
    const [station] = await makeStations({ dossierId: dossier.id, count: 1 });
    const stranger = { role: "beneficiaire" as const, beneficiaryId: (await makeDossier()).beneficiaryId };
    const base = { stationId: station.id, stationCode: station.stationCode, pointCount: 3, nominalPowerKw: 22, effectiveOn: parisDay(new Date()), ...actor };
    await expect(correctStation({ ...base, viewer: stranger })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(correctStation({ ...base, effectiveOn: "2099-01-01", viewer })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "effectiveOn", message: "Date du changement ne peut pas être dans le futur : déclarez le changement une fois fait" }],
    });
    await expect(correctStation({ ...base, effectiveOn: "2026-02-30", viewer })).rejects.toMatchObject({
      fields: [{ path: "effectiveOn", message: "Date du changement : date invalide (jj/mm/aaaa)" }],
    });
    await expect(correctStation({ ...base, pointCount: 2, viewer })).rejects.toMatchObject({ message: "Rien n'a changé : modifiez au moins un champ." });
    expect(await (await db()).stationChange.count({ where: { stationId: station.id } })).toBe(0);
  });
});

describe("withdrawStation", () => {
  it("withdraws once, keeps the station and its code, and says when on a second attempt", async () => {
    const { dossier, viewer } = await ownStation();
    const [station] = await makeStations({ dossierId: dossier.id, count: 1 });
    const now = new Date("2026-03-02T09:00:00Z");
    await expect(
      withdrawStation({ stationId: station.id, effectiveOn: "2026-02-27", confirm: false as unknown as true, viewer, ...actor, now }),
    ).rejects.toMatchObject({
      fields: [{ path: "confirm" }],
    });
    const result = await withdrawStation({ stationId: station.id, effectiveOn: "2026-02-27", confirm: true, viewer, ...actor, now });
    expect(result.deadline).toEqual({ effectiveOn: "2026-02-27", dueOn: "2026-03-13", declaredOn: "2026-03-02", daysLate: 0 });
    const prisma = await db();
    expect(await prisma.station.findUniqueOrThrow({ where: { id: station.id }, select: { withdrawnOn: true, withdrawnAt: true } })).toEqual({
      withdrawnOn: new Date("2026-02-27T00:00:00Z"),
      withdrawnAt: now,
    });
    await expect(withdrawStation({ stationId: station.id, effectiveOn: "2026-02-28", confirm: true, viewer, ...actor, now })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Cette station est retirée depuis le 27/02/2026.",
    });
    await expect(
      correctStation({
        stationId: station.id,
        stationCode: station.stationCode,
        pointCount: 5,
        nominalPowerKw: 22,
        effectiveOn: "2026-03-01",
        viewer,
        ...actor,
        now,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await prisma.stationChange.count({ where: { stationId: station.id } })).toBe(1);
  });
});

describe("IRVE points: correction and withdrawal", () => {
  const today = parisDay(new Date());
  async function declared(count: number) {
    const { dossier, viewer } = await ownStation("GIREVE");
    const example = (await parseIrveCsv(readFileSync(path.join(process.cwd(), "lib/irve/fixtures/exemple-statique.csv"), "utf8"), { today })).valid[0].values;
    const code = uniqueSuffix().slice(0, 3).toUpperCase();
    const parsed = await parseIrveCsv(
      formatIrveCsv(
        Array.from({ length: count }, (_, i) => ({
          ...example,
          id_station_itinerance: `FR${code}PS1`,
          id_pdc_itinerance: `FR${code}ES1${i}`,
          puissance_nominale: String(22 + i),
          date_maj: "2026-01-05",
        })),
      ),
      { today },
    );
    await declareChargePoints({ dossierId: dossier.id, rows: parsed.valid, actor: "test" });
    const prisma = await db();
    const points = await prisma.chargePoint.findMany({
      where: { station: { dossierId: dossier.id } },
      orderBy: { idPdcItinerance: "asc" },
      select: { id: true, idPdcItinerance: true, stationId: true, irve: true },
    });
    return { dossier, viewer, points };
  }

  it("corrects a point's static data with the same validation as a declaration, dated by its date_maj", async () => {
    const { dossier, viewer, points } = await declared(1);
    const values = points[0].irve as Record<string, string>;
    const bad = await correctChargePoint({
      chargePointId: points[0].id,
      values: { ...values, contact_operateur: "accueil", nbre_pdc: "0" },
      viewer,
      ...actor,
    }).catch((e) => e);
    expect(bad.fields.map((f: { path: string }) => f.path).sort()).toEqual(["contact_operateur", "nbre_pdc"]);
    await expect(correctChargePoint({ chargePointId: points[0].id, values, viewer, ...actor })).rejects.toMatchObject({
      message: "Rien n'a changé : modifiez au moins un champ.",
    });
    await expect(correctChargePoint({ chargePointId: points[0].id, values: { ...values, puissance_nominale: "50" }, viewer, ...actor })).rejects.toMatchObject({
      fields: [{ path: "date_maj", message: "Date de mise à jour : indiquez le jour de la modification, après le 05/01/2026 (dernière mise à jour déclarée)" }],
    });
    // The identifier cannot be changed by the form: the point's own is kept.
    await correctChargePoint({
      chargePointId: points[0].id,
      values: { ...values, puissance_nominale: "50", date_maj: today, id_pdc_itinerance: "FRZZZE1" },
      viewer,
      ...actor,
    });
    const after = await (
      await db()
    ).chargePoint.findUniqueOrThrow({ where: { id: points[0].id }, select: { nominalPowerKw: true, idPdcItinerance: true, irve: true } });
    expect([Number(after.nominalPowerKw), after.idPdcItinerance, (after.irve as Record<string, string>).date_maj]).toEqual([
      50,
      points[0].idPdcItinerance,
      today,
    ]);
    const stranger = { role: "beneficiaire" as const, beneficiaryId: (await makeDossier()).beneficiaryId };
    await expect(correctChargePoint({ chargePointId: points[0].id, values, viewer: stranger, ...actor })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(dossier.id).toBeTruthy();
  });

  it("withdraws points: out of the export, station totals from the rest, the station withdrawn with its last point", async () => {
    const { dossier, viewer, points } = await declared(2);
    const first = await withdrawChargePoint({ chargePointId: points[1].id, effectiveOn: today, confirm: true, viewer, ...actor });
    expect(first.stationWithdrawn).toBe(false);
    const prisma = await db();
    expect(await prisma.station.findUniqueOrThrow({ where: { id: points[0].stationId }, select: { pointCount: true, withdrawnAt: true } })).toMatchObject({
      pointCount: 1,
      withdrawnAt: null,
    });
    const csv = await exportIrve({ dossierId: dossier.id });
    expect(csv).toContain(points[0].idPdcItinerance!);
    expect(csv).not.toContain(points[1].idPdcItinerance!);
    await expect(withdrawChargePoint({ chargePointId: points[1].id, effectiveOn: today, confirm: true, viewer, ...actor })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const last = await withdrawChargePoint({ chargePointId: points[0].id, effectiveOn: today, confirm: true, viewer, ...actor });
    expect(last.stationWithdrawn).toBe(true);
    expect((await prisma.station.findUniqueOrThrow({ where: { id: points[0].stationId }, select: { withdrawnAt: true } })).withdrawnAt).not.toBeNull();
    expect(await prisma.stationChange.count({ where: { stationId: points[0].stationId, kind: "retrait" } })).toBe(2);
    expect(await prisma.auditLog.count({ where: { action: "charge_point.withdrawn", targetId: { in: points.map((p) => p.id) } } })).toBe(2);
  });
});
