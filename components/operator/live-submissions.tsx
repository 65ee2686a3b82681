"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { DataTable } from "@/components/ui/data-table";
import { doorLabel, endpointLabel, envLabel } from "@/components/operator/labels";
import { formatDateTime, formatNumber } from "@/lib/platform/format";

/** A submission as the page and /api/operateur/envois send it (dates as ISO strings in JSON). */
export interface LiveSubmission {
  id: string;
  door: string;
  env: string | null;
  endpoint: string;
  method: string;
  receivedAt: string;
  httpStatus: number;
  outcome: string;
  received: number;
  stored: number;
  unchanged: number;
  warningCount: number;
  errorCount: number;
  firstError: { message: string } | null;
}

export interface LiveSubmissionList {
  items: LiveSubmission[];
  total: number;
  page: number;
  pageCount: number;
}

async function fetchSubmissions(query: string): Promise<LiveSubmissionList> {
  const response = await fetch(`/api/operateur/envois${query ? `?${query}` : ""}`, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`envois ${response.status}`);
  return (await response.json()) as LiveSubmissionList;
}

/**
 * The operator's journal of submissions, kept current: rendered on the server (and complete
 * without JavaScript), then refreshed in the background with react-query every `refreshMs`, so
 * a call of the API shows up without reloading the page.
 */
export function LiveSubmissions(props: { initial: LiveSubmissionList; query: string; refreshMs: number }) {
  const { data, isError } = useQuery({
    queryKey: ["operator-submissions", props.query],
    queryFn: () => fetchSubmissions(props.query),
    initialData: props.initial,
    refetchInterval: props.refreshMs,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const list = data ?? props.initial;
  return (
    <>
      <p role="status" data-testid="submissions-status">
        {list.total === 0 ? "Aucun envoi ne correspond." : `${formatNumber(list.total)} envoi(s) — page ${list.page} sur ${list.pageCount}.`}
      </p>
      <p className="fr-text--xs" data-testid="submissions-refresh">
        {isError
          ? "La mise à jour automatique a échoué : rechargez la page."
          : `Liste mise à jour automatiquement toutes les ${Math.round(props.refreshMs / 1000)} secondes.`}
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
              {formatDateTime(new Date(s.receivedAt))}
              <span className="fr-sr-only"> : détail de l&apos;envoi</span> (n° {s.id})
            </Link>,
            envLabel(s.env),
            // The label names QualiCharge's routes with their door; the exact call is in the title
            // (and on the detail page), so that long paths never widen the table.
            <span key="d" data-testid={`submission-endpoint-${s.id}`} title={`${doorLabel(s.door)} : ${s.method} ${s.endpoint}`}>
              {endpointLabel(s.endpoint)}
            </span>,
            <Badge key="b" as="span" small severity={s.outcome === "OK" ? "success" : "error"} noIcon>
              {s.outcome} ({s.httpStatus})
            </Badge>,
            `${formatNumber(s.received)} / ${formatNumber(s.stored)} / ${formatNumber(s.unchanged)}`,
            formatNumber(s.warningCount),
            s.errorCount > 0 ? (
              <span key="e" title={s.firstError?.message}>
                {formatNumber(s.errorCount)}
              </span>
            ) : (
              "0"
            ),
          ])}
        />
      )}
    </>
  );
}
