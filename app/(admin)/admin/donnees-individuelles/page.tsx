import type { Metadata } from "next";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { DataTable } from "@/components/ui/data-table";
import { requirePermission } from "@/lib/auth/session";
import { getProgrammeStatus } from "@/lib/programme/programme-status";
import { formatDateTime, formatLongDay, formatNumber } from "@/lib/platform/format";
import { PurgeForm } from "@/components/programme/purge-form";
import { purgeIndividualDataAction } from "./actions";

export const metadata: Metadata = { title: "Fin du programme : données individuelles" };
export const dynamic = "force-dynamic";

export default async function IndividualDataPage() {
  await requirePermission("individual-data:purge");
  const s = await getProgrammeStatus();
  const end = s.endDate ? formatLongDay(s.endDate) : null;
  return (
    <>
      <h1>Fin du programme : purge des données individuelles</h1>
      <p>
        Les données individuelles de recharge sont strictement confidentielles et intégralement supprimées à la fin du programme. La purge supprime les
        opérations de recharge et les courbes de charge (production et bac à sable), le journal des appels à l&apos;API (corps reçus et messages d&apos;erreur
        compris) et révoque tous les accès à l&apos;API. Sont conservés : les comptes, les dossiers, les attestations signées, les stations et les indicateurs
        agrégés déjà publiés, qui ne peuvent plus être recalculés.
      </p>
      {s.purge && (
        <Alert
          severity="info"
          title="Données individuelles purgées"
          description={`Purge effectuée le ${formatDateTime(s.purge.at)} par ${s.purge.actor} : ${formatNumber(s.purge.counts.chargeOperations)} opération(s), ${formatNumber(s.purge.counts.loadCurves)} courbe(s), ${formatNumber(s.purge.counts.submissions)} appel(s) journalisé(s) supprimés.`}
          className="fr-mb-3w"
        />
      )}
      <DataTable
        caption="Données individuelles conservées à ce jour"
        headers={["Donnée", "Nombre"]}
        rows={[
          ["Opérations de recharge", formatNumber(s.held.chargeOperations)],
          ["Courbes de charge", formatNumber(s.held.loadCurves)],
          ["Appels à l'API journalisés", formatNumber(s.held.submissions)],
          ["Accès à l'API actifs", formatNumber(s.held.activeCredentials)],
          ["Statuts des points de charge", formatNumber(s.held.statuses)],
          ["Comptes de l'API QualiCharge actifs", formatNumber(s.held.activeApiUsers)],
        ]}
      />
      <h2>Purger</h2>
      {!end ? (
        <Alert
          severity="warning"
          title="Date de fin du programme non configurée"
          description="La purge n'est possible qu'une fois la date de fin du programme indiquée dans la configuration du portail (PROGRAMME_END_DATE, au format AAAA-MM-JJ)."
        />
      ) : !s.ended ? (
        <Alert severity="info" title={`Le programme se termine le ${end}`} description={`La purge sera possible à partir du ${end}.`} />
      ) : (
        <>
          <Alert
            severity="error"
            title="Action irréversible"
            description={`Le programme est terminé depuis le ${end}. Les données supprimées ne pourront pas être restaurées ; la collecte sera close.`}
            className="fr-mb-3w"
          />
          <PurgeForm action={purgeIndividualDataAction} />
        </>
      )}
    </>
  );
}
