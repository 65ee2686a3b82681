import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { getOperatorOverview } from "@/lib/overview/get-operator-overview";
import { activityOf, getStationActivityByEnv } from "@/lib/operator-console/get-station-activity-by-env";
import { buildCurlExamples } from "@/lib/operator-console/build-curl-examples";
import { requestOrigin } from "@/lib/platform/http/request-origin";
import { CopyBlock } from "@/components/ui/copy-block";
import { StationsTable } from "./_components/stations-table";
import { PageLinks } from "@/components/ui/page-links";
import { pageOf, pageParam } from "@/lib/platform/pagination";
import { countOperatorAuthFailures } from "@/lib/security/list-security-events";
import { formatNumber } from "@/lib/platform/format";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { listSendingStatuses } from "@/lib/monthly-sending/list-sending-statuses";
import { moreThan, sameDayLater } from "@/lib/monthly-sending/reminder-message";
import { getEnv } from "@/lib/platform/env";
import { smtpConfigured } from "@/lib/platform/mail/smtp-mailer";
import { LateStationsTable } from "@/components/monthly-sending/late-stations-table";

const STATIONS_PER_PAGE = 25;

export const metadata: Metadata = { title: "Espace opérateur" };
export const dynamic = "force-dynamic";

export default async function OperatorHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("operator:console");
  if (!user.operatorId) return <p>Votre compte n&apos;est rattaché à aucun opérateur : contactez l&apos;opérateur technique.</p>;
  const op = await getOperatorOverview({ operatorId: user.operatorId });
  const months = getEnv().MONTHLY_SENDING_MAX_SILENCE_MONTHS;
  const [activity, refused, sending] = await Promise.all([
    getStationActivityByEnv({ operatorId: op.id }),
    countOperatorAuthFailures(op.id),
    listSendingStatuses({ scope: { operatorId: op.id }, months }),
  ]);
  const late = sending.filter((s) => s.late);
  const firstStation = op.stations.find((s) => s.channel === "ADVENIR" && s.attestationSigned) ?? op.stations.find((s) => s.channel === "ADVENIR");
  const examples = buildCurlExamples({ origin: await requestOrigin(), userId: op.id, stationCode: firstStation?.stationCode ?? null });
  const activeCredentials = op.credentials.filter((c) => !c.revokedAt).length;
  const stations = pageOf(op.stations, pageParam((await searchParams).page), STATIONS_PER_PAGE);
  return (
    <>
      <h1>Espace opérateur — {op.name}</h1>
      {late.length > 0 && (
        <Alert
          severity="warning"
          as="h2"
          className="fr-mb-4w"
          title={`${formatNumber(late.length)} station(s) sans envoi depuis ${moreThan(months)}`}
          description={
            <>
              Le protocole ADVENIR demande d&apos;envoyer les données de recharge au moins une fois par mois. Voyez{" "}
              <a href="#envois-en-retard">les stations en retard</a> ci-dessous.
            </>
          }
        />
      )}
      <p>
        Votre identifiant ADVENIR (<code>UserID</code>), à placer en tête de chaque envoi : <code data-testid="operator-user-id">{op.id}</code>
      </p>
      <p>
        {activeCredentials === 0 ? (
          <>
            Vous n&apos;avez aucun accès actif : <Link href="/operateur/identifiants">créez un identifiant d&apos;API</Link>.
          </>
        ) : (
          <>
            {activeCredentials} accès actif(s) : <Link href="/operateur/identifiants">gérer les identifiants d&apos;API</Link>.
          </>
        )}{" "}
        Suivez vos <Link href="/operateur/envois">envois</Link> et vos <Link href="/operateur/anomalies">anomalies</Link>.
      </p>
      <p data-testid="auth-failures">
        {refused.failures + refused.blocked === 0
          ? `Aucune authentification refusée sur vos identifiants d'API ces ${refused.days} derniers jours.`
          : `Authentifications refusées sur vos identifiants d'API ces ${refused.days} derniers jours : ${formatNumber(refused.failures)} secret(s) incorrect(s)` +
            (refused.blocked > 0 ? `, et ${formatNumber(refused.blocked)} tentative(s) pendant un blocage` : "") +
            ". Si ce n'est pas vous, changez le secret concerné dans vos identifiants d'API."}
      </p>

      {late.length > 0 && (
        <section aria-labelledby="envois-en-retard">
          <h2 id="envois-en-retard">Stations en retard d&apos;envoi</h2>
          <p>
            Une station est en retard quand le portail n&apos;en a reçu aucune donnée de production (opération ou courbe de charge, quelle que soit la voie)
            depuis {moreThan(months)} : elle doit envoyer au plus tard {sameDayLater(months)} sa dernière donnée (le dernier jour du mois quand ce jour
            n&apos;existe pas), heure de Paris. Une station qui n&apos;a jamais rien envoyé compte depuis son enregistrement, ou la signature de
            l&apos;attestation de son dossier si elle est postérieure.
            {smtpConfigured() && " Un rappel par e-mail est envoyé à vos comptes opérateur au plus une fois par mois tant qu'une station reste en retard."}
          </p>
          <LateStationsTable rows={late} caption="Stations en retard d'envoi" />
        </section>
      )}

      <h2 id="stations">Stations déclarées chez vous</h2>
      {op.stations.length === 0 ? (
        <p>Aucune station n&apos;est encore déclarée avec votre opérateur.</p>
      ) : (
        <>
          <p>
            {stations.pageCount > 1
              ? `${op.stations.length} stations, ${STATIONS_PER_PAGE} par page — page ${stations.page} sur ${stations.pageCount}.`
              : `${op.stations.length} station(s).`}
          </p>
          <StationsTable stations={stations.items} activityOf={(id) => activityOf(activity, id)} />
          <PageLinks
            page={stations.page}
            pageCount={stations.pageCount}
            hrefOf={(p) => (p > 1 ? `/operateur?page=${p}#stations` : "/operateur#stations")}
            label="Pages des stations"
          />
        </>
      )}

      <h2>Premiers pas</h2>
      <ol>
        <li>
          Créez un accès (de préférence <strong>bac à sable</strong> pour vos essais) dans{" "}
          <Link href="/operateur/identifiants">vos identifiants d&apos;API</Link>.
        </li>
        <li>
          Remplacez <code>IDENTIFIANT:SECRET</code> ci-dessous par cet accès et lancez la commande.
        </li>
        <li>
          Consultez la réponse, puis l&apos;envoi dans <Link href="/operateur/envois">le journal des envois</Link>.
        </li>
      </ol>
      {!firstStation && (
        <p>
          Aucune station déclarée : remplacez <code>VOTRE-STATIONID</code> par un StationID déclaré par votre client.
        </p>
      )}
      {examples.map((e) => (
        <section key={e.title} aria-label={e.title}>
          <h3 className="fr-h6">{e.title}</h3>
          <CopyBlock text={e.command} label={`Commande : ${e.title}`} />
        </section>
      ))}
      <p>
        Référence complète : <Link href="/docs/api">documentation de l&apos;API (OpenAPI)</Link>.
      </p>
    </>
  );
}
