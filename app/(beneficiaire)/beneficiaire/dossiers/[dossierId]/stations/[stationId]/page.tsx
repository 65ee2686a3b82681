import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { requirePermission } from "@/lib/auth/session";
import { getStationView } from "@/lib/stations/get-station-view";
import { formatDay, formatNumber } from "@/lib/platform/format";
import { CorrectStationForm, WithdrawForm } from "@/components/dossiers/station-change-forms";
import { correctStationAction, withdrawStationAction } from "../../../actions";
import { ChangeHistory } from "../../_components/change-history";

export const metadata: Metadata = { title: "Corriger ou retirer une station" };

export default async function StationPage({ params }: { params: Promise<{ dossierId: string; stationId: string }> }) {
  const user = await requirePermission("dossiers:manage-own");
  const { dossierId, stationId } = await params;
  const s = await getStationView({ dossierId, stationId, viewer: user });
  if (!s) notFound();
  const dossierHref = `/beneficiaire/dossiers/${s.dossier.id}`;
  return (
    <>
      <Breadcrumb
        currentPageLabel={s.stationCode}
        segments={[
          { label: "Mes dossiers", linkProps: { href: "/beneficiaire" } },
          { label: s.dossier.reference, linkProps: { href: dossierHref } },
        ]}
      />
      <h1>Station {s.stationCode}</h1>
      <p>
        {formatNumber(s.pointCount)} point(s) de {formatNumber(s.nominalPowerKw)} kW, déclarée le {formatDay(s.createdAt)}. Toute correction ou tout retrait se
        déclare dans les 10 jours ouvrés suivant le changement sur le terrain (protocole ADVENIR) : indiquez le jour du changement, le portail calcule
        l&apos;échéance.
      </p>
      {s.withdrawnOn ? (
        <Alert
          severity="info"
          small
          description={`Station retirée le ${formatDay(s.withdrawnOn)} (déclaré le ${formatDay(s.withdrawnAt)}). Ses données reçues sont conservées.`}
          className="fr-mb-4w"
        />
      ) : (
        <>
          {s.channel === "ADVENIR" ? (
            <section aria-labelledby="corriger">
              <h2 id="corriger">Corriger la station</h2>
              <CorrectStationForm
                action={correctStationAction.bind(null, s.dossier.id, s.id)}
                current={{ stationCode: s.stationCode, pointCount: s.pointCount, nominalPowerKw: s.nominalPowerKw }}
                codeLocked={s.dataReceived}
              />
            </section>
          ) : (
            <p>
              Une station du canal GIREVE se corrige point par point, par ses données statiques IRVE :{" "}
              {s.points
                .filter((p) => !p.withdrawnOn)
                .map((p, i) => (
                  <span key={p.id}>
                    {i > 0 && ", "}
                    <Link href={`${dossierHref}/points/${p.id}`}>{p.idPdcItinerance}</Link>
                  </span>
                ))}
              .
            </p>
          )}
          <section aria-labelledby="retirer" className="fr-mt-6w">
            <h2 id="retirer">Retirer la station</h2>
            <p>
              Pour une station mise hors service définitivement. Rien n&apos;est effacé : les données déjà reçues restent, et l&apos;identifiant reste attaché à
              cette station.
            </p>
            <WithdrawForm
              action={withdrawStationAction.bind(null, s.dossier.id, s.id)}
              formId="retrait-station"
              what="la station"
              consequence={s.points.length > 0 ? "Ses points de charge sont retirés avec elle." : "Elle ne comptera plus parmi les stations en service."}
            />
          </section>
        </>
      )}
      <h2 className="fr-mt-6w">Historique</h2>
      <ChangeHistory changes={s.changes} />
      <p className="fr-mt-4w">
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={dossierHref}>
          Retour au dossier {s.dossier.reference}
        </Link>
      </p>
    </>
  );
}
