import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Stepper } from "@codegouvfr/react-dsfr/Stepper";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { requirePermission } from "@/lib/auth/session";
import { findOwnDossier } from "@/lib/dossiers/find-own-dossier";
import { orNotFound } from "@/lib/platform/http/page";
import { DOSSIER_STATE_LABELS, type DossierState } from "@/lib/dossiers/dossier-status";
import { SITE_TYPES, type SiteType } from "@/lib/schemas/dossiers";
import { formatDateTime, formatDay, formatNumber } from "@/lib/platform/format";
import { DataTable } from "@/components/ui/data-table";
import { StationForm } from "@/components/dossiers/station-form";
import { EtatBadge } from "@/components/dossiers/point-activity";
import { occupationPdcLabel } from "@/lib/statuses/status-labels";
import { registerStationAction } from "../actions";
import { listSendingStatuses } from "@/lib/monthly-sending/list-sending-statuses";
import { silenceLabel, moreThan } from "@/lib/monthly-sending/reminder-message";
import { getEnv } from "@/lib/platform/env";

export const metadata: Metadata = { title: "Dossier" };

const STEPS: DossierState[] = ["brouillon", "attestation_signee", "stations_declarees", "donnees_recues"];

// Dates on this page: jj/mm/aaaa (with the time where it matters).
export default async function DossierPage({ params }: { params: Promise<{ dossierId: string }> }) {
  const user = await requirePermission("dossiers:manage-own");
  const { dossierId } = await params;
  const d = await orNotFound(findOwnDossier({ dossierId, viewer: user }));
  const step = STEPS.indexOf(d.state) + 1;
  const signed = Boolean(d.attestation?.signedAt);
  // The monthly-sending rule: which of the dossier's stations send nothing (beneficiary's own dossier only, as findOwnDossier checked).
  const months = getEnv().MONTHLY_SENDING_MAX_SILENCE_MONTHS;
  const silent = user.beneficiaryId
    ? (await listSendingStatuses({ scope: { beneficiaryId: user.beneficiaryId, dossierId: d.id }, months })).filter((s) => s.late)
    : [];
  const silentIds = new Set(silent.map((s) => s.stationId));
  return (
    <>
      <Breadcrumb currentPageLabel={d.reference} segments={[{ label: "Mes dossiers", linkProps: { href: "/beneficiaire" } }]} />
      <h1>Dossier {d.reference}</h1>
      <Stepper currentStep={step} stepCount={4} title={DOSSIER_STATE_LABELS[d.state]} nextTitle={STEPS[step] ? DOSSIER_STATE_LABELS[STEPS[step]] : undefined} />
      {d.missing.length > 0 && (
        <div className="fr-mb-4w">
          <h2 className="fr-h5">Ce qu&apos;il reste à faire</h2>
          <ul>
            {d.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}

      <h2>Le site</h2>
      <dl>
        <dt className="fr-text--bold">Site</dt>
        <dd>
          {d.siteName} — {d.address} (commune INSEE {d.inseeCode})
        </dd>
        <dt className="fr-text--bold">Type de site</dt>
        <dd>{SITE_TYPES[d.siteType as SiteType] ?? d.siteType}</dd>
        <dt className="fr-text--bold">Opérateur</dt>
        <dd>{d.operator.name}</dd>
        <dt className="fr-text--bold">Canal de collecte</dt>
        <dd>{d.channel === "ADVENIR" ? "Web service ADVENIR" : "GIREVE"}</dd>
      </dl>
      <Link className="fr-btn fr-btn--secondary fr-btn--sm" href={`/beneficiaire/dossiers/${d.id}/modifier`}>
        Modifier le dossier
      </Link>

      <h2 className="fr-mt-6w">Attestation sur l&apos;honneur</h2>
      {signed ? (
        <p>
          <Badge as="span" severity="success" small>
            Signée
          </Badge>{" "}
          le {formatDateTime(d.attestation!.signedAt)} par {d.attestation!.signerName} ({d.attestation!.signerCapacity}).{" "}
          <Link className="fr-link" href={`/beneficiaire/dossiers/${d.id}/attestation/recu`}>
            Voir le récépissé
          </Link>
        </p>
      ) : (
        <>
          <Alert
            small
            severity="warning"
            description="Tant que l'attestation n'est pas signée, aucune donnée de recharge de ces stations n'est acceptée."
            className="fr-mb-2w"
          />
          <Link className="fr-btn" href={`/beneficiaire/dossiers/${d.id}/attestation`}>
            Lire et signer l&apos;attestation
          </Link>
        </>
      )}

      <h2 className="fr-mt-6w">Stations</h2>
      {silent.length > 0 && (
        <Alert
          severity="warning"
          as="h3"
          className="fr-mb-2w"
          title={`${formatNumber(silent.length)} station(s) n'envoient rien depuis ${moreThan(months)}`}
          description={
            <>
              <p>
                Votre opérateur ({d.operator.name}) doit transmettre les données de recharge au moins une fois par mois. Le portail n&apos;a rien reçu pour :
              </p>
              <ul data-testid="silent-stations">
                {silent.map((s) => (
                  <li key={s.stationId}>
                    <code>{s.stationCode}</code> : {silenceLabel(s)}
                  </li>
                ))}
              </ul>
              <p>L&apos;opérateur en est averti dans son espace ; vous pouvez aussi le contacter.</p>
            </>
          }
        />
      )}
      {d.stations.length === 0 ? (
        <p>Aucune station déclarée.</p>
      ) : (
        <>
          <DataTable
            caption="Stations du dossier et données reçues"
            multiline
            headers={[
              d.channel === "ADVENIR" ? "StationID" : "Station (eMI3)",
              "Points",
              "Puissance par point (kW)",
              "Dernières données",
              "Recharges",
              "Énergie (kWh)",
              "Recharges écartées (motif)",
              "Correction ou retrait",
            ]}
            rowKeys={d.stations.map((s) => s.id)}
            rows={d.stations.map((s) => [
              <code key="c">{s.stationCode}</code>,
              String(s.pointCount),
              formatNumber(s.nominalPowerKw),
              <span key="l">
                {s.activity.lastDataAt ? formatDateTime(s.activity.lastDataAt) : "Aucune donnée reçue"}
                {silentIds.has(s.id) && (
                  <>
                    {" "}
                    <Badge as="span" severity="warning" small>
                      Sans envoi
                    </Badge>
                  </>
                )}
              </span>,
              formatNumber(s.activity.chargeCount),
              formatNumber(Math.round(s.activity.energyWh / 100) / 10),
              s.activity.flaggedCount === 0 ? (
                "Aucune"
              ) : (
                <span key="f">
                  {formatNumber(s.activity.flaggedCount)} :{" "}
                  {s.activity.flags.map((f, i) => (
                    <span key={f.code} title={f.explanation}>
                      {i > 0 && ", "}
                      {f.label} ({formatNumber(f.count)})
                    </span>
                  ))}
                </span>
              ),
              s.withdrawnOn ? (
                <Link key="w" href={`/beneficiaire/dossiers/${d.id}/stations/${s.id}`}>
                  {`Retirée le ${formatDay(s.withdrawnOn)}`}
                  <span className="fr-sr-only"> : station {s.stationCode}</span>
                </Link>
              ) : (
                <Link key="a" href={`/beneficiaire/dossiers/${d.id}/stations/${s.id}`}>
                  Corriger ou retirer<span className="fr-sr-only"> la station {s.stationCode}</span>
                </Link>
              ),
            ])}
          />
          {d.stations.some((s) => s.activity.flaggedCount > 0) && (
            <p className="fr-text--sm">
              Les recharges écartées ont été reçues mais leurs données sont peu plausibles (indicateur de qualité) : elles ne sont comptées ni dans les
              recharges et l&apos;énergie ci-dessus, ni dans les indicateurs. Votre opérateur les voit dans son espace et peut les corriger en les renvoyant.
            </p>
          )}
        </>
      )}
      {d.channel === "ADVENIR" ? (
        <section className="fr-mt-4w" aria-labelledby="add-station">
          <h3 id="add-station" className="fr-h5">
            Déclarer une station
          </h3>
          <StationForm action={registerStationAction.bind(null, d.id)} />
        </section>
      ) : (
        <section className="fr-mt-4w" aria-labelledby="irve">
          <h3 id="irve" className="fr-h5">
            Données statiques IRVE (canal GIREVE)
          </h3>
          <p>
            Chaque point de charge est déclaré avec les données du schéma national IRVE, dans les 10 jours ouvrés suivant sa mise en service ou toute
            modification.
            {d.latestDueDate && <> Dernière échéance : {formatDay(d.latestDueDate)}.</>}{" "}
            {d.lateDeclarations > 0 ? (
              <Badge as="span" severity="error" small>{`${d.lateDeclarations} déclaration(s) en retard`}</Badge>
            ) : d.latestDueDate ? (
              <Badge as="span" severity="success" small>
                Dans les délais
              </Badge>
            ) : null}
          </p>
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
            <li>
              <Link className="fr-btn" href={`/beneficiaire/dossiers/${d.id}/irve`}>
                Déclarer ou importer des points (CSV IRVE)
              </Link>
            </li>
            <li>
              <a className="fr-btn fr-btn--secondary" href={`/beneficiaire/dossiers/${d.id}/irve.csv`} download>
                Exporter au format IRVE (CSV)
              </a>
            </li>
          </ul>
          {d.stations.some((s) => s.points.length > 0) && (
            <DataTable
              caption="Points de charge déclarés, leur dernier statut et leurs délais de déclaration"
              multiline
              headers={[
                "Point (id_pdc_itinerance)",
                "Puissance (kW)",
                "Dernier statut",
                "Dernier signalement",
                "Événement",
                "Échéance",
                "Déclaré le",
                "Délai",
                "Correction ou retrait",
              ]}
              rowKeys={d.stations.flatMap((s) => s.points.map((p) => p.id))}
              rows={d.stations.flatMap((s) =>
                s.points.map((p) => [
                  <Link key="p" href={`/beneficiaire/dossiers/${d.id}/points/${p.id}`}>
                    <code>{p.idPdcItinerance}</code>
                    <span className="fr-sr-only"> : statut et recharges</span>
                  </Link>,
                  formatNumber(p.nominalPowerKw),
                  p.report.status ? (
                    <span key="s">
                      <EtatBadge etatPdc={p.report.status.etatPdc} /> {occupationPdcLabel(p.report.status.occupationPdc)}, le{" "}
                      {formatDateTime(p.report.status.horodatage)}
                    </span>
                  ) : (
                    "Aucun statut reçu"
                  ),
                  p.report.lastReportAt ? formatDateTime(p.report.lastReportAt) : "Aucune donnée reçue",
                  p.deadline ? `${p.deadline.eventKind === "mise_en_service" ? "Mise en service" : "Modification"} du ${formatDay(p.deadline.eventDate)}` : "—",
                  formatDay(p.deadline?.dueDate),
                  formatDay(p.deadline?.declaredOn),
                  p.deadline ? (
                    p.deadline.late ? (
                      <Badge as="span" key="l" severity="error" small>{`En retard de ${p.deadline.daysLate} j`}</Badge>
                    ) : (
                      <Badge as="span" key="o" severity="success" small>
                        Dans les délais
                      </Badge>
                    )
                  ) : (
                    "—"
                  ),
                  p.withdrawnOn ? (
                    `Retiré le ${formatDay(p.withdrawnOn)}`
                  ) : (
                    <Link key="a" href={`/beneficiaire/dossiers/${d.id}/points/${p.id}`}>
                      Corriger ou retirer<span className="fr-sr-only"> le point {p.idPdcItinerance}</span>
                    </Link>
                  ),
                ]),
              )}
            />
          )}
        </section>
      )}
    </>
  );
}
