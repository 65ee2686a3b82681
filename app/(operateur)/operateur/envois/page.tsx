import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { requirePermission } from "@/lib/auth/session";
import { listSubmissions } from "@/lib/operator-console/list-submissions";
import { firstValues, submissionFiltersSchema } from "@/lib/schemas/operator-console";
import { formatDateTime, formatNumber } from "@/lib/format";
import { SubmissionFiltersForm } from "../_components/submission-filters-form";
import { PageLinks, withPage } from "../_components/page-links";
import { endpointLabel, envLabel } from "../_components/labels";

export const metadata: Metadata = { title: "Envois — Espace opérateur" };
export const dynamic = "force-dynamic";

export default async function SubmissionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("operator:console");
  if (!user.operatorId) return <p>Votre compte n&apos;est rattaché à aucun opérateur : contactez l&apos;opérateur technique.</p>;
  const filters = submissionFiltersSchema.parse(firstValues(await searchParams));
  const list = await listSubmissions({ operatorId: user.operatorId, filters });
  return (
    <>
      <h1>Envois</h1>
      <p>Chaque appel de l&apos;API est journalisé, quel qu&apos;en soit le résultat. Ouvrez un envoi pour lire ses erreurs et avertissements.</p>
      <SubmissionFiltersForm filters={filters} />
      <p role="status">
        {list.total === 0 ? "Aucun envoi ne correspond." : `${formatNumber(list.total)} envoi(s) — page ${list.page} sur ${list.pageCount}.`}
      </p>
      {list.items.length > 0 && (
        <div className="fr-table">
          <table data-testid="submissions-table">
            <caption>Envois reçus, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Reçu le</th>
                <th scope="col">Environnement</th>
                <th scope="col">Données</th>
                <th scope="col">Résultat</th>
                <th scope="col">Reçues</th>
                <th scope="col">Enregistrées</th>
                <th scope="col">Inchangées</th>
                <th scope="col">Avertissements</th>
                <th scope="col">Erreurs</th>
                <th scope="col">Détail</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((s) => (
                <tr key={s.id} data-testid={`submission-${s.id}`}>
                  <td>{formatDateTime(s.receivedAt)}</td>
                  <td>{envLabel(s.env)}</td>
                  <td>{endpointLabel(s.endpoint)}</td>
                  <td>
                    <Badge as="span" small severity={s.outcome === "OK" ? "success" : "error"} noIcon>
                      {s.outcome} ({s.httpStatus})
                    </Badge>
                  </td>
                  <td>{formatNumber(s.received)}</td>
                  <td>{formatNumber(s.stored)}</td>
                  <td>{formatNumber(s.unchanged)}</td>
                  <td>{formatNumber(s.warningCount)}</td>
                  <td>{s.errorCount > 0 ? <span title={s.firstError?.message}>{formatNumber(s.errorCount)}</span> : "0"}</td>
                  <td>
                    <Link href={`/operateur/envois/${s.id}`}>
                      Envoi n° {s.id}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PageLinks page={list.page} pageCount={list.pageCount} hrefOf={(p) => withPage("/operateur/envois", filters, p)} label="Pages des envois" />
    </>
  );
}
