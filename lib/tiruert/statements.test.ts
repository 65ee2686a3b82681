import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { execute, sql } from "@/lib/platform/db/sql";
import { makeBeneficiary, makeDossier, makeOperator } from "@/cli/demo/factories";
import { listRegistrablePoints, registerPoints, unregisterPoint } from "@/lib/tiruert/register-points";
import { fileStatement } from "@/lib/tiruert/file-statement";
import { computeStatement } from "@/lib/tiruert/compute-statement";
import { getFiledStatement, listSessionsReceivedAfter, listVersions, stateOf } from "@/lib/tiruert/list-statements";
import { actorSirens } from "@/lib/tiruert/scope";
import { contentSha256 } from "@/lib/tiruert/statement-content";
import { loadRealPoints, type RealPoints } from "@/tests/support/tiruert/real-points";

// Registration of points, filing, versions and roles, on the real sessions' points (re-keyed per test).

const E = "953900123";
const PUBLIC = ["FRETIE13001A12", "FRETIE13063B13", "FRETIE59244A13"];
const AFTER_Q4_2024 = new Date("2025-01-10T12:00:00Z");

function operatorActor(r: RealPoints) {
  return { role: "operateur" as const, operatorId: r.operatorId, beneficiaryId: null, label: "operateur@test", userId: null };
}

async function registered() {
  const r = await loadRealPoints();
  await registerPoints({
    actor: operatorActor(r),
    points: PUBLIC.map((o) => ({ chargePointId: r.points[o].chargePointId, meterType: "dc_conforme" as const })),
  });
  return r;
}

describe("registration of points", () => {
  it("lists the operator's points with their eligibility and registers public ones with a fitting meter, audited", async () => {
    const r = await loadRealPoints();
    const actor = operatorActor(r);
    const points = await listRegistrablePoints(actor);
    expect(points.map((p) => [p.idPdcItinerance, p.siren, p.eligibility.eligible])).toEqual(
      [...PUBLIC, "FRELCEDXQS"]
        .map((o) => [r.points[o].idPdcItinerance, r.siren[o === "FRELCEDXQS" ? "891624884" : E], o !== "FRELCEDXQS"])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    await expect(registerPoints({ actor, points: [{ chargePointId: r.points.FRELCEDXQS.chargePointId, meterType: "mid_ac" }] })).rejects.toThrow(
      "points.0.chargePointId : " +
        r.points.FRELCEDXQS.idPdcItinerance +
        " : accès « Accès réservé » : seuls les points en accès libre entrent dans le dispositif",
    );
    // 150 kW is DC: an AC meter is refused, nothing registered (all or nothing).
    await expect(
      registerPoints({
        actor,
        points: [
          { chargePointId: r.points.FRETIE13063B13.chargePointId, meterType: "dc_conforme" },
          { chargePointId: r.points.FRETIE13001A12.chargePointId, meterType: "mid_ac" },
        ],
      }),
    ).rejects.toThrow("points.1.meterType");
    const prisma = await db();
    expect(await prisma.tiruertPoint.count({ where: { siren: r.siren[E] } })).toBe(0);
    await registerPoints({ actor, points: [{ chargePointId: r.points.FRETIE13001A12.chargePointId, meterType: "pdl_dedie" }] });
    expect(await prisma.tiruertPoint.findUnique({ where: { chargePointId: r.points.FRETIE13001A12.chargePointId } })).toMatchObject({
      siren: r.siren[E],
      meterType: "pdl_dedie",
    });
    expect(await prisma.auditLog.count({ where: { action: "tiruert.point.registered", targetId: r.points.FRETIE13001A12.idPdcItinerance } })).toBe(1);

    // Taken out of the scheme, audited; another operator cannot, and a second withdrawal is refused.
    const other = await makeOperator();
    await expect(
      unregisterPoint({
        actor: { role: "operateur", operatorId: other.id, beneficiaryId: null, label: "autre@test" },
        chargePointId: r.points.FRETIE13001A12.chargePointId,
      }),
    ).rejects.toThrow("Point enregistré introuvable.");
    await unregisterPoint({ actor, chargePointId: r.points.FRETIE13001A12.chargePointId });
    expect(await prisma.tiruertPoint.count({ where: { siren: r.siren[E] } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "tiruert.point.unregistered", targetId: r.points.FRETIE13001A12.idPdcItinerance } })).toBe(1);
    await expect(unregisterPoint({ actor, chargePointId: r.points.FRETIE13001A12.chargePointId })).rejects.toThrow("Point enregistré introuvable.");
  });

  it("lets another operator see and register none of them, and a beneficiary only its own SIREN's", async () => {
    const r = await loadRealPoints();
    const other = await makeOperator();
    const otherActor = { role: "operateur" as const, operatorId: other.id, beneficiaryId: null, label: "autre@test" };
    expect(await listRegistrablePoints(otherActor)).toEqual([]);
    await expect(
      registerPoints({ actor: otherActor, points: [{ chargePointId: r.points.FRETIE13001A12.chargePointId, meterType: "dc_conforme" }] }),
    ).rejects.toThrow("point inconnu ou qui n'est pas le vôtre");
    // A beneficiary whose SIREN is the aménageur's, holding the stations in its dossier: its points only.
    const beneficiary = await makeBeneficiary({ siren: r.siren[E] });
    const dossier = await makeDossier({ beneficiaryId: beneficiary.id, operatorId: r.operatorId });
    const prisma = await db();
    const ids = Object.values(r.points).map((p) => p.chargePointId);
    await execute(
      prisma,
      sql`UPDATE station SET dossier_id = ${dossier.id}::uuid WHERE id IN (SELECT station_id FROM charge_point WHERE id = ANY(${ids}::uuid[]))`,
    );
    const own = { role: "beneficiaire" as const, operatorId: null, beneficiaryId: beneficiary.id, label: "benef@test" };
    expect((await listRegistrablePoints(own)).map((p) => p.idPdcItinerance).sort()).toEqual(PUBLIC.map((o) => r.points[o].idPdcItinerance).sort());
    expect(await actorSirens(own)).toEqual([r.siren[E]]);
    expect(await actorSirens({ role: "comite", operatorId: null, beneficiaryId: null })).toEqual([]);
  });
});

describe("filing", () => {
  it("files once under a concurrent double submit, locked: a later session changes nothing and is listed for the correction", async () => {
    const r = await registered();
    const actor = operatorActor(r);
    const input = { actor, siren: r.siren[E], year: 2024, quarter: 4 as const, expectedVersion: 0, now: AFTER_Q4_2024 };
    const results = await Promise.all([fileStatement(input), fileStatement(input)]);
    expect(results.map((x) => x.kind).sort()).toEqual(["already-filed", "filed"]);
    expect(results[0].id).toBe(results[1].id);
    const prisma = await db();
    expect(await prisma.tiruertStatement.count({ where: { siren: r.siren[E] } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "tiruert.statement.filed", targetId: results[0].id } })).toBe(1);
    // A third submit of the same form (resent later) answers the same version.
    expect(await fileStatement(input)).toMatchObject({ kind: "already-filed", version: 1, id: results[0].id });

    const filed = await getFiledStatement({ actor, id: results[0].id });
    expect(filed.content.totals).toMatchObject({ sessions: 14, energyWh: 480_170, certifiedWh: 120_042.5 });
    expect(filed.sha256).toBe(contentSha256(filed.content));
    expect(filed.content.receivedUpTo).toBe(AFTER_Q4_2024.toISOString());

    // A session of 31 December 2024 arrives on 11 January 2025, after the filing.
    await execute(
      prisma,
      sql`INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, door, charge_point_id, received_at)
          SELECT 'production', s.operator_id, s.id, 'LATE-1', '2024-12-31T10:00:00Z', '2024-12-31T11:00:00Z', 0, 12000, 'QUALICHARGE', cp.id, '2025-01-11T08:00:00Z'
            FROM charge_point cp JOIN station s ON s.id = cp.station_id WHERE cp.id = ${r.points.FRETIE13001A12.chargePointId}::uuid`,
    );
    // Locked in the database too: an UPDATE of a filed version is refused.
    await expect(execute(prisma, sql`UPDATE tiruert_statement SET energy_wh = 1 WHERE id = ${results[0].id}::uuid`)).rejects.toThrow(
      "is filed and cannot be changed",
    );
    const again = await getFiledStatement({ actor, id: results[0].id });
    expect(again.sha256).toBe(filed.sha256);
    expect(again.content.totals.energyWh).toBe(480_170);
    const late = await listSessionsReceivedAfter({ siren: r.siren[E], year: 2024, quarter: 4, after: filed.filedAt });
    expect(late.map((s) => [s.idPdcItinerance, s.energyWh, s.reasons])).toEqual([[r.points.FRETIE13001A12.idPdcItinerance, 12_000, []]]);

    // The correction: version 2 counts it; version 1 is kept as it was.
    const corrected = await fileStatement({ ...input, expectedVersion: 1, now: new Date("2025-01-12T12:00:00Z") });
    expect(corrected).toMatchObject({ kind: "filed", version: 2 });
    const versions = await listVersions({ actor, siren: r.siren[E], year: 2024, quarter: 4 });
    expect(versions.map((v) => [v.version, v.energyWh, v.sha256])).toEqual([
      [2, 492_170, corrected.sha256],
      [1, 480_170, filed.sha256],
    ]);
    expect(stateOf(versions)).toBe("corrige");
    expect(stateOf(versions.slice(1))).toBe("depose");
    expect(stateOf([])).toBe("brouillon");
    // A stale form (expected version 3 when 2 is the latest) is refused.
    await expect(fileStatement({ ...input, expectedVersion: 3 })).rejects.toThrow("Version 3 inconnue : la dernière version déposée est 2.");
  });

  it("corrects Q4 with the energies of the year's quarters as filed, not as recomputed", async () => {
    const r = await registered();
    const actor = operatorActor(r);
    const siren = r.siren[E];
    // Q1 2025: 22.67 + 34.75 + 3.9 + 2.6 kWh, filed on 10 April 2025.
    const q1 = await fileStatement({ actor, siren, year: 2025, quarter: 1, expectedVersion: 0, now: new Date("2025-04-10T12:00:00Z") });
    expect(q1).toMatchObject({ kind: "filed", version: 1 });
    // A Q1 session (ending 31 March 22:00 Paris) received on 12 April, after that filing and within 15 days:
    // recomputed, Q1 would be 70,920 Wh; the Q4 correction uses the 63,920 Wh filed.
    const prisma = await db();
    await execute(
      prisma,
      sql`INSERT INTO charge_operation (env, operator_id, station_id, transaction_id, start_at, stop_at, start_wh, stop_wh, door, charge_point_id, received_at)
          SELECT 'production', s.operator_id, s.id, 'LATE-Q1', '2025-03-31T19:00:00Z', '2025-03-31T20:00:00Z', 0, 7000, 'QUALICHARGE', cp.id, '2025-04-12T08:00:00Z'
            FROM charge_point cp JOIN station s ON s.id = cp.station_id WHERE cp.id = ${r.points.FRETIE13063B13.chargePointId}::uuid`,
    );
    expect((await computeStatement({ siren, year: 2025, quarter: 1, receivedUpTo: new Date("2026-01-10T12:00:00Z") })).totals.energyWh).toBe(70_920);
    const q4 = await fileStatement({ actor, siren, year: 2025, quarter: 4, expectedVersion: 0, now: new Date("2026-01-10T12:00:00Z") });
    const content = (await getFiledStatement({ actor, id: q4.id })).content;
    expect(content.q4Correction?.quarters).toEqual([
      { quarter: 1, energyWh: 63_920, source: "depose" },
      { quarter: 2, energyWh: 0, source: "calcule" },
      { quarter: 3, energyWh: 0, source: "calcule" },
      { quarter: 4, energyWh: 0, source: "ce-etat" },
    ]);
  });

  it("refuses a quarter not yet over, and a SIREN that is not the actor's (404)", async () => {
    const r = await registered();
    const actor = operatorActor(r);
    await expect(
      fileStatement({ actor, siren: r.siren[E], year: 2024, quarter: 4, expectedVersion: 0, now: new Date("2024-12-31T22:59:59Z") }),
    ).rejects.toThrow("Le trimestre T4 2024 n'est pas terminé");
    const empty = { ...actor, role: "beneficiaire" as const, operatorId: null, beneficiaryId: (await makeBeneficiary()).id };
    const emptySiren = (await actorSirens(empty))[0];
    await expect(fileStatement({ actor: empty, siren: emptySiren, year: 2024, quarter: 4, expectedVersion: 0, now: AFTER_Q4_2024 })).rejects.toThrow(
      "Aucun point n'est enregistré pour cet aménageur",
    );
    const other = await makeOperator();
    await expect(
      fileStatement({ actor: { ...actor, operatorId: other.id }, siren: r.siren[E], year: 2024, quarter: 4, expectedVersion: 0, now: AFTER_Q4_2024 }),
    ).rejects.toThrow("État introuvable.");
    const filed = await fileStatement({ actor, siren: r.siren[E], year: 2024, quarter: 4, expectedVersion: 0, now: AFTER_Q4_2024 });
    await expect(getFiledStatement({ actor: { ...actor, operatorId: other.id }, id: filed.id })).rejects.toThrow("État introuvable.");
    // The admin reads every statement, even once its points are gone; the committee reads none.
    const prisma = await db();
    await prisma.tiruertPoint.deleteMany({ where: { siren: r.siren[E] } });
    expect((await getFiledStatement({ actor: { role: "admin", operatorId: null, beneficiaryId: null }, id: filed.id })).siren).toBe(r.siren[E]);
    await expect(getFiledStatement({ actor: { role: "comite", operatorId: null, beneficiaryId: null }, id: filed.id })).rejects.toThrow("État introuvable.");
    await expect(getFiledStatement({ actor, id: "pas-un-uuid" })).rejects.toThrow("État introuvable.");
  });
});
