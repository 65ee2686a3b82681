import type { Metadata } from "next";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { requirePermission } from "@/lib/auth/session";
import { getOperatorOverview } from "@/lib/overview/get-operator-overview";
import { PendingNotice } from "@/components/ui/pending-notice";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Espace opérateur" };
export const dynamic = "force-dynamic";

export default async function OperatorHome() {
  const user = await requirePermission("operator:console");
  if (!user.operatorId) return <p>Votre compte n&apos;est rattaché à aucun opérateur : contactez l&apos;opérateur technique.</p>;
  const op = await getOperatorOverview({ operatorId: user.operatorId });
  return (
    <>
      <h1>Espace opérateur — {op.name}</h1>
      <p>
        Votre identifiant ADVENIR (<code>UserID</code>), à placer en tête de chaque envoi :{" "}
        <code data-testid="operator-user-id">{op.id}</code>
      </p>
      <p>Dans ce portail, vous pouvez consulter les stations que vos clients ont déclarées chez vous et vos identifiants d&apos;API.</p>
      <PendingNotice title="La console des envois (journal, erreurs, anomalies, bac à sable) et la gestion des identifiants d'API en ligne ne sont pas encore disponibles." />
      <h2>Stations déclarées chez vous</h2>
      {op.stations.length === 0 ? (
        <p>Aucune station n&apos;est encore déclarée avec votre opérateur.</p>
      ) : (
        <Table
          caption="Stations et identifiants à envoyer"
          headers={["Identifiant à envoyer", "Canal", "Dossier", "Points", "Puissance par point (kW)", "Attestation"]}
          data={op.stations.map((s) => [
            s.channel === "ADVENIR" ? (
              <code key="c">{s.stationCode}</code>
            ) : (
              <span key="g">
                <code>{s.stationCode}</code>
                {s.pointIds.length > 0 && <> — points : {s.pointIds.map((id) => <code key={id}>{id} </code>)}</>}
              </span>
            ),
            s.channel === "ADVENIR" ? "StationID (web service)" : "GIREVE",
            s.dossierReference,
            String(s.pointCount),
            String(s.nominalPowerKw),
            s.attestationSigned ? <Badge as="span" severity="success" small>Signée</Badge> : <Badge as="span" severity="warning" small>Non signée</Badge>,
          ])}
        />
      )}
      <h2>Identifiants d&apos;API</h2>
      {op.credentials.length === 0 ? (
        <p>Aucun identifiant d&apos;API.</p>
      ) : (
        <Table
          caption="Identifiants d'API (les secrets ne sont jamais réaffichés)"
          headers={["Identifiant", "Environnement", "Créé le", "Dernier usage", "État"]}
          data={op.credentials.map((c) => [
            <code key="u">{c.username}</code>,
            c.env === "production" ? "Production" : "Bac à sable",
            formatDateTime(c.createdAt),
            formatDateTime(c.lastUsedAt),
            c.revokedAt ? `Révoqué le ${formatDateTime(c.revokedAt)}` : "Actif",
          ])}
        />
      )}
    </>
  );
}
