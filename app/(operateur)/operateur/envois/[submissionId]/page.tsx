import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { requirePermission } from "@/lib/auth/session";
import { getSubmission } from "@/lib/operator-console/get-submission";
import { formatDateTime, formatNumber } from "@/lib/platform/format";
import type { AdvenirMessage } from "@/lib/schemas/advenir";
import { doorLabel, endpointLabel, envLabel } from "@/components/operator/labels";

export const metadata: Metadata = { title: "Détail d'un envoi — Espace opérateur" };
export const dynamic = "force-dynamic";

function Messages({ caption, list, testId }: { caption: string; list: AdvenirMessage[]; testId: string }) {
  return (
    <div className="fr-table">
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Chemin</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {list.map((m, i) => (
            <tr key={i}>
              <td>
                <code>{m.chemin}</code>
              </td>
              <td>{m.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function SubmissionPage({ params }: { params: Promise<{ submissionId: string }> }) {
  const user = await requirePermission("operator:console");
  if (!user.operatorId) return <p>Votre compte n&apos;est rattaché à aucun opérateur : contactez l&apos;opérateur technique.</p>;
  const { submissionId } = await params;
  const s = await getSubmission({ operatorId: user.operatorId, submissionId });
  if (!s) notFound();
  return (
    <>
      <p>
        <Link href="/operateur/envois" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Tous les envois
        </Link>
      </p>
      <h1>Envoi n° {s.id}</h1>
      <p>
        <Badge as="span" severity={s.outcome === "OK" ? "success" : "error"} noIcon>{`${s.outcome} (HTTP ${s.httpStatus})`}</Badge>
      </p>
      <dl className="fr-mb-3w">
        <dt>Reçu le</dt>
        <dd>{formatDateTime(s.receivedAt)}</dd>
        <dt>API</dt>
        <dd data-testid="submission-door">{doorLabel(s.door)}</dd>
        <dt>Environnement</dt>
        <dd>{envLabel(s.env)}</dd>
        <dt>Adresse</dt>
        <dd>
          {endpointLabel(s.endpoint)} —{" "}
          <code>
            {s.method} {s.endpoint}
          </code>
        </dd>
        <dt>Accès utilisé</dt>
        <dd>{s.credentialUsername ? <code>{s.credentialUsername}</code> : "—"}</dd>
        <dt>Taille</dt>
        <dd>
          {formatNumber(s.sizeBytes)} octets, traité en {formatNumber(s.durationMs)} ms
        </dd>
        <dt>{s.door === "QUALICHARGE" ? "Éléments" : s.door === "GIREVE" ? "Messages" : "Transactions"}</dt>
        <dd data-testid="submission-counts">
          {formatNumber(s.received)} reçue(s), {formatNumber(s.stored)} enregistrée(s), {formatNumber(s.unchanged)} inchangée(s)
        </dd>
      </dl>
      <h2>Erreurs</h2>
      {s.errors.length === 0 ? (
        <p>Aucune erreur.</p>
      ) : (
        <Messages caption="Erreurs : rien de cet envoi n'a été enregistré" list={s.errors} testId="submission-errors" />
      )}
      <h2>Avertissements</h2>
      {s.warnings.length === 0 ? (
        <p>Aucun avertissement.</p>
      ) : (
        <Messages caption="Avertissements : données enregistrées mais signalées" list={s.warnings} testId="submission-warnings" />
      )}
    </>
  );
}
