import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { DataTable } from "@/components/ui/data-table";
import { PageLinks } from "@/components/ui/page-links";
import { etatPdcLabel, occupationPdcLabel } from "@/lib/statuses/status-labels";
import { formatDateTime, formatDuration, formatNumber } from "@/lib/platform/format";
import type { PointActivity } from "@/lib/dossiers/get-point-activity";

type Severity = "success" | "error" | "info" | "warning" | "new";

const ETAT_SEVERITY: Record<string, Severity> = { en_service: "success", hors_service: "error", planifie: "info", supprime: "warning" };

/** A status's state as a badge (green in service, red out of order, grey unknown). */
export function EtatBadge({ etatPdc }: { etatPdc: string }) {
  const severity = Object.hasOwn(ETAT_SEVERITY, etatPdc) ? ETAT_SEVERITY[etatPdc] : undefined;
  return (
    <Badge as="span" small noIcon severity={severity}>
      {etatPdcLabel(etatPdc)}
    </Badge>
  );
}

const kwh = (wh: number | null) => (wh === null ? "Indéterminée" : formatNumber(Math.round(wh / 10) / 100));

/** What a charge point reported: its latest status, its last report, its charges a page at a time. */
export function PointActivitySection({ activity, hrefOfPage, csvHref }: { activity: PointActivity; hrefOfPage: (page: number) => string; csvHref: string }) {
  const { status, lastReportAt, charges } = activity;
  return (
    <section aria-labelledby="statut-recharges" className="fr-mb-6w">
      <h2 id="statut-recharges">Statut et recharges</h2>
      <p className="fr-text--sm">
        Données de production reçues pour ce point (par GIREVE ou l&apos;API de votre opérateur). Dates et heures en heure de Paris.
      </p>
      <dl>
        <dt className="fr-text--bold">Dernier statut</dt>
        <dd>
          {status ? (
            <>
              <EtatBadge etatPdc={status.etatPdc} /> {occupationPdcLabel(status.occupationPdc)}, statut du {formatDateTime(status.horodatage)}
            </>
          ) : (
            "Aucun statut reçu"
          )}
        </dd>
        <dt className="fr-text--bold">Dernier signalement</dt>
        <dd>{lastReportAt ? `Reçu le ${formatDateTime(lastReportAt)}` : "Aucune donnée reçue de ce point"}</dd>
      </dl>
      {charges.total === 0 ? (
        <p>Aucune recharge reçue pour ce point.</p>
      ) : (
        <>
          <DataTable
            caption={`Recharges du point, les plus récentes d'abord (${formatNumber(charges.total)} au total)`}
            multiline
            headers={["Début", "Fin", "Durée", "Énergie (kWh)", "Qualité des données"]}
            rowKeys={charges.items.map((c) => `${c.door}-${c.transactionId}`)}
            rows={charges.items.map((c) => [
              formatDateTime(c.startAt),
              formatDateTime(c.stopAt),
              formatDuration(c.durationS),
              kwh(c.energyWh),
              c.flags.length === 0 ? (
                "Aucun signalement"
              ) : (
                <span key="f">
                  {c.flags.map((f, i) => (
                    <span key={f.code} title={f.explanation}>
                      {i > 0 && ", "}
                      {f.label}
                    </span>
                  ))}
                </span>
              ),
            ])}
          />
          {charges.items.some((c) => c.flags.length > 0) && (
            <p className="fr-text--sm">
              Une recharge signalée a été reçue mais ses données sont peu plausibles : elle n&apos;est comptée ni dans les totaux du dossier, ni dans les
              indicateurs.
            </p>
          )}
          <PageLinks page={charges.page} pageCount={charges.pageCount} hrefOf={hrefOfPage} label="Pages des recharges du point" />
          <p className="fr-mt-2w">
            <a className="fr-btn fr-btn--secondary fr-btn--sm" href={csvHref} download>
              Exporter les recharges du point (CSV)
            </a>
          </p>
        </>
      )}
    </section>
  );
}
