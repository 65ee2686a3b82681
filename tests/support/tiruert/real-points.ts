import { readFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/platform/db/database";
import { makeOperator, makeSiren } from "@/cli/demo/factories";
import { unusedUnitCode } from "@/tests/support/qualicharge/tenant";
import { recordSessions } from "@/lib/charges/record-sessions";
import { execute, sql } from "@/lib/platform/db/sql";

// The real QualiCharge sessions and static data of lib/tiruert/fixtures/real-sessions.json, loaded
// into the core as a QualiCharge client would have sent them. Times and energies are the real
// ones; the point ids' 5-character prefix and the aménageurs' SIRENs are replaced by fresh ones so
// that every test has its own data on a shared database (the originals stay in the fixture).

interface Fixture {
  statique: Record<string, unknown>[];
  sessions: { energy: number; start: number; end: number; id_pdc_itinerance: string }[];
}

export const REAL = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../../lib/tiruert/fixtures/real-sessions.json"), "utf8")) as Fixture;

export interface RealPoints {
  operatorId: string;
  /** Original SIREN → the fresh one standing for it. */
  siren: Record<string, string>;
  /** Original point id → { fresh id, charge point id }. */
  points: Record<string, { idPdcItinerance: string; chargePointId: string }>;
}

/** One station per point (no dossier), its static data as stored by a statique write, then every session of the fixture, received 1 h after its end. */
export async function loadRealPoints(): Promise<RealPoints> {
  const prisma = await db();
  const operator = await makeOperator();
  const unit = await unusedUnitCode();
  const siren: Record<string, string> = {};
  const points: RealPoints["points"] = {};
  for (const raw of REAL.statique) {
    const original = String(raw.id_pdc_itinerance);
    const freshSiren = (siren[String(raw.siren_amenageur)] ??= makeSiren());
    const idPdc = unit + original.slice(5);
    const idStation = unit + String(raw.id_station_itinerance).slice(5) + original.slice(-4);
    const irve = { ...raw, siren_amenageur: freshSiren, id_pdc_itinerance: idPdc, id_station_itinerance: idStation };
    const station = await prisma.station.create({
      data: { operatorId: operator.id, stationCode: idStation, nominalPowerKw: Number(raw.puissance_nominale), inseeCode: String(raw.code_insee_commune) },
      select: { id: true },
    });
    const point = await prisma.chargePoint.create({
      data: {
        stationId: station.id,
        pointCode: idPdc,
        idPdcItinerance: idPdc,
        nominalPowerKw: Number(raw.puissance_nominale),
        irve,
        staticDeclaredAt: new Date(),
      },
      select: { id: true },
    });
    points[original] = { idPdcItinerance: idPdc, chargePointId: point.id };
  }
  const stored = await recordSessions({
    env: "production",
    apiUserId: null,
    sessions: REAL.sessions.map((s) => ({
      idPdcItinerance: points[s.id_pdc_itinerance].idPdcItinerance,
      start: new Date(s.start),
      end: new Date(s.end),
      energyKwh: s.energy,
    })),
  });
  if (stored.kind !== "stored" || stored.stored !== REAL.sessions.length) throw new Error(`sessions non enregistrées : ${JSON.stringify(stored)}`);
  const ids = Object.values(points).map((p) => p.chargePointId);
  await execute(prisma, sql`UPDATE charge_operation SET received_at = stop_at + interval '1 hour' WHERE charge_point_id = ANY(${ids}::uuid[])`);
  return { operatorId: operator.id, siren, points };
}
