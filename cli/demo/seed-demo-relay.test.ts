import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { createOperationalUnit } from "@/lib/api-accounts/create-operational-unit";
import { summarizeRelayTraffic, simulatedEvseIds, simulatedPointPowerKw } from "@/lib/channels/gireve/simulate/relay-traffic";
import { makeBeneficiary, makeOperator, uniqueSuffix } from "@/cli/demo/factories";
import { seedDemoRelay } from "@/cli/demo/seed-demo-relay";
import { unusedUnitCode } from "@/tests/support/qualicharge/tenant";

// The demo's GIREVE dossier is fed through the door's own reading and storage: every simulated
// message accepted, the charges stored those the simulator made, the points' latest statuses set.

describe("the demo's GIREVE dossier", () => {
  it("stores two days of relayed traffic as the door would", async () => {
    const prisma = await db();
    const operator = await makeOperator({ name: `Opérateur démo GIREVE ${uniqueSuffix()}` });
    const beneficiary = await makeBeneficiary();
    const unit = await unusedUnitCode();
    await createOperationalUnit({ code: unit, name: "Démo", operatorId: operator.id, actor: "test" });
    const now = new Date(Date.UTC(2026, 10, 20, 15, 30));
    const reference = `ADV-DEMO-G-${uniqueSuffix().toUpperCase()}`;
    const message = await seedDemoRelay(
      { operatorId: operator.id, beneficiaryId: beneficiary.id, unit, reference, relay: { username: `demo-gireve-${uniqueSuffix()}`, secret: "s3cret-demo" } },
      { now },
    );
    expect(message).toContain(`${reference} : 4 points de charge`);
    // What the simulator sent for these points over those two days (the seed's own start).
    const evseIds = simulatedEvseIds(`${unit.slice(0, 2)}*${unit.slice(2)}`, 4);
    const end = Date.UTC(2026, 10, 20, 14);
    const summary = summarizeRelayTraffic({
      evseIds,
      start: new Date(end - 2 * 86_400_000),
      days: 2,
      seed: 2026,
      pointPowersKw: evseIds.map((_, i) => simulatedPointPowerKw(i)),
    });
    const sessions = summary.evses.reduce((a, e) => a + e.sessions, 0);
    const energy = summary.evses.reduce((a, e) => a + e.finalEnergyWh, 0);
    expect(sessions).toBeGreaterThan(0);
    const charges = await prisma.chargeOperation.findMany({ where: { operatorId: operator.id, door: "GIREVE" }, select: { stopWh: true, qualityFlags: true } });
    expect(charges).toHaveLength(sessions);
    expect(charges.reduce((a, c) => a + Number(c.stopWh), 0)).toBe(energy);
    expect(charges.every((c) => c.qualityFlags.length === 0)).toBe(true);
    const points = await prisma.chargePoint.findMany({ where: { station: { dossier: { reference } } }, select: { id: true } });
    const [latest] = await prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM charge_point_status WHERE charge_point_id = ANY($1::uuid[]) AND door = 'GIREVE'`,
      points.map((p) => p.id),
    );
    expect(latest.n).toBe(4);
  });
});
