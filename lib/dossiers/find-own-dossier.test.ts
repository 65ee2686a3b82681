import { describe, expect, it } from "vitest";
import { makeBeneficiary, makeDossier } from "@/cli/demo/factories";
import { findOwnDossier } from "@/lib/dossiers/find-own-dossier";

// The dossier-ownership rule of every page, action and route handler of a dossier.
describe("findOwnDossier", () => {
  it("gives a beneficiary its own dossier, and NOT_FOUND for another's exactly as for none", async () => {
    const [mine, theirs] = [await makeBeneficiary(), await makeBeneficiary()];
    const dossier = await makeDossier({ beneficiaryId: mine.id });
    const viewer = { role: "beneficiaire" as const, beneficiaryId: mine.id };
    expect((await findOwnDossier({ dossierId: dossier.id, viewer })).reference).toBe(dossier.reference);
    const refusal = { code: "NOT_FOUND", status: 404, message: "Dossier introuvable." };
    await expect(findOwnDossier({ dossierId: dossier.id, viewer: { role: "beneficiaire", beneficiaryId: theirs.id } })).rejects.toMatchObject(refusal);
    await expect(findOwnDossier({ dossierId: "00000000-0000-4000-8000-000000000000", viewer })).rejects.toMatchObject(refusal);
    await expect(findOwnDossier({ dossierId: "pas-un-identifiant", viewer })).rejects.toMatchObject(refusal);
  });

  it("lets the admin read any dossier, and no other role", async () => {
    const dossier = await makeDossier();
    expect((await findOwnDossier({ dossierId: dossier.id, viewer: { role: "admin", beneficiaryId: null } })).id).toBe(dossier.id);
    await expect(findOwnDossier({ dossierId: dossier.id, viewer: { role: "operateur", beneficiaryId: null } })).rejects.toMatchObject({ status: 404 });
  });
});
