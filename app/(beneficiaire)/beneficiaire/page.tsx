import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { requireRole } from "@/lib/auth/session";
import { getBeneficiaryOverview } from "@/lib/overview/get-beneficiary-overview";
import { DOSSIER_STATE_LABELS } from "@/lib/dossiers/dossier-status";

export const metadata: Metadata = { title: "Mes dossiers" };

export default async function BeneficiaryHome() {
  const user = await requireRole("beneficiaire");
  const dossiers = user.beneficiaryId ? await getBeneficiaryOverview({ beneficiaryId: user.beneficiaryId }) : [];
  return (
    <>
      <h1>Espace bénéficiaire</h1>
      <p>Bonjour {user.name}. Voici ce que vous pouvez faire dans ce portail :</p>
      <ul>
        <li>créer et modifier vos dossiers de subvention ADVENIR et suivre leur état ;</li>
        <li>signer l&apos;attestation sur l&apos;honneur qui autorise l&apos;usage des données de recharge de vos points ;</li>
        <li>déclarer les stations de chaque dossier et les identifiants que votre opérateur enverra, ou les données statiques IRVE (canal GIREVE) ;</li>
        <li>vérifier, station par station, que les données arrivent ;</li>
        <li>
          préparer et déposer vos <Link href="/beneficiaire/tiruert">états TIRUERT électrique</Link> (énergie délivrée par vos points ouverts au public).
        </li>
      </ul>
      <Link className="fr-btn fr-icon-add-line fr-btn--icon-left fr-mb-4w" href="/beneficiaire/dossiers/nouveau">
        Nouveau dossier
      </Link>
      <h2>Mes dossiers</h2>
      {dossiers.length === 0 ? (
        <p>Aucun dossier n&apos;est rattaché à votre compte.</p>
      ) : (
        <DataTable
          caption="Dossiers rattachés à votre compte"
          headers={["Référence", "Site", "Canal", "Opérateur", "État", "Stations", "À faire"]}
          rows={dossiers.map((d) => [
            <Link key="l" href={`/beneficiaire/dossiers/${d.id}`}>
              {d.reference}
            </Link>,
            d.siteName,
            d.channel === "ADVENIR" ? "Web service ADVENIR" : "GIREVE",
            d.operatorName,
            <Badge as="span" key="b" severity={d.state === "donnees_recues" ? "success" : d.state === "brouillon" ? "warning" : "info"} small>
              {DOSSIER_STATE_LABELS[d.state]}
            </Badge>,
            String(d.stationCount),
            d.missing[0] ?? "—",
          ])}
        />
      )}
    </>
  );
}
