import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { listDossierEvses } from "@/lib/channels/gireve/simulate/list-dossier-evses";
import { simulatedPointPowerKw } from "@/lib/channels/gireve/simulate/relay-traffic";
import { prepareSimulation } from "@/cli/gireve/prepare-simulation";
import { runSimulate } from "@/cli/gireve-simulate";

describe("prepareSimulation", () => {
  it("makes a signed GIREVE dossier with declared points, the operator's unit and a relay account, whose EVSEs the simulator reads back", async () => {
    const prepared = await prepareSimulation({ points: 12 });
    expect(prepared.evseIds).toHaveLength(12);
    const unit = prepared.operatorId.replace("*", "");
    const prisma = await db();
    const dossier = await prisma.dossier.findUniqueOrThrow({
      where: { reference: prepared.dossierReference },
      select: { channel: true, operatorId: true, attestation: { select: { signedAt: true } }, stations: { select: { pointCount: true } } },
    });
    expect(dossier.channel).toBe("GIREVE");
    expect(dossier.attestation?.signedAt).toBeInstanceOf(Date);
    expect(dossier.stations.map((s) => s.pointCount).sort()).toEqual([10, 2]);
    expect(await prisma.operationalUnit.findUnique({ where: { code: unit }, select: { operatorId: true } })).toEqual({ operatorId: dossier.operatorId });
    expect(await prisma.gireveRelayAccount.count({ where: { username: prepared.relay.username, env: "production" } })).toBe(1);
    const listed = await listDossierEvses({ reference: prepared.dossierReference });
    expect(listed.map((p) => p.evseId)).toEqual(prepared.evseIds);
    // Each point declares the power its simulated sessions draw, so that none is flagged as beyond it.
    expect(listed.map((p) => p.nominalPowerKw)).toEqual(prepared.evseIds.map((_, i) => simulatedPointPowerKw(i)));
    expect(prepared.evseIds[0]).toBe(`${prepared.operatorId}*ESIM00001`);

    const out: string[] = [];
    const code = await runSimulate(["--dossier", prepared.dossierReference, "--points", "3", "--dry-run", "--start", "2026-03-02"], {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
      progress: () => {},
    });
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^Trafic simulé : 3 EVSE du 2026-03-02T00:00:00.000Z/);
  });

  it("says when the dossier does not exist", async () => {
    const err: string[] = [];
    expect(await runSimulate(["--dossier", "ADV-NOPE", "--dry-run"], { out: () => {}, err: (l) => err.push(l), progress: () => {} })).toBe(1);
    expect(err).toEqual(["Dossier introuvable : ADV-NOPE."]);
  });
});
