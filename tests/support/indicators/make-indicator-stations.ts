import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Channel, DataEnv } from "@/generated/prisma/enums";
import { makeSiren, uniqueSuffix } from "@/cli/demo/factories";

// Test data for indicator tests, written directly with Prisma (fast, unique ids): one operator,
// the given beneficiaries, one dossier per station, stations in the given communes.

export interface StationSpec {
  beneficiary: number;
  inseeCode: string;
  /** Nominal power per point (kW). */
  nominalPowerKw: number;
  /** Number of charge points (default 1). */
  pointCount?: number;
  channel?: Channel;
  /** Registration time (default now). */
  createdAt?: Date;
}

export async function makeIndicatorStations(prisma: PrismaClient, specs: StationSpec[]) {
  const tag = uniqueSuffix();
  const operator = await prisma.operator.create({ data: { name: `Opérateur indicateurs ${tag}`, siren: makeSiren() }, select: { id: true } });
  const benCount = Math.max(...specs.map((s) => s.beneficiary)) + 1;
  const beneficiaries = await prisma.beneficiary.createManyAndReturn({
    data: Array.from({ length: benCount }, (_, i) => ({ name: `Bénéficiaire ${tag}-${i}` })),
    select: { id: true },
  });
  const stations: { id: string; operatorId: string; stationCode: string; nominalPowerKw: number; inseeCode: string }[] = [];
  for (const [i, s] of specs.entries()) {
    const dossier = await prisma.dossier.create({
      data: {
        reference: `ADV-IND-${tag}-${i}`.toUpperCase(),
        beneficiaryId: beneficiaries[s.beneficiary].id,
        operatorId: operator.id,
        siteName: `Site ${i}`,
        address: "1 place de test",
        inseeCode: s.inseeCode,
        siteType: "parking_public",
        channel: s.channel ?? "ADVENIR",
      },
      select: { id: true },
    });
    const station = await prisma.station.create({
      data: {
        dossierId: dossier.id,
        operatorId: operator.id,
        stationCode: `IND-${tag}-${i}`,
        channel: s.channel ?? "ADVENIR",
        nominalPowerKw: s.nominalPowerKw,
        pointCount: s.pointCount ?? 1,
        inseeCode: s.inseeCode,
        ...(s.createdAt ? { createdAt: s.createdAt } : {}),
      },
      select: { id: true, operatorId: true, stationCode: true, inseeCode: true },
    });
    stations.push({ ...station, nominalPowerKw: s.nominalPowerKw });
  }
  return { operatorId: operator.id, stations };
}

export async function addOperations(
  prisma: PrismaClient,
  ops: { stationId: string; operatorId: string; start: Date; stop: Date; wh: number; env?: DataEnv; flags?: string[] }[],
) {
  await prisma.chargeOperation.createMany({
    data: ops.map((o) => ({
      env: o.env ?? "production",
      operatorId: o.operatorId,
      stationId: o.stationId,
      transactionId: randomUUID(),
      startAt: o.start,
      stopAt: o.stop,
      startWh: 1_000_000n,
      stopWh: 1_000_000n + BigInt(Math.round(o.wh)),
      qualityFlags: o.flags ?? [],
    })),
  });
}
