import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/platform/db/database";
import { execute, sql } from "@/lib/platform/db/sql";
import type { QualichargeTenant } from "@/tests/support/qualicharge/tenant";

export interface MadePoint {
  idPdcItinerance: string;
  chargePointId: string;
  stationId: string;
}

/**
 * Charge points of the tenant's first unit (or `unit`), made directly in the core (as a statique
 * write would): `stations` stations of `perStation` points each, ids FRXXXP…/FRXXXE…, without a
 * dossier unless `dossier` (then in a signed dossier of the tenant's operator, channel `channel`,
 * so that their charges count in the indicators).
 */
export async function makeQualichargePoints(
  tenant: Pick<QualichargeTenant, "operatorId" | "units">,
  options: {
    stations?: number;
    perStation?: number;
    powerKw?: number;
    unit?: string;
    dossier?: boolean;
    channel?: "ADVENIR" | "GIREVE";
    inseeCode?: string;
  } = {},
): Promise<MadePoint[]> {
  const prisma = await db();
  const unit = options.unit ?? tenant.units[0];
  const inseeCode = options.inseeCode ?? "75101";
  let dossierId: string | null = null;
  if (options.dossier) {
    const beneficiary = await prisma.beneficiary.create({ data: { name: `Bénéficiaire QC ${randomBytes(3).toString("hex")}` }, select: { id: true } });
    dossierId = (
      await prisma.dossier.create({
        data: {
          reference: `ADV-QC-${randomBytes(4).toString("hex").toUpperCase()}`,
          beneficiaryId: beneficiary.id,
          operatorId: tenant.operatorId,
          siteName: "Parking QualiCharge",
          address: "1 rue de Rivoli, 75001 Paris",
          inseeCode,
          siteType: "residentiel_collectif",
          channel: options.channel ?? "ADVENIR",
          attestation: { create: { textVersion: "test", textSha256: "0".repeat(64), consent: true, signedAt: new Date(), signerName: "Jeanne Test" } },
        },
        select: { id: true },
      })
    ).id;
  }
  const made: MadePoint[] = [];
  const powerKw = options.powerKw ?? 22;
  for (let s = 0; s < (options.stations ?? 1); s++) {
    const code = `${unit}P${randomBytes(4).toString("hex").toUpperCase()}`;
    const station = await prisma.station.create({
      data: {
        dossierId,
        operatorId: tenant.operatorId,
        stationCode: code,
        channel: options.dossier ? (options.channel ?? "ADVENIR") : null,
        pointCount: options.perStation ?? 1,
        nominalPowerKw: powerKw,
        inseeCode,
      },
      select: { id: true },
    });
    for (let p = 0; p < (options.perStation ?? 1); p++) {
      const idPdcItinerance = `${unit}E${code.slice(6)}${p + 1}`;
      const point = await prisma.chargePoint.create({
        data: { stationId: station.id, pointCode: idPdcItinerance, idPdcItinerance, nominalPowerKw: powerKw },
        select: { id: true },
      });
      made.push({ idPdcItinerance, chargePointId: point.id, stationId: station.id });
    }
  }
  return made;
}

/** A production status of the point, stamped `at` and received then (or `receivedAt`), written directly in the history. */
export async function insertPointStatus(p: MadePoint, at: Date, etat: string, receivedAt: Date = at): Promise<void> {
  await execute(
    await db(),
    sql`INSERT INTO status_event (station_id, charge_point_id, horodatage, id, door, etat_pdc, occupation_pdc, received_at)
        VALUES (${p.stationId}::uuid, ${p.chargePointId}::uuid, ${at}, ${randomUUID()}::uuid, 'QUALICHARGE', ${etat}, 'libre', ${receivedAt})`,
  );
}
