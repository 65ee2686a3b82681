import type { Metadata } from "next";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { requirePermission } from "@/lib/auth/session";
import { getBeneficiaryOverview } from "@/lib/overview/get-beneficiary-overview";
import { PendingNotice } from "@/components/ui/pending-notice";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Mes dossiers" };
export const dynamic = "force-dynamic";

export default async function BeneficiaryHome() {
  const user = await requirePermission("dossiers:manage-own");
  const dossiers = user.beneficiaryId ? await getBeneficiaryOverview({ beneficiaryId: user.beneficiaryId }) : [];
  return (
    <>
      <h1>Espace bénéficiaire</h1>
      <p>Bonjour {user.name}. Voici ce que vous pouvez faire dans ce portail :</p>
      <ul>
        <li>suivre vos dossiers de subvention ADVENIR et leur état ;</li>
        <li>signer l&apos;attestation sur l&apos;honneur qui autorise l&apos;usage des données de recharge de vos points ;</li>
        <li>déclarer les stations de chaque dossier et les identifiants que votre opérateur enverra.</li>
      </ul>
      <PendingNotice title="La création et la modification des dossiers, la signature de l'attestation et la déclaration des stations en ligne ne sont pas encore disponibles : l'opérateur technique peut les réaliser pour vous en attendant." />
      <h2>Mes dossiers</h2>
      {dossiers.length === 0 ? (
        <p>Aucun dossier n&apos;est rattaché à votre compte.</p>
      ) : (
        <Table
          caption="Dossiers rattachés à votre compte"
          headers={["Référence", "Site", "Commune (INSEE)", "Canal", "Opérateur", "Attestation", "Stations"]}
          data={dossiers.map((d) => [
            d.reference,
            d.siteName,
            d.inseeCode,
            d.channel === "ADVENIR" ? "Web service ADVENIR" : "GIREVE",
            d.operatorName,
            d.signedAt ? (
              <Badge severity="success" small>{`Signée le ${formatDateTime(d.signedAt)}`}</Badge>
            ) : (
              <Badge severity="warning" small>À signer</Badge>
            ),
            String(d.stationCount),
          ])}
        />
      )}
    </>
  );
}
