import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { requirePermission } from "@/lib/auth/session";
import { findOwnDossier } from "@/lib/dossiers/find-own-dossier";
import { orNotFound } from "@/lib/platform/http/page";
import { attestationText } from "@/lib/attestations/attestation-text";
import { formatDateTime } from "@/lib/platform/format";
import { PrintButton } from "@/components/ui/print-button";

export const metadata: Metadata = { title: "Récépissé de signature" };

export default async function ReceiptPage({ params }: { params: Promise<{ dossierId: string }> }) {
  const user = await requirePermission("dossiers:manage-own");
  const { dossierId } = await params;
  const d = await orNotFound(findOwnDossier({ dossierId, viewer: user }));
  const a = d.attestation;
  if (!a?.signedAt) redirect(`/beneficiaire/dossiers/${d.id}/attestation`);
  const text = attestationText(a.textVersion);
  return (
    <>
      <div className="fr-no-print">
        <Breadcrumb
          currentPageLabel="Récépissé"
          segments={[
            { label: "Mes dossiers", linkProps: { href: "/beneficiaire" } },
            { label: d.reference, linkProps: { href: `/beneficiaire/dossiers/${d.id}` } },
          ]}
        />
      </div>
      <h1>Récépissé de signature de l&apos;attestation sur l&apos;honneur</h1>
      <dl data-testid="receipt">
        <dt className="fr-text--bold">Dossier</dt>
        <dd>
          {d.reference} — {d.siteName} ({d.beneficiary.name})
        </dd>
        <dt className="fr-text--bold">Signataire</dt>
        <dd>
          {a.signerName}, {a.signerCapacity}
          {a.onBehalf ? " (signature enregistrée par l'opérateur technique pour le compte du bénéficiaire)" : ""}
        </dd>
        <dt className="fr-text--bold">Date de signature</dt>
        <dd>{formatDateTime(a.signedAt)} (heure de Paris)</dd>
        <dt className="fr-text--bold">Consentement</dt>
        <dd>{a.consent ? "Donné explicitement" : "Non donné"}</dd>
        <dt className="fr-text--bold">Adresse IP et navigateur</dt>
        <dd>
          {a.ipAddress ?? "—"} — {a.userAgent || "—"}
        </dd>
        <dt className="fr-text--bold">Version du texte</dt>
        <dd>{a.textVersion}</dd>
        <dt className="fr-text--bold">Empreinte SHA-256 du texte signé</dt>
        <dd>
          <code data-testid="receipt-hash">{a.textSha256}</code>
        </dd>
      </dl>
      {text && (
        <div className="fr-callout">
          <pre style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }}>{text.text}</pre>
        </div>
      )}
      <p className="fr-text--sm">Une attestation signée ne peut être ni modifiée ni retirée.</p>
      <PrintButton />
    </>
  );
}
