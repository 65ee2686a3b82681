import type { Metadata } from "next";
import Link from "next/link";
import { Tag } from "@codegouvfr/react-dsfr/Tag";
import { requirePermission } from "@/lib/auth/session";
import { listAnomalies } from "@/lib/operator-console/list-anomalies";
import { anomalyFiltersSchema, firstValues } from "@/lib/schemas/operator-console";
import { formatDateTime, formatNumber } from "@/lib/platform/format";
import { PageLinks, withPage } from "@/components/ui/page-links";
import { DataTable } from "@/components/ui/data-table";
import { envLabel } from "@/components/operator/labels";

export const metadata: Metadata = { title: "Anomalies — Espace opérateur" };
export const dynamic = "force-dynamic";

export default async function AnomaliesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("operator:console");
  if (!user.operatorId) return <p>Votre compte n&apos;est rattaché à aucun opérateur : contactez l&apos;opérateur technique.</p>;
  const filters = anomalyFiltersSchema.parse(firstValues(await searchParams));
  const list = await listAnomalies({ operatorId: user.operatorId, filters });
  return (
    <>
      <h1>Anomalies</h1>
      <p>
        Données possibles mais peu plausibles : elles sont enregistrées, signalées en avertissement lors de l&apos;envoi et{" "}
        <strong>exclues des indicateurs</strong>. Corrigez-les en renvoyant la transaction (même StationID et TransactionID).
      </p>
      <form method="get" action="/operateur/anomalies" className="fr-mb-3w" aria-label="Filtrer les anomalies">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-6 fr-select-group">
            <label className="fr-label" htmlFor="anomalie-env">
              Environnement
            </label>
            <select className="fr-select" id="anomalie-env" name="env" defaultValue={filters.env ?? ""}>
              <option value="">Tous</option>
              <option value="production">Production</option>
              <option value="sandbox">Bac à sable</option>
            </select>
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <button type="submit" className="fr-btn fr-mb-3w">
              Filtrer
            </button>
          </div>
        </div>
      </form>
      <p role="status">
        {list.total === 0 ? "Aucune anomalie." : `${formatNumber(list.total)} donnée(s) signalée(s) — page ${list.page} sur ${list.pageCount}.`}
      </p>
      {list.items.length > 0 && (
        <DataTable
          caption="Données signalées, des plus récentes aux plus anciennes"
          testId="anomalies-table"
          multiline
          headers={["Reçue le", "Environnement", "Type", "Station", "TransactionID", "Période", "Énergie (Wh)", "Indicateurs", "Envoi"]}
          rowKeys={list.items.map((a) => `${a.kind}-${a.env}-${a.stationCode}-${a.transactionId}`)}
          rows={list.items.map((a) => [
            formatDateTime(a.receivedAt),
            envLabel(a.env),
            a.kind === "operation" ? "Opération" : "Courbe",
            <code key="s">{a.stationCode}</code>,
            <code key="t">{a.transactionId}</code>,
            `${formatDateTime(a.startAt)} → ${formatDateTime(a.stopAt)}`,
            a.energyWh === null ? "indéterminée" : formatNumber(a.energyWh),
            <ul key="f" className="fr-tags-group">
              {a.flags.map((f) => (
                <li key={f.code}>
                  <Tag small title={f.explanation}>
                    {f.label}
                  </Tag>
                </li>
              ))}
            </ul>,
            a.submissionId ? (
              <Link key="l" href={`/operateur/envois/${a.submissionId}`}>
                n° {a.submissionId}
              </Link>
            ) : (
              "—"
            ),
          ])}
        />
      )}
      <PageLinks page={list.page} pageCount={list.pageCount} hrefOf={(p) => withPage("/operateur/anomalies", filters, p)} label="Pages des anomalies" />
    </>
  );
}
