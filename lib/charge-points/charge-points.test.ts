import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { isAppError } from "@/lib/platform/errors";
import { statiqueSchema, statiqueToIrve, type Statique } from "@/lib/schemas/qualicharge-statique";
import { isInFrance } from "@/lib/reference-data/is-in-france";
import { parseIrveCsv } from "@/lib/irve/parse-irve-csv";
import { formatIrveCsv } from "@/lib/irve/format-irve-csv";
import { declareChargePoints } from "@/lib/irve/declare-charge-points";
import { upsertStatiques } from "@/lib/charge-points/upsert-statiques";
import { listDeclarationConflicts } from "@/lib/charge-points/list-declaration-conflicts";
import { listStationsBySiren } from "@/lib/charge-points/list-stations-by-siren";
import { StatiqueRefused } from "@/lib/charge-points/statique-errors";
import { makeDossier } from "@/cli/demo/factories";
import { claimFreshUnit, freshUnitCode } from "@/tests/support/qualicharge/tenant";
import { stationItems } from "@/tests/support/qualicharge/statique";
import { recordSessions } from "@/lib/charges/record-sessions";
import { writeStatuses } from "@/lib/statuses/write-statuses";
import { readLatestStatus } from "@/lib/statuses/read-latest-status";
import { readStatusHistory } from "@/lib/statuses/read-status-history";

// One point per id_pdc_itinerance whichever door declared it (ADR 0019): the API's statique and a
// GIREVE dossier's IRVE declaration meet on the same rows, each declaration is kept, and the
// sources that disagree are listed.

const today = "2026-12-05";
const schema = statiqueSchema({ today, isInFrance });
const apiUser = { id: "00000000-0000-4000-8000-000000000001", username: "qc-test" };

/** A GIREVE dossier whose operator holds a fresh operational unit, and statique items of that unit. */
async function setting(count: number, overrides: Record<string, unknown> = {}) {
  const dossier = await makeDossier({ channel: "GIREVE", signed: true });
  const unit = await claimFreshUnit(dossier.operatorId);
  const items: Statique[] = stationItems(unit, count, overrides).map((i) => schema.parse(i));
  return { dossier, unit, items };
}

/** The same points as a GIREVE dossier declares them (an IRVE CSV, parsed as the portal does). */
async function irveRows(items: Statique[]) {
  const parsed = await parseIrveCsv(formatIrveCsv(items.map(statiqueToIrve)), { today });
  expect(parsed.errors).toEqual([]);
  return parsed.valid;
}

async function points(ids: string[]) {
  return (await db()).chargePoint.findMany({
    where: { idPdcItinerance: { in: ids } },
    orderBy: { idPdcItinerance: "asc" },
    select: {
      id: true,
      idPdcItinerance: true,
      stationId: true,
      nominalPowerKw: true,
      station: { select: { dossierId: true, channel: true, pointCount: true } },
    },
  });
}

describe("a GIREVE dossier adopts the points the operator declared through the API", () => {
  it("takes the dossier-less station of the same code and its points into the dossier, and records both declarations", async () => {
    const { dossier, items } = await setting(2);
    await upsertStatiques({ items, mode: "upsert", apiUser });
    const before = await points(items.map((i) => i.id_pdc_itinerance));
    expect(before.map((p) => p.station.dossierId)).toEqual([null, null]);

    const result = await declareChargePoints({ dossierId: dossier.id, rows: await irveRows(items), actor: "test" });
    expect(result).toMatchObject({ stations: 1, inserted: 0 });
    const after = await points(items.map((i) => i.id_pdc_itinerance));
    expect(after.map((p) => [p.id, p.station.dossierId, p.station.channel, p.station.pointCount])).toEqual(before.map((p) => [p.id, dossier.id, "GIREVE", 2]));
    const declarations = await (
      await db()
    ).chargePointDeclaration.findMany({
      where: { chargePointId: after[0].id },
      orderBy: { id: "asc" },
      select: { door: true, source: true, dossierId: true, dataSha256: true },
    });
    expect(declarations.map((d) => [d.door, d.source, d.dossierId])).toEqual([
      ["QUALICHARGE", "api:qc-test", null],
      ["GIREVE", `dossier:${dossier.reference}`, dossier.id],
    ]);
    // Same data by both doors: the same canonical record, so no conflict.
    expect(declarations[0].dataSha256).toBe(declarations[1].dataSha256);
    expect((await listDeclarationConflicts()).some((c) => c.chargePointId === after[0].id)).toBe(false);
  });

  it("moves a dossier-less point into the dossier's station of another code, with its sessions and statuses", async () => {
    const { dossier, items } = await setting(1);
    await upsertStatiques({ items, mode: "upsert", apiUser });
    const [before] = await points([items[0].id_pdc_itinerance]);
    const pdc = items[0].id_pdc_itinerance;
    const session = { idPdcItinerance: pdc, start: new Date(Date.now() - 5 * 3_600_000), end: new Date(Date.now() - 4 * 3_600_000), energyKwh: 12.5 };
    expect((await recordSessions({ env: "production", apiUserId: null, sessions: [session] })).kind).toBe("stored");
    const at = new Date(Date.now() - 3_600_000);
    expect(
      (
        await writeStatuses({
          statuses: [{ idPdcItinerance: pdc, horodatage: at, etatPdc: "en_service", occupationPdc: "occupe" }],
          door: "QUALICHARGE",
          env: "production",
        })
      ).written,
    ).toBe(true);

    const moved = { ...items[0], id_station_itinerance: `${items[0].id_station_itinerance}X` };
    await declareChargePoints({ dossierId: dossier.id, rows: await irveRows([moved]), actor: "test" });
    const [after] = await points([pdc]);
    expect(after.id).toBe(before.id);
    expect(after.stationId).not.toBe(before.stationId);
    expect(after.station.dossierId).toBe(dossier.id);

    // The session followed its point: sent again, it is the same charge, not a second one.
    const charges = () => db().then((p) => p.chargeOperation.findMany({ where: { chargePointId: after.id }, select: { stationId: true, stopWh: true } }));
    expect(await charges()).toEqual([{ stationId: after.stationId, stopWh: 12_500n }]);
    expect(await recordSessions({ env: "production", apiUserId: null, sessions: [session] })).toMatchObject({ kind: "stored", stored: 0, unchanged: 1 });
    expect(await charges()).toHaveLength(1);
    // Its latest status and its history are still found.
    expect(await readLatestStatus({ idPdcItinerance: pdc, env: "production" })).toMatchObject({ kind: "found", status: { occupationPdc: "occupe" } });
    const history = await readStatusHistory({ idPdcItinerance: pdc, env: "production" });
    expect(history.kind === "found" && history.statuses.map((s) => s.horodatage.getTime())).toEqual([at.getTime()]);
  });

  it("still refuses a point of another dossier", async () => {
    const { dossier, items } = await setting(1);
    await declareChargePoints({ dossierId: dossier.id, rows: await irveRows(items), actor: "test" });
    const second = await makeDossier({ channel: "GIREVE", signed: true, operatorId: dossier.operatorId });
    const error = await declareChargePoints({ dossierId: second.id, rows: await irveRows(items), actor: "test" }).catch((e) => e);
    expect(isAppError(error) && error.code).toBe("CONFLICT");
  });
});

describe("the API on a dossier's point", () => {
  it("updates its static data and keeps it in its station and dossier; lists the sources' conflict", async () => {
    const { dossier, items } = await setting(2);
    await declareChargePoints({ dossierId: dossier.id, rows: await irveRows(items), actor: "test" });
    const [before] = await points([items[0].id_pdc_itinerance]);
    const changed = { ...items[0], puissance_nominale: 300, nom_enseigne: "Autre enseigne" };
    // Another station named by the API: the point stays in its dossier's station, no station is made.
    const elsewhere = { ...items[1], id_station_itinerance: `${items[1].id_station_itinerance}Z` };
    await upsertStatiques({ items: [elsewhere], mode: "upsert", apiUser });
    expect(await (await db()).station.count({ where: { stationCode: elsewhere.id_station_itinerance } })).toBe(0);
    expect((await points([items[1].id_pdc_itinerance]))[0].station.dossierId).toBe(dossier.id);
    expect(await upsertStatiques({ items: [changed], mode: "update", apiUser })).toEqual({ ids: [changed.id_pdc_itinerance], stored: 1, unchanged: 0 });
    const [after] = await points([items[0].id_pdc_itinerance]);
    expect([after.stationId, after.station.dossierId, Number(after.nominalPowerKw)]).toEqual([before.stationId, dossier.id, 300]);

    const conflict = (await listDeclarationConflicts()).find((c) => c.idPdcItinerance === changed.id_pdc_itinerance);
    expect(conflict?.sources.map((s) => [s.door, s.source])).toEqual([
      ["GIREVE", `dossier:${dossier.reference}`],
      ["QUALICHARGE", "api:qc-test"],
    ]);
    expect(conflict?.fields).toEqual([
      {
        field: "nom_enseigne",
        values: [
          { source: `dossier:${dossier.reference}`, value: items[0].nom_enseigne },
          { source: "api:qc-test", value: "Autre enseigne" },
        ],
      },
      {
        field: "puissance_nominale",
        values: [
          { source: `dossier:${dossier.reference}`, value: "150" },
          { source: "api:qc-test", value: "300" },
        ],
      },
    ]);
    // The API agrees again: the conflict is gone.
    await upsertStatiques({ items: [items[0]], mode: "update", apiUser });
    expect((await listDeclarationConflicts()).some((c) => c.idPdcItinerance === changed.id_pdc_itinerance)).toBe(false);
  });
});

describe("declarations compared", () => {
  it("takes the same phone written two ways for agreement, and another number for a conflict", async () => {
    const { dossier, items } = await setting(1);
    await upsertStatiques({ items, mode: "upsert", apiUser });
    // The dossier's IRVE file writes the API's "tel:+33-1-84-71-00-62" as a person would.
    const asWritten = { ...items[0], telephone_operateur: " 01 84 71 00 62 " };
    await declareChargePoints({ dossierId: dossier.id, rows: await irveRows([asWritten]), actor: "test" });
    const conflicts = async () => (await listDeclarationConflicts()).find((c) => c.idPdcItinerance === items[0].id_pdc_itinerance);
    expect(await conflicts()).toBeUndefined();
    await declareChargePoints({ dossierId: dossier.id, rows: await irveRows([{ ...asWritten, telephone_operateur: "01 84 71 00 63" }]), actor: "test" });
    expect((await conflicts())?.fields.map((f) => [f.field, f.values.map((v) => v.value)])).toEqual([
      ["telephone_operateur", ["tel:+33-1-84-71-00-62", "01 84 71 00 63"]],
    ]);
  });
});

describe("a point moved by the API", () => {
  it("takes its sessions to its new dossier-less station, and merges a copy already there", async () => {
    const operator = await makeDossier({ channel: "GIREVE", signed: true });
    const unit = await claimFreshUnit(operator.operatorId);
    const [item] = stationItems(unit, 1).map((i) => schema.parse(i)) as Statique[];
    await upsertStatiques({ items: [item], mode: "upsert", apiUser });
    const [first] = await points([item.id_pdc_itinerance]);
    const start = Date.now() - 6 * 3_600_000;
    const session = (k: number) => ({
      idPdcItinerance: item.id_pdc_itinerance,
      start: new Date(start + k * 3_600_000),
      end: new Date(start + k * 3_600_000 + 1_800_000),
      energyKwh: 5 + k,
    });
    await recordSessions({ env: "production", apiUserId: null, sessions: [session(0), session(1)] });
    // A copy of session 1 under the station the point moves to, as an earlier move could leave it.
    const other = { ...item, id_station_itinerance: `${item.id_station_itinerance}Y` };
    await upsertStatiques({ items: [other], mode: "upsert", apiUser });
    const [second] = await points([item.id_pdc_itinerance]);
    expect(second.stationId).not.toBe(first.stationId);
    const prisma = await db();
    const rows = () =>
      prisma.chargeOperation.findMany({
        where: { chargePointId: first.id },
        select: { stationId: true, transactionId: true },
        orderBy: { transactionId: "asc" },
      });
    expect((await rows()).map((r) => r.stationId)).toEqual([second.stationId, second.stationId]);
    await prisma.chargeOperation.updateMany({
      where: { chargePointId: first.id, transactionId: (await rows())[1].transactionId },
      data: { stationId: first.stationId },
    });
    await recordSessions({ env: "production", apiUserId: null, sessions: [session(1)] }); // lands under the current station
    expect(await rows()).toHaveLength(3);
    // Moving back: the copies merge, one charge per session.
    await upsertStatiques({ items: [item], mode: "upsert", apiUser });
    expect((await rows()).map((r) => r.stationId)).toEqual([first.stationId, first.stationId]);
  });
});

describe("upsertStatiques", () => {
  it("is all or nothing, and a retry leaves the same state", async () => {
    const { items } = await setting(3);
    const broken = [...items.slice(0, 2), { ...items[2], id_station_itinerance: `${freshUnitCode()}P1`, id_pdc_itinerance: `${freshUnitCode()}E1` }];
    const error = await upsertStatiques({ items: broken, mode: "upsert", apiUser }).catch((e) => e);
    expect(error).toBeInstanceOf(StatiqueRefused);
    expect(await points(items.map((i) => i.id_pdc_itinerance))).toEqual([]);
    const first = await upsertStatiques({ items, mode: "upsert", apiUser });
    const state = await points(items.map((i) => i.id_pdc_itinerance));
    const retry = await upsertStatiques({ items, mode: "upsert", apiUser });
    expect([first.stored, retry.stored, retry.unchanged]).toEqual([3, 0, 3]);
    expect(await points(items.map((i) => i.id_pdc_itinerance))).toEqual(state);
  });

  it("keeps one copy of an item sent twice identically, and refuses one sent twice differently", async () => {
    const { items } = await setting(1);
    expect((await upsertStatiques({ items: [items[0], items[0]], mode: "upsert", apiUser })).ids).toEqual([items[0].id_pdc_itinerance]);
    const error = await upsertStatiques({ items: [items[0], { ...items[0], puissance_nominale: 7 }], mode: "upsert", apiUser }).catch((e) => e);
    expect(error.refusal).toEqual({ kind: "inconsistent-point", ids: [items[0].id_pdc_itinerance] });
  });
});

describe("listStationsBySiren", () => {
  it("lists the stations of a SIREN having a PDL", async () => {
    const siren = "732829320";
    const { items } = await setting(2, { siren_amenageur: siren, nom_station: "Station avec PDL" });
    const { items: without } = await setting(1, { siren_amenageur: siren, raccordement: "Indirect", num_pdl: null });
    await upsertStatiques({ items: [...items, ...without], mode: "upsert", apiUser });
    const listed = await listStationsBySiren({ siren });
    const mine = listed.filter((s) => [items[0].id_station_itinerance, without[0].id_station_itinerance].includes(s.id_station_itinerance));
    expect(mine).toEqual([
      { id_station_itinerance: items[0].id_station_itinerance, nom_station: "Station avec PDL", num_pdl: "00001234567890", updated_at: expect.any(String) },
    ]);
    expect(await listStationsBySiren({ siren, after: new Date(Date.now() + 60_000) })).toEqual([]);
  });
});
