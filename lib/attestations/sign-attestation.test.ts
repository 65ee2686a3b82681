import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/database";
import { signAttestation } from "@/lib/attestations/sign-attestation";
import { ATTESTATION_TEXT, ATTESTATION_TEXT_SHA256, ATTESTATION_TEXT_VERSION, attestationText, sha256Hex } from "@/lib/attestations/attestation-text";
import { makeDossier, makeUser } from "@/cli/demo/factories";

const sign = (dossierId: string, over: Partial<Parameters<typeof signAttestation>[0]> = {}) =>
  signAttestation({
    dossierId,
    signerName: "Jeanne Martin",
    signerCapacity: "Syndic",
    consent: true,
    ipAddress: "203.0.113.7",
    userAgent: "vitest",
    onBehalf: false,
    actor: "jeanne@test.advenir.fr",
    ...over,
  });

async function signatureAudits(dossierId: string) {
  const prisma = await db();
  return prisma.auditLog.findMany({ where: { targetType: "dossier", targetId: dossierId, action: { startsWith: "attestation." } } });
}

describe("attestation text", () => {
  it("is versioned, French, and hashed with SHA-256", () => {
    expect(ATTESTATION_TEXT_VERSION).toMatch(/^\d{4}-\d{2}-v\d+$/);
    expect(ATTESTATION_TEXT_SHA256).toBe(sha256Hex(ATTESTATION_TEXT));
    expect(ATTESTATION_TEXT_SHA256).toMatch(/^[0-9a-f]{64}$/);
    for (const phrase of [
      "ADVENIR",
      "impact carbone",
      "réseau",
      "qualité de service",
      "agrégés et anonymes",
      "supprimées à la fin du programme",
      "capacité d'engager",
    ])
      expect(ATTESTATION_TEXT).toContain(phrase);
    expect(attestationText(ATTESTATION_TEXT_VERSION)?.sha256).toBe(ATTESTATION_TEXT_SHA256);
    expect(attestationText("1999-01-v0")).toBeUndefined();
  });
});

describe("signAttestation", () => {
  it("a new dossier's attestation is unsigned, with the current text version", async () => {
    const dossier = await makeDossier();
    expect(dossier.attestation).toEqual({ textVersion: ATTESTATION_TEXT_VERSION, textSha256: ATTESTATION_TEXT_SHA256, signedAt: null });
  });

  it("signs once, records the text hash, the address and the signer, and writes one audit row", async () => {
    const signer = await makeUser({ role: "beneficiaire" });
    const dossier = await makeDossier({ beneficiaryId: signer.beneficiaryId! });
    const s = await sign(dossier.id, { signedByUserId: signer.id });
    expect(s).toMatchObject({
      alreadySigned: false,
      consent: true,
      onBehalf: false,
      signerName: "Jeanne Martin",
      signedByUserId: signer.id,
      textSha256: ATTESTATION_TEXT_SHA256,
    });
    expect(s.signedAt).toBeInstanceOf(Date);
    const audits = await signatureAudits(dossier.id);
    expect(audits.map((a) => a.action)).toEqual(["attestation.signed"]);
    expect(audits[0].details).toMatchObject({ textSha256: ATTESTATION_TEXT_SHA256, ipAddress: "203.0.113.7" });
  });

  it("a concurrent double submit leaves one signature and ONE audit row", async () => {
    const dossier = await makeDossier();
    const [a, b] = await Promise.all([sign(dossier.id, { signerName: "Premier Clic" }), sign(dossier.id, { signerName: "Second Clic" })]);
    expect([a.alreadySigned, b.alreadySigned].sort()).toEqual([false, true]);
    expect(a.signedAt).toEqual(b.signedAt);
    expect(a.signerName).toBe(b.signerName);
    expect(await signatureAudits(dossier.id)).toHaveLength(1);
  });

  it("a signed attestation keeps its signer: a later signature changes nothing", async () => {
    const dossier = await makeDossier();
    const first = await sign(dossier.id);
    const later = await sign(dossier.id, { signerName: "Quelqu'un d'autre", signerCapacity: "Gérant", onBehalf: true, actor: "cli" });
    expect(later.alreadySigned).toBe(true);
    expect(later).toMatchObject({ signerName: "Jeanne Martin", signerCapacity: "Syndic", onBehalf: false, signedAt: first.signedAt });
    const prisma = await db();
    const row = await prisma.attestation.findUniqueOrThrow({ where: { dossierId: dossier.id } });
    expect(row.signerName).toBe("Jeanne Martin");
    expect(await signatureAudits(dossier.id)).toHaveLength(1);
  });

  it("records a signature on behalf (CLI) as such in the audit log", async () => {
    const dossier = await makeDossier();
    const s = await sign(dossier.id, { onBehalf: true, actor: "cli", ipAddress: null });
    expect(s.onBehalf).toBe(true);
    const audits = await signatureAudits(dossier.id);
    expect(audits.map((a) => [a.action, a.actor])).toEqual([["attestation.signed_on_behalf", "cli"]]);
  });

  it("requires explicit consent and the current text version", async () => {
    const dossier = await makeDossier();
    await expect(sign(dossier.id, { consent: false as true })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "consent", message: "le consentement à l'utilisation des données de recharge est obligatoire" }],
    });
    await expect(sign(dossier.id, { textVersion: "2020-01-v1" })).rejects.toMatchObject({ code: "CONFLICT" });
    const prisma = await db();
    expect((await prisma.attestation.findUniqueOrThrow({ where: { dossierId: dossier.id } })).signedAt).toBeNull();
    expect(await signatureAudits(dossier.id)).toHaveLength(0);
  });
});
