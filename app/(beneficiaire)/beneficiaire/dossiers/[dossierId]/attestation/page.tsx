import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { requirePermission } from "@/lib/auth/session";
import { findOwnDossier } from "@/lib/dossiers/find-own-dossier";
import { orNotFound } from "@/lib/platform/http/page";
import { ATTESTATION_TEXT, ATTESTATION_TEXT_SHA256, ATTESTATION_TEXT_VERSION } from "@/lib/attestations/attestation-text";
import { AttestationForm } from "@/components/dossiers/attestation-form";
import { signAttestationAction } from "../../actions";

export const metadata: Metadata = { title: "Attestation sur l'honneur" };

export default async function AttestationPage({ params }: { params: Promise<{ dossierId: string }> }) {
  const user = await requirePermission("attestations:sign-own");
  const { dossierId } = await params;
  const d = await orNotFound(findOwnDossier({ dossierId, viewer: user }));
  // A signed attestation is never shown for signing again: its receipt is.
  if (d.attestation?.signedAt) redirect(`/beneficiaire/dossiers/${d.id}/attestation/recu`);
  return (
    <>
      <Breadcrumb
        currentPageLabel="Attestation"
        segments={[
          { label: "Mes dossiers", linkProps: { href: "/beneficiaire" } },
          { label: d.reference, linkProps: { href: `/beneficiaire/dossiers/${d.id}` } },
        ]}
      />
      <h1>Attestation sur l&apos;honneur — dossier {d.reference}</h1>
      <p>
        Lisez le texte ci-dessous. Votre signature enregistre vos nom et qualité, la date, votre adresse IP, votre navigateur et l&apos;empreinte du texte exact
        affiché.
      </p>
      <div className="fr-callout fr-mb-4w">
        <pre style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }} data-testid="attestation-text">
          {ATTESTATION_TEXT}
        </pre>
        <p className="fr-text--xs fr-mb-0">
          Version {ATTESTATION_TEXT_VERSION} — empreinte SHA-256 <code>{ATTESTATION_TEXT_SHA256}</code>
        </p>
      </div>
      <AttestationForm action={signAttestationAction.bind(null, d.id)} textVersion={ATTESTATION_TEXT_VERSION} defaultSignerName={user.name} />
    </>
  );
}
