import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, rawSql } from "@/lib/platform/db/database";
import { listenWithQualichargeDoor } from "@/tests/support/qualicharge/door-server";
import { makeGireveSetup, makeRelayAccount, postEnvelope, type GireveSetup } from "@/tests/support/gireve/relay";
import { availabilityStatus, busyStatus, chargeDetailRecord } from "@/tests/support/gireve/envelopes";
import { makeBeneficiary } from "@/cli/demo/factories";
import { getPointActivity, getPointChargesExport } from "@/lib/dossiers/get-point-activity";
import { getDossierView } from "@/lib/dossiers/get-dossier-view";
import { CHARGES_PAGE_SIZE } from "@/lib/charges/list-point-charges";
import { formatPointChargesCsv } from "@/lib/charges/format-point-charges-csv";

// Issue 18 §5: the beneficiary of a dossier collected through GIREVE sees, per charge point, its
// latest status, when it last reported and its charges; production data only, its own points only.
// The data arrives the way it does in production: eMIP envelopes posted through the GIREVE door.

let server: Awaited<ReturnType<typeof listenWithQualichargeDoor>>;
beforeAll(async () => {
  server = await listenWithQualichargeDoor();
});
afterAll(async () => {
  await server.close();
});

const hoursAgo = (h: number) => new Date(Math.floor((Date.now() - h * 3_600_000) / 1000) * 1000);
const minutesAfter = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

async function send(auth: string, xml: string) {
  const r = await postEnvelope(server.base, xml, { auth });
  expect(r.requestStatus, r.text).toBe(1);
}

/** The setup's dossier and its beneficiary (makeGireveSetup makes them). */
async function dossierOf(s: GireveSetup) {
  const station = await (
    await db()
  ).station.findUniqueOrThrow({
    where: { id: s.points[0].stationId },
    select: { dossier: { select: { id: true, reference: true, beneficiaryId: true } } },
  });
  const d = station.dossier!;
  return { ...d, viewer: { role: "beneficiaire" as const, beneficiaryId: d.beneficiaryId } };
}

function cdr(s: GireveSetup, p: GireveSetup["points"][number], sessionId: string, start: Date, minutes: number, energyWh: number) {
  return chargeDetailRecord({
    operatorId: s.emi3OperatorId,
    evseId: p.evseId,
    sessionId,
    nature: "final",
    start: start.toISOString(),
    end: minutesAfter(start, minutes).toISOString(),
    energy: energyWh,
  });
}

async function maxReceivedAt(table: "status_event" | "charge_operation", pointId: string, env: "production" | "sandbox") {
  const [row] = await (
    await rawSql()
  ).query<{ at: Date | string | null }>(`SELECT max(received_at) AS at FROM ${table} WHERE charge_point_id = $1::uuid AND env = $2::"DataEnv"`, [pointId, env]);
  return row.at === null ? null : new Date(row.at);
}

describe("a GIREVE point's status and charges, as its beneficiary sees them", () => {
  it("shows the latest status, the last report and the charges with their flags; the sandbox's data never", async () => {
    const s = await makeGireveSetup({ points: 2, powerKw: 22 });
    const [p, quiet] = s.points;
    const d = await dossierOf(s);
    const at1 = hoursAgo(5);
    const at2 = hoursAgo(4);
    const start1 = hoursAgo(3);
    const start2 = hoursAgo(30);
    await send(s.relay.auth, availabilityStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: at1.toISOString(), availability: 2 }));
    await send(s.relay.auth, busyStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: at2.toISOString(), busy: 2 }));
    // A clean charge (18 kWh in 1 h 05), and an older one of 2,000 kWh in an hour: flagged twice.
    await send(s.relay.auth, cdr(s, p, "S-CLEAN", start1, 65, 18_000));
    await send(s.relay.auth, cdr(s, p, "S-FLAGGED", start2, 60, 2_000_000));
    const productionLast = (await maxReceivedAt("charge_operation", p.chargePointId, "production"))!;
    // The relay's sandbox account reports the same point later: out of order, and another charge.
    const sandbox = await makeRelayAccount("sandbox");
    await send(sandbox.auth, availabilityStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: hoursAgo(1).toISOString(), availability: 1 }));
    await send(sandbox.auth, cdr(s, p, "S-SANDBOX", hoursAgo(2), 30, 5_000));
    expect(await maxReceivedAt("charge_operation", p.chargePointId, "sandbox")).not.toBeNull();

    const a = await getPointActivity({ dossierId: d.id, pointId: p.chargePointId, viewer: d.viewer });
    expect(a).not.toBeNull();
    expect(a!.point).toMatchObject({ label: p.idPdcItinerance, dossier: { id: d.id, reference: d.reference, channel: "GIREVE" } });
    expect(a!.status).toMatchObject({ etatPdc: "en_service", occupationPdc: "occupe", horodatage: at2 });
    expect(a!.lastReportAt).toEqual(productionLast);
    expect(a!.charges).toMatchObject({ total: 2, page: 1, pageCount: 1 });
    expect(
      a!.charges.items.map((c) => ({
        id: c.transactionId,
        door: c.door,
        start: c.startAt.toISOString(),
        durationS: c.durationS,
        energyWh: c.energyWh,
        flags: c.flags.map((f) => f.label),
      })),
    ).toEqual([
      { id: "S-CLEAN", door: "GIREVE", start: start1.toISOString(), durationS: 65 * 60, energyWh: 18_000, flags: [] },
      {
        id: "S-FLAGGED",
        door: "GIREVE",
        start: start2.toISOString(),
        durationS: 3600,
        energyWh: 2_000_000,
        flags: ["Énergie supérieure à la puissance de la station", "Énergie supérieure à 1 000 kWh"],
      },
    ]);

    // The point that reported nothing.
    const none = await getPointActivity({ dossierId: d.id, pointId: quiet.chargePointId, viewer: d.viewer });
    expect(none).toMatchObject({ status: null, lastReportAt: null, charges: { total: 0, items: [], page: 1, pageCount: 1 } });

    // The dossier's points table reads the same reports.
    const view = await getDossierView({ dossierId: d.id, viewer: d.viewer });
    const reports = Object.fromEntries(view!.stations.flatMap((st) => st.points.map((x) => [x.id, x.report])));
    expect(reports[p.chargePointId]).toEqual({ status: a!.status, lastReportAt: productionLast });
    expect(reports[quiet.chargePointId]).toEqual({ status: null, lastReportAt: null });
  });

  it("counts a status received last as the last report, even one older than the latest status (history only)", async () => {
    const s = await makeGireveSetup({ points: 1 });
    const [p] = s.points;
    const d = await dossierOf(s);
    await send(s.relay.auth, availabilityStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: hoursAgo(2).toISOString(), availability: 1 }));
    await send(s.relay.auth, cdr(s, p, "S-1", hoursAgo(6), 30, 4_000));
    // Received last, dated before the latest status: the history keeps it, the latest status stands.
    await send(s.relay.auth, busyStatus({ operatorId: s.emi3OperatorId, evseId: p.evseId, at: hoursAgo(3).toISOString(), busy: 1 }));
    const lastEvent = (await maxReceivedAt("status_event", p.chargePointId, "production"))!;
    expect(lastEvent.getTime()).toBeGreaterThanOrEqual((await maxReceivedAt("charge_operation", p.chargePointId, "production"))!.getTime());
    const a = await getPointActivity({ dossierId: d.id, pointId: p.chargePointId, viewer: d.viewer });
    expect(a!.status).toMatchObject({ etatPdc: "hors_service", occupationPdc: "inconnu" });
    expect(a!.lastReportAt).toEqual(lastEvent);
  });

  it("pages the charges, most recent first, clamps a page past the end, and exports them all as CSV", async () => {
    const s = await makeGireveSetup({ points: 1, powerKw: 22 });
    const [p] = s.points;
    const d = await dossierOf(s);
    const n = CHARGES_PAGE_SIZE + 2;
    // The starts are fixed once: read again later, "100 hours ago" may be a second further on.
    const starts = Array.from({ length: n }, (_, i) => hoursAgo(100 - i));
    for (let i = 0; i < n; i++) await send(s.relay.auth, cdr(s, p, `S-${String(i).padStart(2, "0")}`, starts[i], 30, 1_000 + i));
    const first = await getPointActivity({ dossierId: d.id, pointId: p.chargePointId, viewer: d.viewer });
    expect(first!.charges).toMatchObject({ total: n, page: 1, pageCount: 2 });
    expect(first!.charges.items).toHaveLength(CHARGES_PAGE_SIZE);
    expect(first!.charges.items[0].transactionId).toBe(`S-${n - 1}`);
    const last = await getPointActivity({ dossierId: d.id, pointId: p.chargePointId, viewer: d.viewer, page: 9 });
    expect(last!.charges).toMatchObject({ total: n, page: 2, pageCount: 2 });
    expect(last!.charges.items.map((c) => c.transactionId)).toEqual(["S-01", "S-00"]);

    const exported = await getPointChargesExport({ dossierId: d.id, pointId: p.chargePointId, viewer: d.viewer });
    expect(exported!.total).toBe(n);
    const csv = formatPointChargesCsv(exported!.items, { label: p.idPdcItinerance, dossierReference: d.reference }, exported!.total, "standard");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(`Recharges du point de charge ${p.idPdcItinerance} (dossier ${d.reference}) — données de production — ${n} recharge(s)`);
    expect(lines[1]).toBe("Début,Fin,Durée (min),Énergie (kWh),Indicateurs de qualité,Identifiant de la recharge,Canal,Reçue le");
    expect(lines).toHaveLength(2 + n);
    const start = starts[n - 1];
    expect(lines[2]).toMatch(new RegExp(`^${start.toISOString()},${minutesAfter(start, 30).toISOString()},30,1.021,,S-${n - 1},GIREVE,\\d{4}-`));
  });

  it("answers null for another beneficiary, for a point of another dossier and for bad ids; the admin reads any", async () => {
    const s = await makeGireveSetup({ points: 1 });
    const other = await makeGireveSetup({ points: 1 });
    const [p] = s.points;
    const d = await dossierOf(s);
    const stranger = await makeBeneficiary();
    const pointId = p.chargePointId;
    expect(await getPointActivity({ dossierId: d.id, pointId, viewer: { role: "beneficiaire", beneficiaryId: stranger.id } })).toBeNull();
    expect(await getPointChargesExport({ dossierId: d.id, pointId, viewer: { role: "beneficiaire", beneficiaryId: stranger.id } })).toBeNull();
    expect(await getPointActivity({ dossierId: d.id, pointId, viewer: { role: "operateur", beneficiaryId: null } })).toBeNull();
    // Its own dossier in the address, another dossier's point: not found either.
    expect(await getPointActivity({ dossierId: d.id, pointId: other.points[0].chargePointId, viewer: d.viewer })).toBeNull();
    expect(await getPointActivity({ dossierId: d.id, pointId: "pas-un-identifiant", viewer: d.viewer })).toBeNull();
    expect(await getPointActivity({ dossierId: d.id, pointId, viewer: { role: "admin", beneficiaryId: null } })).not.toBeNull();
  });
});
