import { describe, expect, it } from "vitest";
import { createDossier } from "@/lib/dossiers/create-dossier";
import { updateDossier } from "@/lib/dossiers/update-dossier";
import { getDossierView } from "@/lib/dossiers/get-dossier-view";
import { makeBeneficiary, makeDossier, makeOperator, makeStations, uniqueSuffix } from "@/cli/demo/factories";

const fields = (d: { reference: string; operatorId: string }) => ({
  reference: d.reference,
  siteName: "Parking modifié",
  address: "2 rue de la Paix, 75002 Paris",
  inseeCode: "75102",
  siteType: "voirie" as const,
  operatorId: d.operatorId,
  channel: "ADVENIR" as const,
  actor: "test",
});

describe("dossiers seen and edited by their beneficiary only", () => {
  it("refuses a commune code absent from the official list, and stores nothing", async () => {
    const beneficiary = await makeBeneficiary();
    const operator = await makeOperator();
    const reference = `ADV-T-${uniqueSuffix()}`;
    await expect(
      createDossier({
        reference,
        beneficiaryId: beneficiary.id,
        operatorId: operator.id,
        siteName: "S",
        address: "A",
        inseeCode: "13000",
        siteType: "voirie",
        channel: "ADVENIR",
        actor: "test",
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fields: [{ path: "inseeCode" }] });
  });

  it("lets the owner edit, hides the dossier from another beneficiary", async () => {
    const d = await makeDossier();
    const owner = { role: "beneficiaire" as const, beneficiaryId: d.beneficiaryId };
    const stranger = { role: "beneficiaire" as const, beneficiaryId: (await makeBeneficiary()).id };
    await updateDossier({ ...fields(d), dossierId: d.id, viewer: owner });
    expect((await getDossierView({ dossierId: d.id, viewer: owner }))?.siteName).toBe("Parking modifié");
    expect(await getDossierView({ dossierId: d.id, viewer: stranger })).toBeNull();
    await expect(updateDossier({ ...fields(d), siteName: "Piraté", dossierId: d.id, viewer: stranger })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getDossierView({ dossierId: d.id, viewer: owner }))?.siteName).toBe("Parking modifié");
  });

  it("locks the operator and channel once stations are registered", async () => {
    const d = await makeDossier({ signed: true });
    await makeStations({ dossierId: d.id, count: 1 });
    const other = await makeOperator();
    const viewer = { role: "beneficiaire" as const, beneficiaryId: d.beneficiaryId };
    await expect(updateDossier({ ...fields(d), operatorId: other.id, dossierId: d.id, viewer })).rejects.toMatchObject({
      code: "CONFLICT",
      fields: [{ path: "operatorId", message: "l'opérateur ne peut plus changer : des stations sont déclarées" }],
    });
  });
});
