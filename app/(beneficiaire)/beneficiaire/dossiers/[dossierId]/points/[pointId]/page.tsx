import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/platform/db/database";
import { getStationView } from "@/lib/stations/get-station-view";
import { getPointActivity } from "@/lib/dossiers/get-point-activity";
import { formatDay } from "@/lib/platform/format";
import { pageParam } from "@/lib/platform/pagination";
import { withPage } from "@/components/ui/page-links";
import { PointActivitySection } from "@/components/dossiers/point-activity";
import { IrvePointForm } from "@/components/dossiers/irve-point-form";
import { WithdrawForm } from "@/components/dossiers/station-change-forms";
import { correctIrvePointAction, withdrawIrvePointAction } from "../../../actions";

export const metadata: Metadata = { title: "Point de charge : statut, recharges, correction" };

export default async function ChargePointPage({
  params,
  searchParams,
}: {
  params: Promise<{ dossierId: string; pointId: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const user = await requirePermission("dossiers:manage-own");
  const { dossierId, pointId } = await params;
  const { page } = await searchParams;
  if (!/^[0-9a-f-]{36}$/i.test(pointId)) notFound();
  const prisma = await db();
  const ref = await prisma.chargePoint.findUnique({ where: { id: pointId }, select: { stationId: true } });
  const s = ref ? await getStationView({ dossierId, stationId: ref.stationId, viewer: user }) : null;
  const p = s?.points.find((x) => x.id === pointId);
  if (!s || !p || !p.idPdcItinerance) notFound();
  const activity = await getPointActivity({ dossierId, pointId, viewer: user, page: pageParam(page) });
  if (!activity) notFound();
  const dossierHref = `/beneficiaire/dossiers/${s.dossier.id}`;
  const pointHref = `${dossierHref}/points/${p.id}`;
  return (
    <>
      <Breadcrumb
        currentPageLabel={p.idPdcItinerance}
        segments={[
          { label: "Mes dossiers", linkProps: { href: "/beneficiaire" } },
          { label: s.dossier.reference, linkProps: { href: dossierHref } },
        ]}
      />
      <h1>Point de charge {p.idPdcItinerance}</h1>
      <p>
        Station {s.stationCode}.{" "}
        {p.deadline && (
          <>
            Dernière déclaration le {formatDay(p.deadline.declaredOn)}, échéance du {formatDay(p.deadline.dueDate)}.
          </>
        )}{" "}
        Toute modification se déclare dans les 10 jours ouvrés : la date de mise à jour est le jour de la modification.
      </p>
      <PointActivitySection activity={activity} hrefOfPage={(n) => `${withPage(pointHref, {}, n)}#statut-recharges`} csvHref={`${pointHref}/recharges.csv`} />
      {p.withdrawnOn ? (
        <Alert severity="info" small description={`Point de charge retiré le ${formatDay(p.withdrawnOn)}.`} className="fr-mb-4w" />
      ) : (
        <>
          <section aria-labelledby="corriger">
            <h2 id="corriger">Corriger les données statiques</h2>
            <IrvePointForm
              action={correctIrvePointAction.bind(null, s.dossier.id, p.id)}
              initialValues={p.irve}
              lockedPointId={p.idPdcItinerance}
              submitLabel="Enregistrer la correction"
            />
          </section>
          <section aria-labelledby="retirer" className="fr-mt-6w">
            <h2 id="retirer">Retirer le point de charge</h2>
            <WithdrawForm
              action={withdrawIrvePointAction.bind(null, s.dossier.id, p.id)}
              formId="retrait-point"
              what="le point de charge"
              consequence="Il ne figurera plus dans l'export IRVE ; sa station est retirée avec son dernier point."
            />
          </section>
        </>
      )}
      <p className="fr-mt-4w">
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={dossierHref}>
          Retour au dossier {s.dossier.reference}
        </Link>
      </p>
    </>
  );
}
