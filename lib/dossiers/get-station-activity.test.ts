import { describe, expect, it } from "vitest";
import { getDossierView } from "@/lib/dossiers/get-dossier-view";
import { call, curve, makeTenant, operation } from "@/tests/support/advenir/ingest";
import { db } from "@/lib/platform/db/database";

// Issue 13 §6: the dossier's totals count charges as the indicators do; flagged ones apart.

const T0 = 1_700_000_000;

describe("station activity on the dossier page", () => {
  it("sums clean charges only (a curve over its own operation), and sets flagged ones apart with their reasons", async () => {
    const t = await makeTenant({ stations: ["R320", "1234", "QUIET"], nominalPowerKw: 22 });
    const U = t.operatorId;
    // R320: a clean operation (5,000 Wh); T2 sent as operation and curve, both clean: its curve
    // counts (3,000 Wh), once; T3's operation is flagged but its curve is clean (2,000 Wh);
    // T4's curve is flagged but its operation is clean (7,000 Wh); T5: 9 billion kWh;
    // T6: StopValue below StartValue.
    const ops = {
      T1: operation(T0, 3600, 5000),
      T2: operation(T0 + 10_000, 3600, 2900),
      T3: operation(T0 + 20_000, 10, 100_000),
      T4: operation(T0 + 30_000, 3600, 7000),
      T5: operation(T0 + 40_000, 3600, 9_000_000_000_000),
      T6: { ...operation(T0 + 50_000), StartValue: 9000, StopValue: 8000 },
    };
    const curves = {
      T2: curve(T0 + 10_000, 4, 1200, 1000),
      T3: curve(T0 + 20_000, 3, 1800, 1000),
      T4: [
        { timestamp: T0 + 30_000, value: 5000 },
        { timestamp: T0 + 31_000, value: 4000 },
        { timestamp: T0 + 32_000, value: 6000 },
        { timestamp: T0 + 33_000, value: 3000 },
      ],
    };
    expect((await call("operation", { [U]: { R320: ops, "1234": { X: operation(T0, 3600, 1234) } } }, { auth: t.auth })).status).toBe(200);
    expect((await call("courbe", { [U]: { R320: curves } }, { auth: t.auth })).status).toBe(200);

    const prisma = await db();
    const station = await prisma.station.findFirstOrThrow({
      where: { id: t.stations.R320 },
      select: { dossierId: true, dossier: { select: { beneficiaryId: true } } },
    });
    const view = await getDossierView({ dossierId: station.dossierId!, viewer: { role: "beneficiaire", beneficiaryId: station.dossier!.beneficiaryId } });
    const byCode = Object.fromEntries(view!.stations.map((s) => [s.stationCode, s.activity]));
    expect(byCode.R320).toMatchObject({ chargeCount: 4, energyWh: 5000 + 3000 + 2000 + 7000, flaggedCount: 2 });
    expect(byCode.R320.flags.map((f) => [f.label, f.count])).toEqual([
      ["Énergie supérieure à 1 000 kWh", 1],
      ["Énergie supérieure à la puissance de la station", 1],
      ["Index d'énergie décroissant", 1],
    ]);
    expect(byCode["1234"]).toMatchObject({ chargeCount: 1, energyWh: 1234, flaggedCount: 0, flags: [] });
    expect(byCode.QUIET).toMatchObject({ lastDataAt: null, chargeCount: 0, energyWh: 0, flaggedCount: 0 });
    expect(view!.state).toBe("donnees_recues");
    // A station whose only data is flagged still "sends data".
    const t2 = await makeTenant({ stations: ["ONLY-FLAGGED"] });
    await call("operation", { [t2.operatorId]: { "ONLY-FLAGGED": { Z: { ...operation(T0), StartValue: 10, StopValue: 5 } } } }, { auth: t2.auth });
    const s2 = await prisma.station.findFirstOrThrow({
      where: { id: t2.stations["ONLY-FLAGGED"] },
      select: { dossierId: true, dossier: { select: { beneficiaryId: true } } },
    });
    const view2 = await getDossierView({ dossierId: s2.dossierId!, viewer: { role: "beneficiaire", beneficiaryId: s2.dossier!.beneficiaryId } });
    expect(view2!.stations[0].activity).toMatchObject({ chargeCount: 0, energyWh: 0, flaggedCount: 1 });
    expect(view2!.stations[0].activity.lastDataAt).not.toBeNull();
    expect(view2!.state).toBe("donnees_recues");
  });
});
