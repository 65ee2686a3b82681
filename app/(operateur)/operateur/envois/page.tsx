import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { listSubmissions } from "@/lib/operator-console/list-submissions";
import { firstValues, submissionFiltersSchema } from "@/lib/schemas/operator-console";
import { SubmissionFiltersForm } from "../_components/submission-filters-form";
import { PageLinks, withPage } from "@/components/ui/page-links";
import { LiveSubmissions } from "@/components/operator/live-submissions";
import type { SubmissionFilters } from "@/lib/schemas/operator-console";

export const metadata: Metadata = { title: "Envois — Espace opérateur" };
export const dynamic = "force-dynamic";

/** How often the list refreshes itself in the browser (react-query). */
const REFRESH_MS = 10_000;

function liveQuery(filters: SubmissionFilters): string {
  return new URLSearchParams(
    Object.entries(filters)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  ).toString();
}

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
      <LiveSubmissions initial={JSON.parse(JSON.stringify(list))} query={liveQuery(filters)} refreshMs={REFRESH_MS} />
      <PageLinks page={list.page} pageCount={list.pageCount} hrefOf={(p) => withPage("/operateur/envois", filters, p)} label="Pages des envois" />
    </>
  );
}
