import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { getSandboxSummary } from "@/lib/operator-console/get-sandbox-summary";
import { formatDateTime, formatNumber } from "@/lib/platform/format";
import { WipeSandboxForm } from "../_components/wipe-sandbox-form";
import { wipeSandboxAction } from "../actions";

export const metadata: Metadata = { title: "Bac à sable — Espace opérateur" };
export const dynamic = "force-dynamic";

export default async function SandboxPage() {
  const user = await requirePermission("operator:console");
  if (!user.operatorId) return <p>Votre compte n&apos;est rattaché à aucun opérateur : contactez l&apos;opérateur technique.</p>;
  const summary = await getSandboxSummary({ operatorId: user.operatorId });
  const empty = summary.operations + summary.curves + summary.submissions === 0;
  return (
    <>
      <h1>Bac à sable</h1>
      <p>
        Les envois faits avec un accès <strong>bac à sable</strong> suivent exactement les mêmes règles que la production (stations déclarées pour vous,
        attestation signée), sont enregistrés à part et ne comptent dans aucun indicateur. Créez un accès bac à sable dans{" "}
        <Link href="/operateur/identifiants">vos identifiants d&apos;API</Link>.
      </p>
      <div className="fr-table">
        <table data-testid="sandbox-summary">
          <caption>Contenu du bac à sable</caption>
          <tbody>
            <tr>
              <th scope="row">Opérations de charge</th>
              <td>{formatNumber(summary.operations)}</td>
            </tr>
            <tr>
              <th scope="row">Courbes de charge</th>
              <td>{formatNumber(summary.curves)}</td>
            </tr>
            <tr>
              <th scope="row">Envois journalisés</th>
              <td>{formatNumber(summary.submissions)}</td>
            </tr>
            <tr>
              <th scope="row">Dernier envoi</th>
              <td>{formatDateTime(summary.lastSubmissionAt)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>
        <Link href="/operateur/envois?env=sandbox">Voir les envois du bac à sable</Link>
      </p>
      <h2>Vider le bac à sable</h2>
      <p>Efface les opérations, les courbes et le journal des envois du bac à sable. La production n&apos;est pas touchée.</p>
      <WipeSandboxForm action={wipeSandboxAction} empty={empty} />
    </>
  );
}
