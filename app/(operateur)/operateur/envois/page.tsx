import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { requirePermission } from "@/lib/auth/session";
import { listSubmissions } from "@/lib/operator-console/list-submissions";
import { firstValues, submissionFiltersSchema } from "@/lib/schemas/operator-console";
import { formatDateTime, formatNumber } from "@/lib/format";
import { SubmissionFiltersForm } from "../_components/submission-filters-form";
import { PageLinks, withPage } from "@/components/ui/page-links";
import { DataTable } from "@/components/ui/data-table";
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
        // Seven columns, the link to each detail first: the table fits the page column at
        // 1,280 px, and scrolls inside its DSFR wrapper on narrower screens.
        <DataTable
          caption="Envois reçus, du plus récent au plus ancien"
          testId="submissions-table"
          headers={["Envoi", "Environnement", "Données", "Résultat", "Reçues / enregistrées / inchangées", "Avertissements", "Erreurs"]}
          rowKeys={list.items.map((s) => s.id)}
          rows={list.items.map((s) => [
            <Link key="l" href={`/operateur/envois/${s.id}`} data-testid={`submission-${s.id}`}>
              {formatDateTime(s.receivedAt)}<span className="fr-sr-only"> : détail de l&apos;envoi</span> (n° {s.id})
            </Link>,
            envLabel(s.env),
            endpointLabel(s.endpoint),
            <Badge key="b" as="span" small severity={s.outcome === "OK" ? "success" : "error"} noIcon>
              {s.outcome} ({s.httpStatus})
            </Badge>,
            `${formatNumber(s.received)} / ${formatNumber(s.stored)} / ${formatNumber(s.unchanged)}`,
            formatNumber(s.warningCount),
            s.errorCount > 0 ? <span key="e" title={s.firstError?.message}>{formatNumber(s.errorCount)}</span> : "0",
          ])}
        />
      )}
      <PageLinks page={list.page} pageCount={list.pageCount} hrefOf={(p) => withPage("/operateur/envois", filters, p)} label="Pages des envois" />
    </>
  );
}
